// RUN: %check_clang_tidy %s deadlock-recursive-shared-lock %t -- -- -I%inputs

#include <shared_mutex>

std::shared_mutex Rw;
void work();
bool poll();

//===----------------------------------------------------------------------===//
// Positive cases.
//===----------------------------------------------------------------------===//

// Positive: held on one branch only; that path re-acquires.
void heldOnOneBranch(bool C) {
  if (C)
    Rw.lock_shared();
  Rw.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'Rw' first acquired shared here
  Rw.unlock_shared();
  if (C)
    Rw.unlock_shared();
}

// Positive: the same condition guards both acquisitions.
void sameConditionTwice(bool C) {
  if (C)
    Rw.lock_shared();
  work();
  if (C)
    Rw.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'Rw' first acquired shared here
  if (C) {
    Rw.unlock_shared();
    Rw.unlock_shared();
  }
}

// Positive: two independent conditions can both hold.
void independentConditions(bool A, bool B) {
  if (A)
    Rw.lock_shared();
  if (B)
    Rw.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'Rw' first acquired shared here
  if (B)
    Rw.unlock_shared();
  if (A)
    Rw.unlock_shared();
}

// Positive: the early return releases, but the fall-through path still holds.
void earlyReturnOnlyOnOnePath(bool C) {
  Rw.lock_shared();
  if (C) {
    Rw.unlock_shared();
    return;
  }
  Rw.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-7]]:3: note: 'Rw' first acquired shared here
  Rw.unlock_shared();
  Rw.unlock_shared();
}

// Positive: a read lock taken before a loop and again inside it.
void heldAcrossLoop(int N) {
  Rw.lock_shared();
  for (int I = 0; I < N; ++I) {
    std::shared_lock<std::shared_mutex> Guard(Rw);
    // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Rw' first acquired shared here
    work();
  }
  Rw.unlock_shared();
}

// Positive: a loop body that locks but only sometimes unlocks; the next
// iteration re-acquires what the previous one kept.
void loopKeepsLockOnSomeIterations(int N, bool C) {
  for (int I = 0; I < N; ++I) {
    Rw.lock_shared();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Rw' first acquired shared here
    if (C)
      Rw.unlock_shared();
  }
}

// Positive: goto back to a read lock that was never released.
void gotoBackToLock() {
retry:
  Rw.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'Rw' first acquired shared here
  if (!poll())
    goto retry;
  Rw.unlock_shared();
}

// Positive: a switch case falls through into another read lock.
void switchFallthrough(int K) {
  switch (K) {
  case 0:
    Rw.lock_shared();
    [[fallthrough]];
  case 1:
    Rw.lock_shared();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'Rw' first acquired shared here
    break;
  default:
    break;
  }
}

// Positive: a do-while whose body keeps the read lock when it exits early.
void doWhileKeepsLock() {
  do {
    Rw.lock_shared();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Rw' first acquired shared here
    if (poll())
      continue;
    Rw.unlock_shared();
  } while (poll());
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: correlated conditions lock and unlock together.
void correlatedLockUnlock(bool C) {
  if (C)
    Rw.lock_shared();
  work();
  if (C)
    Rw.unlock_shared();
  Rw.lock_shared();
  Rw.unlock_shared();
}

// Negative: complementary conditions never both acquire.
void complementaryConditions(bool C) {
  if (C)
    Rw.lock_shared();
  if (!C)
    Rw.lock_shared();
  Rw.unlock_shared();
}

// Negative: one read lock in each branch of an if/else.
void oneLockPerBranch(bool C) {
  if (C) {
    Rw.lock_shared();
    work();
  } else {
    Rw.lock_shared();
  }
  Rw.unlock_shared();
}

// Negative: a loop that locks and unlocks every iteration.
void loopLockUnlock(int N) {
  for (int I = 0; I < N; ++I) {
    Rw.lock_shared();
    work();
    Rw.unlock_shared();
  }
}

// Negative: a guard scoped to the loop body is released every iteration.
void loopScopedGuard(int N) {
  while (N-- > 0) {
    std::shared_lock<std::shared_mutex> Guard(Rw);
    work();
  }
}

// Negative: a loop that exits with break right after taking the lock.
void loopBreaksAfterLock() {
  while (true) {
    Rw.lock_shared();
    break;
  }
  Rw.unlock_shared();
}

// Negative: a retry loop on try_lock_shared; the success path leaves the loop.
void tryLockRetryLoop() {
  while (!Rw.try_lock_shared())
    work();
  Rw.unlock_shared();
}

// Negative: the early return unlocks; the later read lock follows a release.
void earlyReturnUnlocks(bool C) {
  Rw.lock_shared();
  if (C) {
    Rw.unlock_shared();
    return;
  }
  Rw.unlock_shared();
  Rw.lock_shared();
  Rw.unlock_shared();
}

// Negative: an early return under a guard, then a read lock after its scope.
int earlyReturnUnderGuard(bool C) {
  {
    std::shared_lock<std::shared_mutex> Guard(Rw);
    if (C)
      return 1;
  }
  Rw.lock_shared();
  Rw.unlock_shared();
  return 0;
}

// Negative: the held path returns before the second acquisition.
void heldPathReturns(bool C) {
  if (C) {
    Rw.lock_shared();
    work();
    Rw.unlock_shared();
    return;
  }
  Rw.lock_shared();
  Rw.unlock_shared();
}

// Negative: goto to a cleanup label that releases.
void gotoCleanup(bool Fail) {
  Rw.lock_shared();
  if (Fail)
    goto out;
  work();
out:
  Rw.unlock_shared();
  Rw.lock_shared();
  Rw.unlock_shared();
}

// Negative: each switch case takes the lock once and breaks.
void switchCasesBreak(int K) {
  switch (K) {
  case 0:
    Rw.lock_shared();
    Rw.unlock_shared();
    break;
  case 1:
    Rw.lock_shared();
    Rw.unlock_shared();
    break;
  default:
    break;
  }
  Rw.lock_shared();
  Rw.unlock_shared();
}

// Negative: a try-lock result kept in a variable; only the failure path blocks.
void tryLockResultInVariable() {
  bool Locked = Rw.try_lock_shared();
  if (!Locked)
    Rw.lock_shared();
  Rw.unlock_shared();
}

// Negative: correlated condition on a variable the body does not change.
void correlatedFlagAcrossLoop(bool C, int N) {
  if (C)
    Rw.lock_shared();
  for (int I = 0; I < N; ++I)
    work();
  if (C)
    Rw.unlock_shared();
  std::shared_lock<std::shared_mutex> Guard(Rw);
}
