// RUN: %check_clang_tidy %s deadlock-missing-unlock %t -- -- -I%inputs

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
pthread_rwlock_t RW = PTHREAD_RWLOCK_INITIALIZER;
pthread_spinlock_t Spin;

struct Queue {
  pthread_mutex_t M;
  int Size;
};

void work();

//===----------------------------------------------------------------------===//
// Positive cases
//===----------------------------------------------------------------------===//

// pthread_mutex_lock with an early return that skips the unlock.
void pthreadEarlyReturn(bool Bad) {
  pthread_mutex_lock(&M);
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'M' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'M' acquired here
  pthread_mutex_unlock(&M);
}

// A read lock on a pthread rwlock is a shared acquisition.
void rwlockReadLeak(bool Bad) {
  pthread_rwlock_rdlock(&RW);
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'RW' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'RW' acquired shared here
  pthread_rwlock_unlock(&RW);
}

// A mutex inside a struct reached through a pointer parameter.
int pushLeak(Queue *Q, int Limit) {
  pthread_mutex_lock(&Q->M);
  if (Q->Size >= Limit)
    return EAGAIN;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Q->M' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Q->M' acquired here
  ++Q->Size;
  pthread_mutex_unlock(&Q->M);
  return 0;
}

// A successful trylock, then an early return that leaks it.
void trylockSuccessLeak(bool Bad) {
  if (pthread_mutex_trylock(&M) == 0) {
    if (Bad)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'M' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: 'M' acquired here
    pthread_mutex_unlock(&M);
  }
}

// Errno style gone wrong: the lock is held on the error (non-zero) return.
int errnoInverted(bool Bad) {
  pthread_mutex_lock(&M);
  if (Bad)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'M' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'M' acquired here
  pthread_mutex_unlock(&M);
  return 0;
}

// A write lock held at the end of the function, released on the early return.
void rwlockWriteHeldAtEnd(bool Done) {
  pthread_rwlock_wrlock(&RW);
  if (Done) {
    pthread_rwlock_unlock(&RW);
    return;
  }
  work();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'RW' is still held at the end of the function but released on other paths [deadlock-missing-unlock]
// CHECK-MESSAGES: :[[@LINE-8]]:3: note: 'RW' acquired here

//===----------------------------------------------------------------------===//
// Negative cases
//===----------------------------------------------------------------------===//

// Negative: a failed trylock returns before anything is held.
void trylockBailOut() {
  if (pthread_mutex_trylock(&M) != 0)
    return;
  work();
  pthread_mutex_unlock(&M);
}

// Negative: errno-style try wrapper holds the lock exactly when it returns 0.
int tryLockQueue(Queue *Q) {
  if (pthread_mutex_trylock(&Q->M) != 0)
    return EBUSY;
  return 0;
}

// Negative: forwarding the trylock result is an errno-style try wrapper.
int tryLockForward() { return pthread_mutex_trylock(&M); }

// Negative: an acquire wrapper holds the lock on every return.
void lockQueue(Queue *Q) { pthread_mutex_lock(&Q->M); }

// Negative: spin lock balanced on both paths.
void spinBalanced(bool Bad) {
  pthread_spin_lock(&Spin);
  if (Bad) {
    pthread_spin_unlock(&Spin);
    return;
  }
  pthread_spin_unlock(&Spin);
}

// Negative: pthread_exit does not return.
void exitWhileHeld(bool Bad) {
  pthread_mutex_lock(&M);
  if (Bad)
    pthread_exit(nullptr);
  pthread_mutex_unlock(&M);
}

// Negative: exit() does not return.
void exitProcessWhileHeld(bool Bad) {
  pthread_mutex_lock(&M);
  if (Bad)
    exit(1);
  pthread_mutex_unlock(&M);
}
