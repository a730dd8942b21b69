// RUN: %check_clang_tidy %s deadlock-double-lock %t -- -- -I%inputs

#include <mutex>

std::mutex Mu;

void work();
bool fail();
bool done();
bool skip(int I);
bool needLock();

// Locked on one branch only; the path through it deadlocks.
void lockOnOneBranch(bool C) {
  if (C)
    Mu.lock();
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'Mu' first acquired here
  Mu.unlock();
}

// Unlocked on one branch only; the other path still holds it.
void unlockOnOneBranch(bool C) {
  Mu.lock();
  if (C)
    Mu.unlock();
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'Mu' first acquired here
  Mu.unlock();
}

// Two independent conditions can both be true.
void independentConditions(bool A, bool B) {
  if (A)
    Mu.lock();
  work();
  if (B)
    Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'Mu' first acquired here
}

// The same condition twice: when it is true both locks run.
void correlatedDoubleLock(bool C) {
  if (C)
    Mu.lock();
  work();
  if (C)
    Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'Mu' first acquired here
}

// Locks every iteration, never unlocks: the second iteration deadlocks.
void loopWithoutUnlock(int N) {
  for (int I = 0; I < N; ++I) {
    Mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Mu' first acquired here
    work();
  }
}

// continue skips the unlock.
void continueSkipsUnlock(int N) {
  for (int I = 0; I < N; ++I) {
    Mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Mu' first acquired here
    if (skip(I))
      continue;
    work();
    Mu.unlock();
  }
}

// break leaves the loop still holding the lock.
void breakKeepsLock() {
  while (true) {
    Mu.lock();
    if (done())
      break;
    Mu.unlock();
  }
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: 'Mu' first acquired here
  Mu.unlock();
}

// A switch case falls through into another case that locks again.
void switchFallthrough(int K) {
  switch (K) {
  case 0:
    Mu.lock();
    [[fallthrough]];
  case 1:
    Mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'Mu' first acquired here
    break;
  default:
    return;
  }
  Mu.unlock();
}

// A goto back to the lock without unlocking.
void gotoRetryWithoutUnlock() {
retry:
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'Mu' first acquired here
  if (fail())
    goto retry;
  Mu.unlock();
}

// Negative: the unlock is guarded by the same condition as the lock.
void correlatedLockUnlock(bool C) {
  if (C)
    Mu.lock();
  work();
  if (C)
    Mu.unlock();
  Mu.lock();
  Mu.unlock();
}

// Negative: correlated through a local initialised once.
void correlatedLocal() {
  const bool Locking = needLock();
  if (Locking)
    Mu.lock();
  work();
  if (Locking)
    Mu.unlock();
  std::lock_guard<std::mutex> G(Mu);
}

// Negative: a condition and its negation never both hold.
void complementaryConditions(bool C) {
  if (C)
    Mu.lock();
  if (!C)
    Mu.lock();
  work();
  Mu.unlock();
}

// Negative: a flag records whether the lock was taken.
void flagRecordsLock(bool C) {
  bool Locked = false;
  if (C) {
    Mu.lock();
    Locked = true;
  }
  work();
  if (Locked)
    Mu.unlock();
  Mu.lock();
  Mu.unlock();
}

// Negative: lock and unlock every iteration.
void loopLockUnlock(int N) {
  for (int I = 0; I < N; ++I) {
    Mu.lock();
    work();
    Mu.unlock();
  }
}

// Negative: continue unlocks first.
void continueUnlocks(int N) {
  for (int I = 0; I < N; ++I) {
    Mu.lock();
    if (skip(I)) {
      Mu.unlock();
      continue;
    }
    work();
    Mu.unlock();
  }
}

// Negative: break unlocks first; the lock after the loop is fresh.
void breakUnlocks() {
  while (true) {
    Mu.lock();
    if (done()) {
      Mu.unlock();
      break;
    }
    Mu.unlock();
  }
  Mu.lock();
  Mu.unlock();
}

// Negative: a do-while loop that locks and unlocks.
void doWhileLockUnlock() {
  do {
    Mu.lock();
    work();
    Mu.unlock();
  } while (!done());
}

// Negative: held across the loop, dropped around the slow part.
void dropInsideLoop() {
  Mu.lock();
  while (!done()) {
    Mu.unlock();
    work();
    Mu.lock();
  }
  Mu.unlock();
}

// Negative: spinning on try_lock; failed attempts hold nothing.
void spinOnTryLock() {
  while (!Mu.try_lock())
    work();
  work();
  Mu.unlock();
}

// Negative: break out of an endless loop once try_lock succeeds.
void breakOnTryLock() {
  for (;;) {
    if (Mu.try_lock())
      break;
    work();
  }
  work();
  Mu.unlock();
}

// Negative: goto a cleanup label that unlocks.
void gotoCleanup() {
  Mu.lock();
  if (fail())
    goto out;
  work();
out:
  Mu.unlock();
  Mu.lock();
  Mu.unlock();
}

// Negative: goto retry after unlocking.
void gotoRetryUnlocks() {
retry:
  Mu.lock();
  if (fail()) {
    Mu.unlock();
    goto retry;
  }
  Mu.unlock();
}

// Negative: each switch case locks and unlocks on its own.
void switchEachCase(int K) {
  switch (K) {
  case 0:
    Mu.lock();
    work();
    Mu.unlock();
    break;
  case 1:
    Mu.lock();
    Mu.unlock();
    [[fallthrough]];
  case 2:
    Mu.lock();
    Mu.unlock();
    break;
  default:
    break;
  }
  Mu.lock();
  Mu.unlock();
}

// Negative: an early return that unlocks first.
void earlyReturnUnlocks(bool C) {
  Mu.lock();
  if (C) {
    Mu.unlock();
    return;
  }
  work();
  Mu.unlock();
  Mu.lock();
  Mu.unlock();
}

// Negative: returning while holding the lock never reaches the relock.
void earlyReturnHolding(bool C) {
  Mu.lock();
  if (C)
    return;
  Mu.unlock();
  Mu.lock();
  Mu.unlock();
}

// Negative: defining a lambda that locks, while holding, acquires nothing.
void lambdaDefinedWhileHeld() {
  Mu.lock();
  auto F = [] {
    Mu.lock();
    work();
    Mu.unlock();
  };
  Mu.unlock();
  F();
}

// Held before a loop whose body locks again: the first iteration deadlocks.
void lockBeforeLoopLockInside() {
  Mu.lock();
  while (!done()) {
    Mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Mu' first acquired here
    work();
    Mu.unlock();
  }
  Mu.unlock();
}

// A guard in a loop body while the caller-side lock is already held.
void guardInLoopWhileHeld(int N) {
  std::lock_guard<std::mutex> Outer(Mu);
  for (int I = 0; I < N; ++I) {
    std::lock_guard<std::mutex> Inner(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'Mu' first acquired here
    work();
  }
}

// With &&, the else branch is also reached after a successful try_lock.
void shortCircuitTryLock() {
  if (Mu.try_lock() && done()) {
    Mu.unlock();
  } else {
    Mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-5]]:7: note: 'Mu' first acquired here
    Mu.unlock();
  }
}

// Negative: the try_lock result decides the unlock.
void tryLockResultDecidesUnlock() {
  bool Got = Mu.try_lock();
  work();
  if (Got)
    Mu.unlock();
  Mu.lock();
  Mu.unlock();
}
