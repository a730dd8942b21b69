// Minimal stand-in for absl/synchronization/mutex.h: the names and
// signatures the deadlock checks recognise, without the attributes, so the
// tests exercise the built-in catalog.
#pragma once
namespace absl {
class Condition {
public:
  explicit Condition(const bool *Cond);
};
class Mutex {
public:
  void Lock();
  void Unlock();
  bool TryLock();
  void ReaderLock();
  void ReaderUnlock();
  bool ReaderTryLock();
  void WriterLock();
  void WriterUnlock();
  void LockWhen(const Condition &C);
  void ReaderLockWhen(const Condition &C);
  void Await(const Condition &C);
  void AssertHeld() const;
};
class MutexLock {
public:
  explicit MutexLock(Mutex *Mu);
  MutexLock(Mutex *Mu, const Condition &C);
  ~MutexLock();
};
class ReaderMutexLock {
public:
  explicit ReaderMutexLock(Mutex *Mu);
  ~ReaderMutexLock();
};
class WriterMutexLock {
public:
  explicit WriterMutexLock(Mutex *Mu);
  ~WriterMutexLock();
};
class ReleasableMutexLock {
public:
  explicit ReleasableMutexLock(Mutex *Mu);
  ~ReleasableMutexLock();
  void Release();
};
class CondVar {
public:
  void Wait(Mutex *Mu);
  void Signal();
  void SignalAll();
};
} // namespace absl
