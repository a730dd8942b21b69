// RUN: %check_clang_tidy %s deadlock-recursive-shared-lock %t -- -- -I%inputs

#include "boost.h"

boost::shared_mutex Rw;

// Positive: boost::shared_mutex::lock_shared twice.
void lockSharedTwice() {
  Rw.lock_shared();
  Rw.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Rw' first acquired shared here
  Rw.unlock_shared();
  Rw.unlock_shared();
}

// Positive: a boost::shared_lock guard, then lock_shared.
void sharedLockThenLockShared() {
  boost::shared_lock<boost::shared_mutex> Guard(Rw);
  Rw.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:43: note: 'Rw' first acquired shared here
  Rw.unlock_shared();
}

// Negative: boost::shared_lock guards in sibling scopes.
void sharedLocksInSiblingScopes() {
  {
    boost::shared_lock<boost::shared_mutex> First(Rw);
  }
  {
    boost::shared_lock<boost::shared_mutex> Second(Rw);
  }
}

// Negative: unlock_shared before the second lock_shared.
void lockSharedUnlockLock() {
  Rw.lock_shared();
  Rw.unlock_shared();
  Rw.lock_shared();
  Rw.unlock_shared();
}

// Negative (double lock, not this check): a shared lock under boost::unique_lock.
void uniqueLockThenLockShared() {
  boost::unique_lock<boost::shared_mutex> Writer(Rw);
  Rw.lock_shared();
  Rw.unlock_shared();
}
