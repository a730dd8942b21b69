// RUN: %check_clang_tidy %s deadlock-recursive-shared-lock %t -- -- -I%inputs

#include <pthread.h>

pthread_rwlock_t Rw = PTHREAD_RWLOCK_INITIALIZER;
pthread_rwlock_t Other = PTHREAD_RWLOCK_INITIALIZER;

struct Registry {
  pthread_rwlock_t Rw;
  int Entries;
};

//===----------------------------------------------------------------------===//
// Positive cases.
//===----------------------------------------------------------------------===//

// Positive: pthread_rwlock_rdlock twice on a global rwlock.
void rdlockTwice() {
  pthread_rwlock_rdlock(&Rw);
  pthread_rwlock_rdlock(&Rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Rw' first acquired shared here
  pthread_rwlock_unlock(&Rw);
  pthread_rwlock_unlock(&Rw);
}

// Positive: an rwlock inside a struct reached through a pointer parameter.
int rdlockViaPointer(Registry *A) {
  pthread_rwlock_rdlock(&A->Rw);
  int N = A->Entries;
  pthread_rwlock_rdlock(&A->Rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A->Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'A->Rw' first acquired shared here
  N += A->Entries;
  pthread_rwlock_unlock(&A->Rw);
  pthread_rwlock_unlock(&A->Rw);
  return N;
}

// Positive: an rwlock inside a struct reached through a reference parameter.
void rdlockViaReference(Registry &A) {
  pthread_rwlock_rdlock(&A.Rw);
  pthread_rwlock_rdlock(&A.Rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A.Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'A.Rw' first acquired shared here
  pthread_rwlock_unlock(&A.Rw);
  pthread_rwlock_unlock(&A.Rw);
}

// Positive: tryrdlock succeeded (== 0), then a blocking rdlock.
void tryrdlockSucceededThenRdlock() {
  if (pthread_rwlock_tryrdlock(&Rw) == 0) {
    pthread_rwlock_rdlock(&Rw);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'Rw' first acquired shared here
    pthread_rwlock_unlock(&Rw);
    pthread_rwlock_unlock(&Rw);
  }
}

// Positive: the failure path returns, so the code after the test holds it.
void tryrdlockFailureReturns() {
  if (pthread_rwlock_tryrdlock(&Rw) != 0)
    return;
  pthread_rwlock_rdlock(&Rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: 'Rw' first acquired shared here
  pthread_rwlock_unlock(&Rw);
  pthread_rwlock_unlock(&Rw);
}

// Positive: a local rwlock.
void localRwlock() {
  pthread_rwlock_t M;
  pthread_rwlock_init(&M, nullptr);
  pthread_rwlock_rdlock(&M);
  pthread_rwlock_rdlock(&M);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'M' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'M' first acquired shared here
  pthread_rwlock_unlock(&M);
  pthread_rwlock_unlock(&M);
  pthread_rwlock_destroy(&M);
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: released before the second rdlock.
void rdlockUnlockRdlock() {
  pthread_rwlock_rdlock(&Rw);
  pthread_rwlock_unlock(&Rw);
  pthread_rwlock_rdlock(&Rw);
  pthread_rwlock_unlock(&Rw);
}

// Negative: a failed tryrdlock (!= 0) holds nothing.
void tryrdlockFailedThenRdlock() {
  if (pthread_rwlock_tryrdlock(&Rw) != 0) {
    pthread_rwlock_rdlock(&Rw);
  }
  pthread_rwlock_unlock(&Rw);
}

// Negative: a nonzero result is failure, tested without a comparison.
void tryrdlockNonzeroIsFailure() {
  if (pthread_rwlock_tryrdlock(&Rw))
    pthread_rwlock_rdlock(&Rw);
  pthread_rwlock_unlock(&Rw);
}

// Negative: the same field of two distinct structs.
void distinctRegistries(Registry *A, Registry *B) {
  pthread_rwlock_rdlock(&A->Rw);
  pthread_rwlock_rdlock(&B->Rw);
  pthread_rwlock_unlock(&B->Rw);
  pthread_rwlock_unlock(&A->Rw);
}

// Negative: two different rwlocks.
void differentRwlocks() {
  pthread_rwlock_rdlock(&Rw);
  pthread_rwlock_rdlock(&Other);
  pthread_rwlock_unlock(&Other);
  pthread_rwlock_unlock(&Rw);
}

// Negative (double lock, not this check): rdlock while write-locked.
void wrlockThenRdlock() {
  pthread_rwlock_wrlock(&Rw);
  pthread_rwlock_rdlock(&Rw);
  pthread_rwlock_unlock(&Rw);
  pthread_rwlock_unlock(&Rw);
}

// Negative (double lock, not this check): wrlock while read-locked.
void rdlockThenWrlock() {
  pthread_rwlock_rdlock(&Rw);
  pthread_rwlock_wrlock(&Rw);
  pthread_rwlock_unlock(&Rw);
  pthread_rwlock_unlock(&Rw);
}

// Negative: shared after a write lock that was released.
void rdlockAfterWrlockReleased() {
  pthread_rwlock_wrlock(&Rw);
  pthread_rwlock_unlock(&Rw);
  pthread_rwlock_rdlock(&Rw);
  pthread_rwlock_unlock(&Rw);
}
