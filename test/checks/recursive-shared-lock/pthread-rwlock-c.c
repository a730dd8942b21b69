// RUN: %check_clang_tidy %s deadlock-recursive-shared-lock %t -- -- -I%inputs -D_POSIX_C_SOURCE=200809L

#include <pthread.h>

static pthread_rwlock_t Rw = PTHREAD_RWLOCK_INITIALIZER;

struct Index {
  pthread_rwlock_t Rw;
  int Count;
};

// Positive: a C function that read-locks a global rwlock twice.
int countTwice(void) {
  pthread_rwlock_rdlock(&Rw);
  pthread_rwlock_rdlock(&Rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Rw' first acquired shared here
  pthread_rwlock_unlock(&Rw);
  pthread_rwlock_unlock(&Rw);
  return 0;
}

// Positive: a C struct field through a pointer parameter.
int indexSize(struct Index *A) {
  int N;
  pthread_rwlock_rdlock(&A->Rw);
  pthread_rwlock_rdlock(&A->Rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A->Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'A->Rw' first acquired shared here
  N = A->Count;
  pthread_rwlock_unlock(&A->Rw);
  pthread_rwlock_unlock(&A->Rw);
  return N;
}

// Negative: the C cleanup idiom with goto releases before the next rdlock.
int gotoCleanup(struct Index *A, int Fail) {
  int N = -1;
  pthread_rwlock_rdlock(&A->Rw);
  if (Fail)
    goto out;
  N = A->Count;
out:
  pthread_rwlock_unlock(&A->Rw);
  pthread_rwlock_rdlock(&A->Rw);
  pthread_rwlock_unlock(&A->Rw);
  return N;
}

// Negative: tryrdlock succeeded and was released on that path only.
int tryOrBlock(void) {
  if (pthread_rwlock_tryrdlock(&Rw) == 0) {
    pthread_rwlock_unlock(&Rw);
    return 1;
  }
  pthread_rwlock_rdlock(&Rw);
  pthread_rwlock_unlock(&Rw);
  return 0;
}
