// RUN: %check_clang_tidy %s deadlock-* %t

// Negative: leveldb's writer queue (DBImpl::Write). Each writer's condition
// variable is built with the database's mutex and waited on after the
// writer was handed to the queue. The analyzer plugin forgot, once the
// writer had escaped to the queue, which mutex the condition variable's
// `Mutex *const` member holds, and reported the mutex held across the wait;
// the parity test runs this file through it.
#include <condition_variable>
#include <deque>
#include <mutex>
#define CAP(x) __attribute__((capability(x)))
#define SCOPED __attribute__((scoped_lockable))
#define ACQ(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define REL(...) __attribute__((release_capability(__VA_ARGS__)))
class CAP("mutex") Mutex {
public:
  void Lock() ACQ() { mu_.lock(); }
  void Unlock() REL() { mu_.unlock(); }
private:
  friend class CondVar;
  std::mutex mu_;
};
class SCOPED MutexLock {
public:
  explicit MutexLock(Mutex *mu) ACQ(mu) : mu_(mu) { this->mu_->Lock(); }
  ~MutexLock() REL() { this->mu_->Unlock(); }
private:
  Mutex *const mu_;
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
class DB {
  struct Writer {
    explicit Writer(Mutex *mu) : done(false), cv(mu) {}
    bool done;
    CondVar cv;
  };
public:
  virtual ~DB() = default;
  virtual int Write(int X) {
    Writer w(&mutex_);
    MutexLock l(&mutex_);
    writers_.push_back(&w);
    while (!w.done && &w != writers_.front())
      w.cv.Wait();
    writers_.pop_front();
    if (!writers_.empty())
      writers_.front()->cv.Signal();
    return X;
  }
  int Put(int X) { return Write(X); }
private:
  Mutex mutex_;
  std::deque<Writer *> writers_;
};
