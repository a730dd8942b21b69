// Minimal stand-in for Qt's QMutex family.
#pragma once
class QMutex {
public:
  void lock();
  bool tryLock(int Timeout = 0);
  void unlock();
};
class QRecursiveMutex {
public:
  void lock();
  bool tryLock(int Timeout = 0);
  void unlock();
};
template <typename Mutex> class QMutexLocker {
public:
  explicit QMutexLocker(Mutex *M);
  ~QMutexLocker();
  void unlock();
  void relock();
};
class QReadWriteLock {
public:
  void lockForRead();
  void lockForWrite();
  bool tryLockForRead();
  bool tryLockForWrite();
  void unlock();
};
class QReadLocker {
public:
  explicit QReadLocker(QReadWriteLock *L);
  ~QReadLocker();
  void unlock();
  void relock();
};
class QWriteLocker {
public:
  explicit QWriteLocker(QReadWriteLock *L);
  ~QWriteLocker();
  void unlock();
  void relock();
};
