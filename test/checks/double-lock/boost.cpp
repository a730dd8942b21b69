// RUN: %check_clang_tidy %s deadlock-double-lock %t -- -- -I%inputs

#include "boost.h"

boost::mutex Mu;
boost::recursive_mutex RecMu;
boost::shared_mutex SMu;

void work();

// boost::mutex locked twice.
void lockTwice() {
  Mu.lock();
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' first acquired here
  Mu.unlock();
}

// boost::lock_guard, then a boost::unique_lock on the same mutex.
void guardThenUniqueLock() {
  boost::lock_guard<boost::mutex> G(Mu);
  boost::unique_lock<boost::mutex> Lk(Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:35: note: 'Mu' first acquired here
  work();
}

// boost::shared_lock then an exclusive lock: an upgrade.
void sharedLockThenLock() {
  boost::shared_lock<boost::shared_mutex> R(SMu);
  SMu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SMu' is acquired exclusively while this thread holds it shared; the upgrade waits for this thread's own shared lock and deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:43: note: 'SMu' first acquired shared here
  SMu.unlock();
}

// Exclusive then lock_shared on a boost::shared_mutex.
void lockThenLockShared() {
  SMu.lock();
  SMu.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SMu' is acquired shared while this thread holds it exclusively; this deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'SMu' first acquired here
  SMu.unlock_shared();
  SMu.unlock();
}

// A deferred boost::unique_lock locked through the guard, then by hand.
void deferredLockThenLock() {
  boost::unique_lock<boost::mutex> Lk(Mu, boost::defer_lock);
  Lk.lock();
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' first acquired here
  Mu.unlock();
}

// Negative: boost::recursive_mutex locked twice.
void recursiveTwice() {
  RecMu.lock();
  RecMu.lock();
  RecMu.unlock();
  RecMu.unlock();
}

// Negative: nested guards on a boost::recursive_mutex.
void recursiveGuards() {
  boost::lock_guard<boost::recursive_mutex> Outer(RecMu);
  boost::unique_lock<boost::recursive_mutex> Inner(RecMu);
  work();
}

// Negative: a deferred guard does not lock on construction.
void deferredDoesNotLock() {
  boost::unique_lock<boost::mutex> Lk(Mu, boost::defer_lock);
  Mu.lock();
  Mu.unlock();
  Lk.lock();
}

// Negative: adopt_lock takes over a mutex that is already held.
void adoptHeld() {
  Mu.lock();
  boost::lock_guard<boost::mutex> G(Mu, boost::adopt_lock);
  work();
}

// Negative: a try_to_lock guard that failed leaves the mutex free.
void tryToLockFailure() {
  boost::unique_lock<boost::mutex> Lk(Mu, boost::try_to_lock);
  if (!Lk.owns_lock()) {
    Mu.lock();
    Mu.unlock();
  }
}

// Negative: the guard unlocks before the manual lock.
void guardUnlockThenLock() {
  boost::unique_lock<boost::mutex> Lk(Mu);
  Lk.unlock();
  Mu.lock();
  Mu.unlock();
}
