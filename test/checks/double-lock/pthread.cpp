// RUN: %check_clang_tidy %s deadlock-double-lock %t -- -- -I%inputs

#include <pthread.h>

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t RecM = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
pthread_rwlock_t RW = PTHREAD_RWLOCK_INITIALIZER;
pthread_spinlock_t Spin;
pthread_cond_t Cond = PTHREAD_COND_INITIALIZER;
int Ready;

struct Queue {
  pthread_mutex_t Lock;
  int Size;
};

void work();

// pthread_mutex_lock twice on a default mutex; reported at the call.
void mutexTwice() {
  pthread_mutex_lock(&M);
  pthread_mutex_lock(&M);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'M' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'M' first acquired here
  pthread_mutex_unlock(&M);
}

// A mutex field reached through a pointer parameter.
void fieldTwice(Queue *Q) {
  pthread_mutex_lock(&Q->Lock);
  Q->Size++;
  pthread_mutex_lock(&Q->Lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Q->Lock' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Q->Lock' first acquired here
  pthread_mutex_unlock(&Q->Lock);
}

// A successful trylock (returns 0) holds the mutex.
void trylockSuccessThenLock() {
  if (pthread_mutex_trylock(&M) == 0) {
    pthread_mutex_lock(&M);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'M' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'M' first acquired here
    pthread_mutex_unlock(&M);
  }
}

// Read lock then write lock on a rwlock: an upgrade.
void rdlockThenWrlock() {
  pthread_rwlock_rdlock(&RW);
  pthread_rwlock_wrlock(&RW);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'RW' is acquired exclusively while this thread holds it shared; the upgrade waits for this thread's own shared lock and deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'RW' first acquired shared here
  pthread_rwlock_unlock(&RW);
}

// Write lock then read lock on a rwlock.
void wrlockThenRdlock() {
  pthread_rwlock_wrlock(&RW);
  pthread_rwlock_rdlock(&RW);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'RW' is acquired shared while this thread holds it exclusively; this deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'RW' first acquired here
  pthread_rwlock_unlock(&RW);
}

// A spin lock taken twice spins forever.
void spinTwice() {
  pthread_spin_lock(&Spin);
  pthread_spin_lock(&Spin);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Spin' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Spin' first acquired here
  pthread_spin_unlock(&Spin);
}

// A local mutex initialised with default attributes is not recursive.
void localDefaultTwice() {
  pthread_mutex_t L;
  pthread_mutex_init(&L, nullptr);
  pthread_mutex_lock(&L);
  pthread_mutex_lock(&L);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'L' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'L' first acquired here
  pthread_mutex_unlock(&L);
  pthread_mutex_destroy(&L);
}

// Negative: a mutex statically initialised as recursive.
void recursiveInitializer() {
  pthread_mutex_lock(&RecM);
  pthread_mutex_lock(&RecM);
  pthread_mutex_unlock(&RecM);
  pthread_mutex_unlock(&RecM);
}

// Negative: a mutex made recursive through its attributes.
void recursiveAttribute() {
  pthread_mutexattr_t Attr;
  pthread_mutexattr_init(&Attr);
  pthread_mutexattr_settype(&Attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_t L;
  pthread_mutex_init(&L, &Attr);
  pthread_mutex_lock(&L);
  pthread_mutex_lock(&L);
  pthread_mutex_unlock(&L);
  pthread_mutex_unlock(&L);
  pthread_mutex_destroy(&L);
  pthread_mutexattr_destroy(&Attr);
}

// Negative: a failed trylock (non-zero) holds nothing.
void trylockFailureThenLock() {
  if (pthread_mutex_trylock(&M) != 0)
    pthread_mutex_lock(&M);
  work();
  pthread_mutex_unlock(&M);
}

// Negative: a trylock tested as a truth value: non-zero is failure.
void trylockTruthValue() {
  if (pthread_mutex_trylock(&M)) {
    pthread_mutex_lock(&M);
    pthread_mutex_unlock(&M);
  }
}

// Negative: trylock result kept in a variable; failure returns.
void trylockStoredResult() {
  int Rc = pthread_mutex_trylock(&M);
  if (Rc != 0)
    return;
  work();
  pthread_mutex_unlock(&M);
  pthread_mutex_lock(&M);
  pthread_mutex_unlock(&M);
}

// Negative: pthread_cond_wait on the held mutex.
void condWait() {
  pthread_mutex_lock(&M);
  while (!Ready)
    pthread_cond_wait(&Cond, &M);
  pthread_mutex_unlock(&M);
}

// Negative: two read locks belong to deadlock-recursive-shared-lock.
void rdlockTwice() {
  pthread_rwlock_rdlock(&RW);
  pthread_rwlock_rdlock(&RW);
  pthread_rwlock_unlock(&RW);
  pthread_rwlock_unlock(&RW);
}

// Negative: the same field of two different queues.
void twoQueues(Queue *A, Queue *B) {
  pthread_mutex_lock(&A->Lock);
  pthread_mutex_lock(&B->Lock);
  pthread_mutex_unlock(&B->Lock);
  pthread_mutex_unlock(&A->Lock);
}

// Negative: lock and unlock every iteration.
void lockEachIteration(int N) {
  for (int I = 0; I < N; ++I) {
    pthread_mutex_lock(&M);
    work();
    pthread_mutex_unlock(&M);
  }
}
