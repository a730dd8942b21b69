// Stand-ins for leveldb's port::Mutex, port::CondVar and MutexLock
// (port/port_stdcxx.h, util/mutexlock.h), with their thread-safety
// attributes.
#pragma once

#include <condition_variable>
#include <mutex>

namespace port {

class __attribute__((capability("mutex"))) Mutex {
public:
  void Lock() __attribute__((acquire_capability())) { mu_.lock(); }
  void Unlock() __attribute__((release_capability())) { mu_.unlock(); }

private:
  friend class CondVar;
  std::mutex mu_;
};

// Waits release the Mutex the condition variable was built with.
class CondVar {
public:
  explicit CondVar(Mutex *mu) : mu_(mu) {}
  void Wait() {
    std::unique_lock<std::mutex> lock(mu_->mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();
  }
  void Signal() { cv_.notify_one(); }
  void SignalAll() { cv_.notify_all(); }

private:
  std::condition_variable cv_;
  Mutex *const mu_;
};

} // namespace port

class __attribute__((scoped_lockable)) MutexLock {
public:
  explicit MutexLock(port::Mutex *mu) __attribute__((acquire_capability(mu)))
      : mu_(mu) {
    this->mu_->Lock();
  }
  ~MutexLock() __attribute__((release_capability())) { this->mu_->Unlock(); }

private:
  port::Mutex *const mu_;
};
