// RUN: %check_clang_tidy %s deadlock-recursive-shared-lock %t -- -- -I%inputs

#include "absl.h"

absl::Mutex Mu;
absl::Mutex Other;
bool Ready;

struct Store {
  absl::Mutex Mu;
  int Items = 0;

  // Positive: a member mutex read-locked by a guard and then by hand.
  int itemsTwice() {
    absl::ReaderMutexLock Outer(&Mu);
    Mu.ReaderLock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:27: note: 'this->Mu' first acquired shared here
    int N = Items;
    Mu.ReaderUnlock();
    return N;
  }

  // Negative: a member mutex read-locked in two sibling scopes.
  int itemsInSiblingScopes() {
    int N = 0;
    {
      absl::ReaderMutexLock First(&Mu);
      N = Items;
    }
    {
      absl::ReaderMutexLock Second(&Mu);
      N += Items;
    }
    return N;
  }
};

//===----------------------------------------------------------------------===//
// Positive cases.
//===----------------------------------------------------------------------===//

// Positive: ReaderLock twice.
void readerLockTwice() {
  Mu.ReaderLock();
  Mu.ReaderLock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' first acquired shared here
  Mu.ReaderUnlock();
  Mu.ReaderUnlock();
}

// Positive: a manual ReaderLock, then a ReaderMutexLock guard.
void readerLockThenGuard() {
  Mu.ReaderLock();
  absl::ReaderMutexLock Guard(&Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Mu' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' first acquired shared here
  Mu.ReaderUnlock();
}

// Positive: two nested ReaderMutexLock guards.
void nestedReaderGuards() {
  absl::ReaderMutexLock Outer(&Mu);
  {
    absl::ReaderMutexLock Inner(&Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Mu' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-4]]:25: note: 'Mu' first acquired shared here
  }
}

// Positive: ReaderTryLock succeeded, then ReaderLock.
void readerTryLockSucceeded() {
  if (Mu.ReaderTryLock()) {
    Mu.ReaderLock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'Mu' first acquired shared here
    Mu.ReaderUnlock();
    Mu.ReaderUnlock();
  }
}

// Positive: ReaderLockWhen acquires shared like ReaderLock.
void readerLockWhenThenReaderLock() {
  Mu.ReaderLockWhen(absl::Condition(&Ready));
  Mu.ReaderLock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' first acquired shared here
  Mu.ReaderUnlock();
  Mu.ReaderUnlock();
}

// Positive: a guard on a mutex reached through a pointer parameter.
void viaPointer(Store *A) {
  absl::ReaderMutexLock Guard(&A->Mu);
  A->Mu.ReaderLock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A->Mu' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'A->Mu' first acquired shared here
  A->Mu.ReaderUnlock();
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: ReaderUnlock before the second ReaderLock.
void readerLockUnlockLock() {
  Mu.ReaderLock();
  Mu.ReaderUnlock();
  Mu.ReaderLock();
  Mu.ReaderUnlock();
}

// Negative: a ReaderMutexLock guard whose scope ended.
void guardScopeEnded() {
  {
    absl::ReaderMutexLock Guard(&Mu);
  }
  Mu.ReaderLock();
  Mu.ReaderUnlock();
}

// Negative: ReaderTryLock failed, so the blocking ReaderLock is the only hold.
void readerTryLockFailed() {
  if (!Mu.ReaderTryLock()) {
    Mu.ReaderLock();
  }
  Mu.ReaderUnlock();
}

// Negative: two distinct stores.
void distinctStores(Store &A, Store &B) {
  absl::ReaderMutexLock GuardA(&A.Mu);
  absl::ReaderMutexLock GuardB(&B.Mu);
}

// Negative: two different mutexes.
void differentMutexes() {
  absl::ReaderMutexLock GuardMu(&Mu);
  absl::ReaderMutexLock GuardOther(&Other);
}

// Negative: writer locks only.
void writerOnly() {
  absl::MutexLock Guard(&Mu);
}

// Negative (double lock, not this check): ReaderLock while holding Lock.
void lockThenReaderLock() {
  Mu.Lock();
  Mu.ReaderLock();
  Mu.ReaderUnlock();
  Mu.Unlock();
}

// Negative (double lock, not this check): reader guard under a writer guard.
void writerGuardThenReaderGuard() {
  absl::WriterMutexLock Writer(&Mu);
  absl::ReaderMutexLock Reader(&Mu);
}

// Negative: shared after an exclusive lock that was released.
void readerAfterWriterReleased() {
  Mu.WriterLock();
  Mu.WriterUnlock();
  absl::ReaderMutexLock Reader(&Mu);
}
