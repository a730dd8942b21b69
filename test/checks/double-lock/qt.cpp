// RUN: %check_clang_tidy %s deadlock-double-lock %t -- -- -I%inputs

#include "qt.h"

QMutex Mu;
QRecursiveMutex RecMu;
QReadWriteLock RW;

void work();

// QMutex::lock twice.
void lockTwice() {
  Mu.lock();
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' first acquired here
  Mu.unlock();
}

// A QMutexLocker, then the mutex locked by hand.
void lockerThenLock() {
  QMutexLocker<QMutex> Locker(&Mu);
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:24: note: 'Mu' first acquired here
  Mu.unlock();
}

// relock() after unlock() holds the mutex again.
void lockerRelockThenLock() {
  QMutexLocker<QMutex> Locker(&Mu);
  Locker.unlock();
  work();
  Locker.relock();
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' first acquired here
  Mu.unlock();
}

// QReadLocker then QWriteLocker: an upgrade.
void readThenWriteLocker() {
  QReadLocker R(&RW);
  QWriteLocker W(&RW);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'RW' is acquired exclusively while this thread holds it shared; the upgrade waits for this thread's own shared lock and deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'RW' first acquired shared here
  work();
}

// lockForWrite then lockForRead.
void writeThenRead() {
  RW.lockForWrite();
  RW.lockForRead();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'RW' is acquired shared while this thread holds it exclusively; this deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'RW' first acquired here
  RW.unlock();
  RW.unlock();
}

// A successful tryLock holds the mutex.
void tryLockSuccessThenLocker() {
  if (Mu.tryLock()) {
    QMutexLocker<QMutex> Locker(&Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'Mu' first acquired here
    work();
  }
}

// Negative: QRecursiveMutex may be locked again by its owner.
void recursiveTwice() {
  RecMu.lock();
  RecMu.lock();
  RecMu.unlock();
  RecMu.unlock();
}

// Negative: a QMutexLocker on a QRecursiveMutex, then a manual lock.
void recursiveLockerThenLock() {
  QMutexLocker<QRecursiveMutex> Locker(&RecMu);
  RecMu.lock();
  RecMu.unlock();
}

// Negative: the locker unlocks before the manual lock.
void lockerUnlockThenLock() {
  QMutexLocker<QMutex> Locker(&Mu);
  work();
  Locker.unlock();
  Mu.lock();
  Mu.unlock();
}

// Negative: a failed tryLock holds nothing.
void tryLockFailure() {
  if (!Mu.tryLock(100))
    Mu.lock();
  work();
  Mu.unlock();
}

// Negative: two read locks belong to deadlock-recursive-shared-lock.
void readTwice() {
  RW.lockForRead();
  RW.lockForRead();
  RW.unlock();
  RW.unlock();
}

// Negative: read locker unlocked before the write locker.
void readUnlockThenWrite() {
  QReadLocker R(&RW);
  work();
  R.unlock();
  QWriteLocker W(&RW);
  work();
}
