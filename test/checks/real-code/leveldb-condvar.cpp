// RUN: %check_clang_tidy %s deadlock-double-lock,deadlock-missing-unlock,deadlock-blocking-under-lock %t

// leveldb's port::Mutex and port::CondVar (util/port_stdcxx.h), and how
// DBImpl uses them: the condition variable is a member bound to the
// owner's mutex in the owner's constructor, and Wait() adopts the caller's
// mutex into a unique_lock, waits, and release()s it. All of it is correct:
// nothing may be reported.
#include <condition_variable>
#include <mutex>

#define CAPABILITY(x) __attribute__((capability(x)))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))

namespace port {
class CondVar;
class CAPABILITY("mutex") Mutex {
public:
  void Lock() ACQUIRE() { mu_.lock(); }
  void Unlock() RELEASE() { mu_.unlock(); }

private:
  friend class CondVar;
  std::mutex mu_;
};

class CondVar {
public:
  explicit CondVar(Mutex *mu) : mu_(mu) {}
  void Wait() {
    std::unique_lock<std::mutex> lock(mu_->mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();
  }
  void Signal() { cv_.notify_one(); }

private:
  std::condition_variable cv_;
  Mutex *const mu_;
};
} // namespace port

class MutexLock {
public:
  explicit MutexLock(port::Mutex *mu) ACQUIRE(mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() RELEASE() { mu_->Unlock(); }

private:
  port::Mutex *const mu_;
};

class DBImpl {
public:
  DBImpl() : background_work_finished_signal_(&mutex_) {}

  void WaitForCompaction() {
    MutexLock l(&mutex_);
    while (pending_)
      background_work_finished_signal_.Wait();
  }

  void Finish() {
    MutexLock l(&mutex_);
    pending_ = false;
    background_work_finished_signal_.Signal();
  }

  struct Writer {
    explicit Writer(port::Mutex *mu) : cv(mu) {}
    bool done = false;
    port::CondVar cv;
  };

  void Write() {
    Writer w(&mutex_);
    MutexLock l(&mutex_);
    while (!w.done)
      w.cv.Wait();
  }

private:
  port::Mutex mutex_;
  port::CondVar background_work_finished_signal_;
  bool pending_ = true;
};
