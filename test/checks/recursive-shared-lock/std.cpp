// RUN: %check_clang_tidy %s deadlock-recursive-shared-lock %t -- -- -I%inputs

#include <mutex>
#include <shared_mutex>

std::shared_mutex Rw;
std::shared_mutex Other;
std::shared_timed_mutex TimedRw;
std::mutex Plain;

namespace ns {
std::shared_mutex Rw;
} // namespace ns

struct Table {
  std::shared_mutex Rw;
  int Size = 0;
};

//===----------------------------------------------------------------------===//
// Positive cases.
//===----------------------------------------------------------------------===//

// Positive: a global shared mutex read-locked twice with lock_shared().
void lockSharedTwice() {
  Rw.lock_shared();
  Rw.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Rw' first acquired shared here
  Rw.unlock_shared();
  Rw.unlock_shared();
}

// Positive: two std::shared_lock guards on the same mutex in one scope.
void twoSharedGuards() {
  std::shared_lock<std::shared_mutex> First(Rw);
  std::shared_lock<std::shared_mutex> Second(Rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'Rw' first acquired shared here
}

// Positive: a guard held in an outer scope, a manual read lock in an inner one.
void guardThenManualInInnerScope() {
  std::shared_lock<std::shared_mutex> Outer(Rw);
  {
    Rw.lock_shared();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-4]]:39: note: 'Rw' first acquired shared here
    Rw.unlock_shared();
  }
}

// Positive: a manual read lock followed by a guard on the same mutex.
void manualThenGuard() {
  Rw.lock_shared();
  std::shared_lock<std::shared_mutex> Guard(Rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Rw' first acquired shared here
  Rw.unlock_shared();
}

// Positive: a namespaced global is named with its qualifier.
void namespacedGlobal() {
  ns::Rw.lock_shared();
  ns::Rw.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ns::Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'ns::Rw' first acquired shared here
  ns::Rw.unlock_shared();
  ns::Rw.unlock_shared();
}

// Positive: a mutex reached through a reference parameter.
void viaReference(Table &A) {
  std::shared_lock<std::shared_mutex> Guard(A.Rw);
  A.Rw.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A.Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'A.Rw' first acquired shared here
  A.Rw.unlock_shared();
}

// Positive: a mutex reached through a pointer parameter.
void viaPointer(Table *A) {
  A->Rw.lock_shared();
  A->Rw.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A->Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'A->Rw' first acquired shared here
  A->Rw.unlock_shared();
  A->Rw.unlock_shared();
}

// Positive: a local shared mutex.
int localMutex() {
  std::shared_mutex M;
  M.lock_shared();
  M.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'M' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'M' first acquired shared here
  M.unlock_shared();
  M.unlock_shared();
  return 0;
}

// Positive: std::shared_timed_mutex behaves the same way.
void sharedTimedMutex() {
  std::shared_lock<std::shared_timed_mutex> Guard(TimedRw);
  TimedRw.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'TimedRw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:45: note: 'TimedRw' first acquired shared here
  TimedRw.unlock_shared();
}

// Positive: a successful try_lock_shared() holds the lock.
void tryLockSharedSucceeded() {
  if (Rw.try_lock_shared()) {
    Rw.lock_shared();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'Rw' first acquired shared here
    Rw.unlock_shared();
    Rw.unlock_shared();
  }
}

// Positive: a timed shared try-lock that succeeded holds the lock too.
void timedTryLockSharedSucceeded() {
  if (TimedRw.try_lock_shared_for(std::chrono::milliseconds(10))) {
    std::shared_lock<std::shared_timed_mutex> Guard(TimedRw);
    // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: 'TimedRw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'TimedRw' first acquired shared here
    TimedRw.unlock_shared();
  }
}

// Positive: a deferred guard locked with lock(), then a second read lock.
void deferredGuardLocked() {
  std::shared_lock<std::shared_mutex> Guard(Rw, std::defer_lock);
  Guard.lock();
  Rw.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Rw' first acquired shared here
  Rw.unlock_shared();
}

// Positive: a deferred guard's lock() while the mutex is already read-locked.
void deferredGuardLockWhileHeld() {
  Rw.lock_shared();
  std::shared_lock<std::shared_mutex> Guard(Rw, std::defer_lock);
  Guard.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Rw' first acquired shared here
  Guard.unlock();
  Rw.unlock_shared();
}

// Positive: unlock() then lock() again on the guard, then another read lock.
void guardRelockedThenReadLocked() {
  std::shared_lock<std::shared_mutex> Guard(Rw);
  Guard.unlock();
  Guard.lock();
  std::shared_lock<std::shared_mutex> Again(Rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Rw' first acquired shared here
}

// Positive: a try_to_lock guard that owns its lock, then a second read lock.
void tryToLockGuardOwned() {
  std::shared_lock<std::shared_mutex> Guard(Rw, std::try_to_lock);
  if (Guard.owns_lock()) {
    Rw.lock_shared();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-4]]:39: note: 'Rw' first acquired shared here
    Rw.unlock_shared();
  }
}

// Positive: the Go Values()/Size() bug with Size() written inline: the read
// lock of Values() is still held when the size is read under a second one.
struct Cache {
  std::shared_mutex Rw;
  int Count = 0;

  int valuesAndSize() {
    std::shared_lock<std::shared_mutex> Values(Rw);
    int Result = 0;
    {
      std::shared_lock<std::shared_mutex> Size(Rw);
      // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: 'this->Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
      // CHECK-MESSAGES: :[[@LINE-5]]:41: note: 'this->Rw' first acquired shared here
      Result = Count;
    }
    return Result;
  }

  // Positive: explicit this-> on a member; the call starts at 'this'.
  void explicitThis() {
    this->Rw.lock_shared();
    this->Rw.lock_shared();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'this->Rw' first acquired shared here
    this->Rw.unlock_shared();
    this->Rw.unlock_shared();
  }
};

// Positive: the two acquisitions inside a lambda's own body.
void insideLambda() {
  auto Read = [] {
    Rw.lock_shared();
    Rw.lock_shared();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'Rw' first acquired shared here
    Rw.unlock_shared();
    Rw.unlock_shared();
  };
  Read();
}

//===----------------------------------------------------------------------===//
// Negative cases: none of these may produce a warning.
//===----------------------------------------------------------------------===//

// Negative: the read lock is released before it is taken again.
void releasedBeforeReacquire() {
  Rw.lock_shared();
  Rw.unlock_shared();
  Rw.lock_shared();
  Rw.unlock_shared();
}

// Negative: guards in sibling scopes never overlap.
void guardsInSiblingScopes() {
  {
    std::shared_lock<std::shared_mutex> First(Rw);
  }
  {
    std::shared_lock<std::shared_mutex> Second(Rw);
  }
}

// Negative: a guard released by unlock() before the second read lock.
void guardUnlockedBeforeReacquire() {
  std::shared_lock<std::shared_mutex> Guard(Rw);
  Guard.unlock();
  Rw.lock_shared();
  Rw.unlock_shared();
}

// Negative: the same member of two distinct objects.
void distinctInstances(Table &A, Table &B) {
  std::shared_lock<std::shared_mutex> GuardA(A.Rw);
  std::shared_lock<std::shared_mutex> GuardB(B.Rw);
}

// Negative: two different shared mutexes.
void differentMutexes() {
  Rw.lock_shared();
  Other.lock_shared();
  Other.unlock_shared();
  Rw.unlock_shared();
}

// Negative: the global and the namespaced mutex of the same name differ.
void sameNameDifferentNamespace() {
  std::shared_lock<std::shared_mutex> Global(Rw);
  std::shared_lock<std::shared_mutex> Namespaced(ns::Rw);
}

// Negative: a failed try_lock_shared() holds nothing.
void tryLockSharedFailed() {
  if (!Rw.try_lock_shared()) {
    Rw.lock_shared();
    Rw.unlock_shared();
  } else {
    Rw.unlock_shared();
  }
}

// Negative: success path released and left; the fall-through path holds nothing.
void tryLockSharedSuccessReturns() {
  if (Rw.try_lock_shared()) {
    Rw.unlock_shared();
    return;
  }
  Rw.lock_shared();
  Rw.unlock_shared();
}

// Negative: a try_to_lock guard that did not get the lock holds nothing.
void tryToLockGuardNotOwned() {
  std::shared_lock<std::shared_mutex> Guard(Rw, std::try_to_lock);
  if (!Guard.owns_lock()) {
    Rw.lock_shared();
    Rw.unlock_shared();
  }
}

// Negative: a deferred guard that is never locked holds nothing.
void deferredGuardNeverLocked() {
  std::shared_lock<std::shared_mutex> Guard(Rw, std::defer_lock);
  Rw.lock_shared();
  Rw.unlock_shared();
}

// Negative: a deferred guard locked and unlocked before the next read lock.
void deferredGuardLockedAndUnlocked() {
  std::shared_lock<std::shared_mutex> Guard(Rw, std::defer_lock);
  Guard.lock();
  Guard.unlock();
  Rw.lock_shared();
  Rw.unlock_shared();
}

// Negative: adopt_lock takes over the held read lock; it does not re-acquire.
void adoptLock() {
  Rw.lock_shared();
  std::shared_lock<std::shared_mutex> Guard(Rw, std::adopt_lock);
}

// Negative: shared after an exclusive lock that was released.
void sharedAfterExclusiveReleased() {
  Rw.lock();
  Rw.unlock();
  Rw.lock_shared();
  Rw.unlock_shared();
}

// Negative: only a writer lock is taken.
void writerOnly() {
  std::unique_lock<std::shared_mutex> Writer(Rw);
}

// Negative (double lock, not this check): shared while held exclusively.
void exclusiveThenShared() {
  Rw.lock();
  Rw.lock_shared();
  Rw.unlock_shared();
  Rw.unlock();
}

// Negative (double lock, not this check): upgrading a read lock.
void sharedThenExclusive() {
  std::shared_lock<std::shared_mutex> Reader(Rw);
  std::unique_lock<std::shared_mutex> Writer(Rw);
}

// Negative (double lock, not this check): shared guard under a writer guard.
void writerGuardThenReaderGuard() {
  std::unique_lock<std::shared_mutex> Writer(Rw);
  std::shared_lock<std::shared_mutex> Reader(Rw);
}

// Negative (double lock, not this check): a plain mutex locked twice.
void plainMutexTwice() {
  Plain.lock();
  Plain.lock();
  Plain.unlock();
  Plain.unlock();
}

// Negative: a shared guard that ends with its scope, then a manual read lock.
void guardScopeEndsBeforeManual() {
  {
    std::shared_lock<std::shared_mutex> Guard(Rw);
  }
  Rw.lock_shared();
  Rw.unlock_shared();
}
