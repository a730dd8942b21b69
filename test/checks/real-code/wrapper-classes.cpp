// RUN: %check_clang_tidy %s deadlock-lock-order-inversion,deadlock-blocking-under-lock,deadlock-missing-unlock %t

// Home-made Mutex and Semaphore wrappers, as in log4cplus and zeromq. Every
// lock made from a wrapper shares the wrapper's member (Mutex::mtx); what
// distinguishes them is the field that holds the wrapper.
#include <condition_variable>
#include <mutex>

class Mutex {
public:
  void lock() const { mtx.lock(); }
  void unlock() const { mtx.unlock(); }

private:
  mutable std::mutex mtx;
};

class Semaphore {
public:
  void lock() const {
    std::unique_lock<std::mutex> Guard(mtx);
    cv.wait(Guard, [this] { return count > 0; });
    --count;
  }
  void unlock() const {
    std::lock_guard<std::mutex> Guard(mtx);
    ++count;
    cv.notify_one();
  }

private:
  mutable std::mutex mtx;
  mutable std::condition_variable cv;
  mutable int count = 1;
};

class MutexGuard {
public:
  explicit MutexGuard(const Mutex &m) : m(m) { m.lock(); }
  ~MutexGuard() { m.unlock(); }

private:
  const Mutex &m;
};

// Negative: two wrapped locks of one object taken in one order are two
// classes, not one class taken twice.
struct TwoLocks {
  Mutex First, Second;
  void both() {
    MutexGuard A(First);
    MutexGuard B(Second);
  }
};

// Positive: an inversion between locks held in wrappers is still found.
struct Cache {
  Mutex Mu;
};
struct Disk {
  Mutex Mu;
};
void cacheThenDisk(Cache &C, Disk &D) {
  MutexGuard A(C.Mu);
  MutexGuard B(D.Mu);
}
void diskThenCache(Cache &C, Disk &D) {
  MutexGuard A(D.Mu);
  MutexGuard B(C.Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'C.Mu.mtx' (class 'Cache::Mu') is acquired while holding 'D.Mu.mtx' (class 'Disk::Mu'), but elsewhere 'Disk::Mu' is acquired while holding 'Cache::Mu'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
}

// Two semaphores of one class are two things to wait on: waiting on `Read`
// while holding `Gate` is not made certain by a wake-up of `Write` under
// `Gate` elsewhere. Soft, because Semaphore::lock blocks.
struct ReadersWriters {
  Mutex Gate;
  Semaphore Read, Write;
  void reader() {
    MutexGuard G(Gate);
    Read.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Gate.mtx' is held across a call to 'lock', which blocks; every other thread that needs 'this->Gate.mtx' is blocked as long as this thread waits [deadlock-blocking-under-lock]
    Read.unlock();
  }
  void writerDone() {
    MutexGuard G(Gate);
    Write.unlock();
  }
  // Another thread releases Read without Gate.
  void readerDone() { Read.unlock(); }
};

// The blocked thread's own later release (a guard giving back the
// semaphore it waited for) is not what wakes it; others are. Here the only
// other release happens without Courtois's Entry lock: soft.
struct Courtois {
  Mutex Entry;
  Semaphore Turn;
  void enter() {
    MutexGuard E(Entry);
    Turn.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Entry.mtx' is held across a call to 'lock', which blocks; every other thread that needs 'this->Entry.mtx' is blocked as long as this thread waits [deadlock-blocking-under-lock]
    Turn.unlock();
  }
  void leave() { Turn.unlock(); }
};

// zeromq's scoped_optional_lock_t: a guard that locks only when given a
// mutex. Neither constructor nor destructor is a missing unlock.
class ScopedOptionalLock {
public:
  explicit ScopedOptionalLock(Mutex *m) : m(m) {
    if (m != nullptr)
      m->lock();
  }
  ~ScopedOptionalLock() {
    if (m != nullptr)
      m->unlock();
  }

private:
  Mutex *m;
};
Mutex Shared;
void optionalLock(bool Threadsafe) {
  ScopedOptionalLock L(Threadsafe ? &Shared : nullptr);
}
