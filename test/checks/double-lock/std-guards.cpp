// RUN: %check_clang_tidy %s deadlock-double-lock %t -- -- -I%inputs

#include <condition_variable>
#include <mutex>
#include <utility>

std::mutex Mu;
std::mutex MuA;
std::mutex MuB;
std::condition_variable Cv;
bool Ready = false;

void work();

// A manual lock inside a lock_guard's scope.
void lockGuardThenLock() {
  std::lock_guard<std::mutex> G(Mu);
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Mu' first acquired here
  Mu.unlock();
}

// A deduced unique_lock, then a deduced lock_guard in a nested scope.
void uniqueLockThenNestedGuard() {
  std::unique_lock Lk(Mu);
  {
    std::lock_guard G(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-4]]:20: note: 'Mu' first acquired here
    work();
  }
}

// scoped_lock takes every one of its mutexes.
void scopedLockThenGuardOnSecond() {
  std::scoped_lock Both(MuA, MuB);
  std::lock_guard<std::mutex> G(MuB);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'MuB' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'MuB' first acquired here
}

// std::lock takes every one of its mutexes.
void stdLockThenLock() {
  std::lock(MuA, MuB);
  MuA.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'MuA' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'MuA' first acquired here
  MuA.unlock();
  MuA.unlock();
  MuB.unlock();
}

// A deferred unique_lock holds the mutex once lock() is called on it.
void deferredThenGuardLock() {
  std::unique_lock<std::mutex> Lk(Mu, std::defer_lock);
  Lk.lock();
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' first acquired here
  Mu.unlock();
}

// unlock() then lock() on the guard holds the mutex again.
void guardUnlockRelockThenLock() {
  std::unique_lock<std::mutex> Lk(Mu);
  Lk.unlock();
  work();
  Lk.lock();
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' first acquired here
  Mu.unlock();
}

// Moving a unique_lock moves ownership; the mutex is still held.
void movedGuardStillHolds() {
  std::unique_lock<std::mutex> First(Mu);
  std::unique_lock<std::mutex> Second(std::move(First));
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:32: note: 'Mu' first acquired here
  Mu.unlock();
}

// release() gives up the guard's ownership but leaves the mutex locked.
void releasedGuardStillLocked() {
  std::unique_lock<std::mutex> Lk(Mu);
  Lk.release();
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:32: note: 'Mu' first acquired here
}

// A try_to_lock guard that owns its mutex holds it.
void tryToLockOwnsThenLock() {
  std::unique_lock<std::mutex> Lk(Mu, std::try_to_lock);
  if (Lk.owns_lock()) {
    Mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-4]]:32: note: 'Mu' first acquired here
    Mu.unlock();
  }
}

// adopt_lock acquires nothing: the first acquisition is the manual lock.
void adoptThenLock() {
  Mu.lock();
  std::lock_guard<std::mutex> G(Mu, std::adopt_lock);
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Mu' first acquired here
  Mu.unlock();
}

// A condition wait returns holding the mutex; locking it then deadlocks.
void lockAfterWait() {
  std::unique_lock<std::mutex> Lk(Mu);
  Cv.wait(Lk, [] { return Ready; });
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:32: note: 'Mu' first acquired here
  Mu.unlock();
}

// Negative: two lock_guards in sequential scopes.
void sequentialGuards() {
  {
    std::lock_guard<std::mutex> G(Mu);
    work();
  }
  {
    std::lock_guard<std::mutex> G(Mu);
    work();
  }
}

// Negative: scoped_lock on two different mutexes.
void scopedLockTwoMutexes() {
  std::scoped_lock Both(MuA, MuB);
  work();
}

// Negative: std::lock + adopt_lock guards, then a fresh guard after them.
void stdLockAdopt() {
  {
    std::lock(MuA, MuB);
    std::lock_guard<std::mutex> GA(MuA, std::adopt_lock);
    std::lock_guard<std::mutex> GB(MuB, std::adopt_lock);
    work();
  }
  std::lock_guard<std::mutex> Again(MuA);
}

// Negative: std::lock over deferred unique_locks.
void stdLockDeferred() {
  std::unique_lock<std::mutex> LA(MuA, std::defer_lock);
  std::unique_lock<std::mutex> LB(MuB, std::defer_lock);
  std::lock(LA, LB);
  work();
}

// Negative: the guard unlocks, the mutex is then taken by hand.
void guardUnlockThenManualLock() {
  std::unique_lock<std::mutex> Lk(Mu);
  Lk.unlock();
  Mu.lock();
  work();
  Mu.unlock();
}

// Negative: unlock then relock through the same guard, repeatedly.
void guardUnlockRelock() {
  std::unique_lock<std::mutex> Lk(Mu);
  work();
  Lk.unlock();
  work();
  Lk.lock();
  work();
  Lk.unlock();
  Lk.lock();
}

// Negative: a deferred guard does not lock until asked to.
void deferredDoesNotLock() {
  std::unique_lock<std::mutex> Lk(Mu, std::defer_lock);
  Mu.lock();
  Mu.unlock();
  Lk.lock();
}

// Negative: a moved-to guard releases at the end of its own scope.
void movedGuardReleasesAtItsScope() {
  std::unique_lock<std::mutex> First(Mu);
  {
    std::unique_lock<std::mutex> Second(std::move(First));
    work();
  }
  Mu.lock();
  Mu.unlock();
}

// Negative: move-assignment hands over the lock; the target unlocks it.
void moveAssignedGuardUnlocks() {
  std::unique_lock<std::mutex> First(Mu);
  std::unique_lock<std::mutex> Second;
  Second = std::move(First);
  Second.unlock();
  Mu.lock();
  Mu.unlock();
}

// Negative: release() then unlocking by hand frees the mutex.
void releaseThenManualUnlock() {
  std::unique_lock<std::mutex> Lk(Mu);
  Lk.release();
  Mu.unlock();
  std::lock_guard<std::mutex> G(Mu);
}

// Negative: try_to_lock, return if not owned, unlock before relocking.
void tryToLockNotOwned() {
  std::unique_lock<std::mutex> Lk(Mu, std::try_to_lock);
  if (!Lk.owns_lock())
    return;
  work();
  Lk.unlock();
  Mu.lock();
  Mu.unlock();
}

// Negative: on the failure path of a try_to_lock guard, locking is fine.
void tryToLockFallback() {
  std::unique_lock<std::mutex> Lk(Mu, std::try_to_lock);
  if (!Lk)
    Lk.lock();
  work();
}

// Negative: operator bool tested positively; the else branch locks by hand.
void tryToLockBoolElse() {
  std::unique_lock<std::mutex> Lk(Mu, std::try_to_lock);
  if (Lk) {
    work();
  } else {
    Mu.lock();
    Mu.unlock();
  }
}

// Negative: try_lock through a deferred guard, failure path locks.
void guardTryLockFallback() {
  std::unique_lock<std::mutex> Lk(Mu, std::defer_lock);
  if (!Lk.try_lock())
    Lk.lock();
  work();
}

// Negative: waiting on a condition variable with the held mutex.
void conditionWait() {
  std::unique_lock<std::mutex> Lk(Mu);
  while (!Ready)
    Cv.wait(Lk);
  Cv.wait(Lk, [] { return Ready; });
  work();
}

// Negative: a timed wait on the held mutex.
void conditionWaitFor() {
  std::unique_lock<std::mutex> Lk(Mu);
  Cv.wait_for(Lk, std::chrono::milliseconds(5), [] { return Ready; });
  work();
}

// Negative: a guard inside a loop body is released every iteration.
void guardInLoop(int N) {
  for (int I = 0; I < N; ++I) {
    std::lock_guard<std::mutex> G(Mu);
    work();
  }
}

// Negative: a recursive mutex under nested guards.
std::recursive_mutex RecMu;
void recursiveGuards() {
  std::lock_guard<std::recursive_mutex> Outer(RecMu);
  std::unique_lock<std::recursive_mutex> Inner(RecMu);
  RecMu.lock();
  RecMu.unlock();
}

// A guard release()d in a loop body leaves the mutex locked next time.
void releasedGuardInLoop(int N) {
  for (int I = 0; I < N; ++I) {
    std::unique_lock<std::mutex> Lk(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-2]]:34: note: 'Mu' first acquired here
    Lk.release();
    work();
  }
}

// Negative: deferred guard locked on one branch; owns_lock() gates unlock.
void ownsLockDecidesUnlock(bool C) {
  std::unique_lock<std::mutex> Lk(Mu, std::defer_lock);
  if (C)
    Lk.lock();
  work();
  if (Lk.owns_lock())
    Lk.unlock();
  Mu.lock();
  Mu.unlock();
}

// Negative: a guard in an if-statement initialiser ends with the if.
void guardInIfInit(bool C) {
  if (std::lock_guard<std::mutex> G(Mu); C)
    work();
  Mu.lock();
  Mu.unlock();
}

// Negative: an unnamed temporary guard unlocks at the end of its statement.
void temporaryGuard() {
  std::lock_guard<std::mutex>{Mu};
  Mu.lock();
  Mu.unlock();
}

// A try_to_lock guard declared in the if condition owns it when true.
void tryToLockInCondition() {
  if (std::unique_lock<std::mutex> Lk{Mu, std::try_to_lock}) {
    Mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'Mu' first acquired here
    Mu.unlock();
  }
}

// std::try_lock returns -1 when it took every mutex.
void stdTryLockSuccess() {
  if (std::try_lock(MuA, MuB) == -1) {
    MuB.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'MuB' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'MuB' first acquired here
    MuB.unlock();
    MuA.unlock();
    MuB.unlock();
  }
}

// Negative: when std::try_lock fails it holds none of the mutexes.
void stdTryLockFailure() {
  if (std::try_lock(MuA, MuB) != -1) {
    std::scoped_lock Both(MuA, MuB);
    work();
  }
}

// Negative: an adopting guard unlocks at the end of its scope.
void adoptedGuardUnlocksAtScopeEnd() {
  Mu.lock();
  {
    std::unique_lock<std::mutex> Lk(Mu, std::adopt_lock);
    work();
  }
  Mu.lock();
  Mu.unlock();
}

// Negative: goto out of a guard's scope runs its destructor.
void gotoOutOfGuardScope() {
  {
    std::lock_guard<std::mutex> G(Mu);
    if (Ready)
      goto out;
    work();
  }
out:
  Mu.lock();
  Mu.unlock();
}

// Negative: break out of a loop destroys the guard in the body.
void breakOutOfGuardScope() {
  for (;;) {
    std::lock_guard<std::mutex> G(Mu);
    if (Ready)
      break;
    work();
  }
  Mu.lock();
  Mu.unlock();
}

// Negative: a guard is destroyed by unwinding before the handler runs.
void guardUnwoundBeforeCatch() {
  try {
    std::lock_guard<std::mutex> G(Mu);
    work();
  } catch (...) {
    Mu.lock();
    Mu.unlock();
  }
}
