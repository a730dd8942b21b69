// RUN: %check_clang_tidy %s deadlock-double-lock %t -- -- -I%inputs

#include <stdbool.h>
#include <threads.h>

struct Account {
  mtx_t Mu;
  int Balance;
};

cnd_t Cond;
bool Ready;

void work(void);

// A plain C11 mutex locked twice.
void plainTwice(void) {
  mtx_t M;
  mtx_init(&M, mtx_plain);
  mtx_lock(&M);
  mtx_lock(&M);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'M' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'M' first acquired here
  mtx_unlock(&M);
  mtx_destroy(&M);
}

// A timed (non-recursive) C11 mutex locked twice.
void timedTwice(void) {
  mtx_t M;
  mtx_init(&M, mtx_timed);
  mtx_lock(&M);
  work();
  mtx_lock(&M);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'M' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'M' first acquired here
  mtx_unlock(&M);
  mtx_destroy(&M);
}

// A field through a pointer parameter.
void fieldTwice(struct Account *A) {
  mtx_lock(&A->Mu);
  A->Balance++;
  mtx_lock(&A->Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A->Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'A->Mu' first acquired here
  mtx_unlock(&A->Mu);
}

// mtx_trylock succeeding (thrd_success) holds the mutex.
void trylockSuccessThenLock(struct Account *A) {
  if (mtx_trylock(&A->Mu) == thrd_success) {
    mtx_lock(&A->Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'A->Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'A->Mu' first acquired here
    mtx_unlock(&A->Mu);
  }
}

// Negative: mtx_plain | mtx_recursive may be re-locked by its owner.
void recursiveTwice(void) {
  mtx_t M;
  mtx_init(&M, mtx_plain | mtx_recursive);
  mtx_lock(&M);
  mtx_lock(&M);
  mtx_unlock(&M);
  mtx_unlock(&M);
  mtx_destroy(&M);
}

// Negative: mtx_timed | mtx_recursive likewise.
void timedRecursiveTwice(void) {
  mtx_t M;
  mtx_init(&M, mtx_timed | mtx_recursive);
  mtx_lock(&M);
  mtx_lock(&M);
  mtx_unlock(&M);
  mtx_unlock(&M);
  mtx_destroy(&M);
}

// Negative: a failed mtx_trylock holds nothing.
void trylockFailure(struct Account *A) {
  if (mtx_trylock(&A->Mu) != thrd_success)
    mtx_lock(&A->Mu);
  A->Balance++;
  mtx_unlock(&A->Mu);
}

// Negative: cnd_wait on the held mutex.
void condWait(struct Account *A) {
  mtx_lock(&A->Mu);
  while (!Ready)
    cnd_wait(&Cond, &A->Mu);
  mtx_unlock(&A->Mu);
}

// Negative: two different accounts.
void twoAccounts(struct Account *From, struct Account *To) {
  mtx_lock(&From->Mu);
  mtx_lock(&To->Mu);
  From->Balance--;
  To->Balance++;
  mtx_unlock(&To->Mu);
  mtx_unlock(&From->Mu);
}
