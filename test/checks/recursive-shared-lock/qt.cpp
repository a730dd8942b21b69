// RUN: %check_clang_tidy %s deadlock-recursive-shared-lock %t -- -- -I%inputs

#include "qt.h"

QReadWriteLock Lock;
QReadWriteLock Other;

struct Model {
  QReadWriteLock Lock;
  int Rows = 0;
};

//===----------------------------------------------------------------------===//
// Positive cases.
//===----------------------------------------------------------------------===//

// Positive: lockForRead twice.
void lockForReadTwice() {
  Lock.lockForRead();
  Lock.lockForRead();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Lock' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Lock' first acquired shared here
  Lock.unlock();
  Lock.unlock();
}

// Positive: a QReadLocker, then a manual lockForRead.
void readLockerThenLockForRead() {
  QReadLocker Locker(&Lock);
  Lock.lockForRead();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Lock' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'Lock' first acquired shared here
  Lock.unlock();
}

// Positive: two QReadLockers on a model reached through a reference.
int twoReadLockers(Model &A) {
  QReadLocker First(&A.Lock);
  QReadLocker Second(&A.Lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'A.Lock' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'A.Lock' first acquired shared here
  return A.Rows;
}

// Positive: tryLockForRead succeeded, then a QReadLocker.
void tryLockForReadSucceeded() {
  if (Lock.tryLockForRead()) {
    QReadLocker Locker(&Lock);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'Lock' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'Lock' first acquired shared here
    Lock.unlock();
  }
}

// Positive: a QReadLocker unlocked and relocked, then a second read lock.
void relockedThenLockForRead() {
  QReadLocker Locker(&Lock);
  Locker.unlock();
  Locker.relock();
  Lock.lockForRead();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Lock' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Lock' first acquired shared here
  Lock.unlock();
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: QReadWriteLock::unlock() releases the read lock.
void lockForReadUnlockLock() {
  Lock.lockForRead();
  Lock.unlock();
  Lock.lockForRead();
  Lock.unlock();
}

// Negative: QReadLocker::unlock() releases before the manual read lock.
void readLockerUnlockedFirst() {
  QReadLocker Locker(&Lock);
  Locker.unlock();
  Lock.lockForRead();
  Lock.unlock();
}

// Negative: QReadLockers in sibling scopes.
void readLockersInSiblingScopes() {
  {
    QReadLocker First(&Lock);
  }
  {
    QReadLocker Second(&Lock);
  }
}

// Negative: tryLockForRead failed; only the blocking read lock is held.
void tryLockForReadFailed() {
  if (!Lock.tryLockForRead())
    Lock.lockForRead();
  Lock.unlock();
}

// Negative: two different locks.
void differentLocks() {
  QReadLocker First(&Lock);
  QReadLocker Second(&Other);
}

// Negative: writer only.
void writeLockerOnly() {
  QWriteLocker Locker(&Lock);
}

// Negative (double lock, not this check): lockForRead while write-locked.
void lockForWriteThenLockForRead() {
  Lock.lockForWrite();
  Lock.lockForRead();
  Lock.unlock();
  Lock.unlock();
}

// Negative (double lock, not this check): write-locking under a QReadLocker.
void readLockerThenWriteLocker() {
  QReadLocker Reader(&Lock);
  QWriteLocker Writer(&Lock);
}
