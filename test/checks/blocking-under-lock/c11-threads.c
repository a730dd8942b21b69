// RUN: %check_clang_tidy %s deadlock-blocking-under-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' %s -- -std=c11 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// C11 <threads.h>: cnd_wait releases only the mtx_t it waits with.

#include <stdbool.h>
#include <threads.h>
#include <time.h>

// Soft: OuterA is held across a wait that releases only MuA.
mtx_t OuterA, MuA;
cnd_t CondA;
bool ReadyA;
void waitA(void) {
  mtx_lock(&OuterA);
  mtx_lock(&MuA);
  while (!ReadyA)
    cnd_wait(&CondA, &MuA);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'OuterA' is held while waiting on condition variable 'CondA'; every other thread that needs 'OuterA' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'OuterA' acquired here
  mtx_unlock(&MuA);
  mtx_unlock(&OuterA);
}
void signalA(void) {
  mtx_lock(&MuA);
  ReadyA = true;
  cnd_signal(&CondA);
  mtx_unlock(&MuA);
}

// Certain: the broadcaster needs OuterB.
mtx_t OuterB, MuB;
cnd_t CondB;
bool ReadyB;
void waitB(void) {
  mtx_lock(&OuterB);
  mtx_lock(&MuB);
  while (!ReadyB)
    cnd_wait(&CondB, &MuB);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'OuterB' is held while waiting on condition variable 'CondB', but what would wake it up needs 'OuterB': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'OuterB' acquired here
  // CHECK-MESSAGES: :[[@LINE+6]]:3: note: 'OuterB' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+7]]:3: note: 'CondB' is signalled here while 'OuterB' is held
  mtx_unlock(&MuB);
  mtx_unlock(&OuterB);
}
void broadcastB(void) {
  mtx_lock(&OuterB);
  ReadyB = true;
  cnd_broadcast(&CondB);
  mtx_unlock(&OuterB);
}

// Timed: soft, although the signaller needs OuterC.
mtx_t OuterC, MuC;
cnd_t CondC;
void timedC(const struct timespec *Deadline) {
  mtx_lock(&OuterC);
  mtx_lock(&MuC);
  cnd_timedwait(&CondC, &MuC, Deadline);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'OuterC' is held while waiting on condition variable 'CondC'; every other thread that needs 'OuterC' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'OuterC' acquired here
  mtx_unlock(&MuC);
  mtx_unlock(&OuterC);
}
void signalC(void) {
  mtx_lock(&OuterC);
  cnd_signal(&CondC);
  mtx_unlock(&OuterC);
}

// Negative: cnd_wait holding only the mutex it releases.
mtx_t MuD;
cnd_t CondD;
bool ReadyD;
void ownD(void) {
  mtx_lock(&MuD);
  while (!ReadyD)
    cnd_wait(&CondD, &MuD);
  mtx_unlock(&MuD);
}
void signalD(void) {
  mtx_lock(&MuD);
  ReadyD = true;
  cnd_signal(&CondD);
  mtx_unlock(&MuD);
}

// Negative: the outer mutex is released before the wait.
mtx_t OuterE, MuE;
cnd_t CondE;
bool ReadyE;
void releasedE(void) {
  mtx_lock(&OuterE);
  mtx_unlock(&OuterE);
  mtx_lock(&MuE);
  while (!ReadyE)
    cnd_wait(&CondE, &MuE);
  mtx_unlock(&MuE);
}
