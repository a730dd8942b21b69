// RUN: %check_clang_tidy %s deadlock-missing-unlock %t -- -- -I%inputs

#include <stdbool.h>
#include <stdlib.h>
#include <threads.h>

mtx_t M;

struct Counter {
  mtx_t M;
  int Value;
};

void work(void);

//===----------------------------------------------------------------------===//
// Positive cases
//===----------------------------------------------------------------------===//

// mtx_lock with an early return that skips mtx_unlock.
void c11EarlyReturn(bool Bad) {
  mtx_lock(&M);
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'M' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'M' acquired here
  mtx_unlock(&M);
}

// Held when falling off the end; released on the early return.
void c11HeldAtEnd(struct Counter *C) {
  mtx_lock(&C->M);
  if (C->Value == 0) {
    mtx_unlock(&C->M);
    return;
  }
  C->Value--;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'C->M' is still held at the end of the function but released on other paths [deadlock-missing-unlock]
// CHECK-MESSAGES: :[[@LINE-8]]:3: note: 'C->M' acquired here

// A successful mtx_trylock leaked on one branch.
void c11TrylockLeak(bool Bad) {
  if (mtx_trylock(&M) == thrd_success) {
    if (Bad)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'M' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: 'M' acquired here
    mtx_unlock(&M);
  }
}

// A successful mtx_timedlock leaked on one branch.
void c11TimedLeak(const struct timespec *Deadline, bool Bad) {
  if (mtx_timedlock(&M, Deadline) != thrd_success)
    return;
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'M' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: 'M' acquired here
  mtx_unlock(&M);
}

//===----------------------------------------------------------------------===//
// Negative cases
//===----------------------------------------------------------------------===//

// Negative: bail out when mtx_trylock fails.
void c11TrylockBailOut(void) {
  if (mtx_trylock(&M) != thrd_success)
    return;
  work();
  mtx_unlock(&M);
}

// Negative: an acquire wrapper.
void c11LockCounter(struct Counter *C) { mtx_lock(&C->M); }

// Negative: errno-style try wrapper (thrd_success is 0).
int c11TryLockCounter(struct Counter *C) { return mtx_trylock(&C->M); }

// Negative: correlated conditions.
void c11Correlated(bool C) {
  if (C)
    mtx_lock(&M);
  work();
  if (C)
    mtx_unlock(&M);
}

// Negative: abort() does not return.
void c11AbortWhileHeld(bool Bad) {
  mtx_lock(&M);
  if (Bad)
    abort();
  mtx_unlock(&M);
}
