// RUN: %check_clang_tidy %s deadlock-blocking-under-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// POSIX blocking calls under a pthread mutex: condition waits (which
// release only their own mutex), semaphores, joins, sleeps and blocking
// I/O.

#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

//===----------------------------------------------------------------------===//
// Condition variables.
//===----------------------------------------------------------------------===//

// Soft: OuterA is held across a wait that releases only MuA.
pthread_mutex_t OuterA = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t MuA = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t CondA = PTHREAD_COND_INITIALIZER;
int ReadyA;
void waitA() {
  pthread_mutex_lock(&OuterA);
  pthread_mutex_lock(&MuA);
  while (!ReadyA)
    pthread_cond_wait(&CondA, &MuA);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'OuterA' is held while waiting on condition variable 'CondA'; every other thread that needs 'OuterA' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'OuterA' acquired here
  pthread_mutex_unlock(&MuA);
  pthread_mutex_unlock(&OuterA);
}
void signalA() {
  pthread_mutex_lock(&MuA);
  ReadyA = 1;
  pthread_cond_signal(&CondA);
  pthread_mutex_unlock(&MuA);
}

// Certain: the signaller must take OuterB first.
pthread_mutex_t OuterB = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t MuB = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t CondB = PTHREAD_COND_INITIALIZER;
int ReadyB;
void waitB() {
  pthread_mutex_lock(&OuterB);
  pthread_mutex_lock(&MuB);
  while (!ReadyB)
    pthread_cond_wait(&CondB, &MuB);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'OuterB' is held while waiting on condition variable 'CondB', but what would wake it up needs 'OuterB': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'OuterB' acquired here
  // CHECK-MESSAGES: :[[@LINE+6]]:3: note: 'OuterB' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+9]]:3: note: 'CondB' is signalled here while 'OuterB' is held
  pthread_mutex_unlock(&MuB);
  pthread_mutex_unlock(&OuterB);
}
void broadcastB() {
  pthread_mutex_lock(&OuterB);
  pthread_mutex_lock(&MuB);
  ReadyB = 1;
  pthread_mutex_unlock(&MuB);
  pthread_cond_broadcast(&CondB);
  pthread_mutex_unlock(&OuterB);
}

// Timed: soft, although the signaller holds OuterC.
pthread_mutex_t OuterC = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t MuC = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t CondC = PTHREAD_COND_INITIALIZER;
void timedC(const struct timespec *Deadline) {
  pthread_mutex_lock(&OuterC);
  pthread_mutex_lock(&MuC);
  pthread_cond_timedwait(&CondC, &MuC, Deadline);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'OuterC' is held while waiting on condition variable 'CondC'; every other thread that needs 'OuterC' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'OuterC' acquired here
  pthread_mutex_unlock(&MuC);
  pthread_mutex_unlock(&OuterC);
}
void signalC() {
  pthread_mutex_lock(&OuterC);
  pthread_cond_signal(&CondC);
  pthread_mutex_unlock(&OuterC);
}

// Negative: the only mutex held is the one the wait releases.
pthread_mutex_t MuD = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t CondD = PTHREAD_COND_INITIALIZER;
int ReadyD;
void ownMutexD() {
  pthread_mutex_lock(&MuD);
  while (!ReadyD)
    pthread_cond_wait(&CondD, &MuD);
  pthread_mutex_unlock(&MuD);
}
void signalD() {
  pthread_mutex_lock(&MuD);
  ReadyD = 1;
  pthread_cond_signal(&CondD);
  pthread_mutex_unlock(&MuD);
}

// Negative: a mutex field reached through a pointer, waited on by a
// condition variable in the same struct.
struct Queue {
  pthread_mutex_t Lock;
  pthread_cond_t NotEmpty;
  int Size;
};
void popE(Queue *Q) {
  pthread_mutex_lock(&Q->Lock);
  while (Q->Size == 0)
    pthread_cond_wait(&Q->NotEmpty, &Q->Lock);
  --Q->Size;
  pthread_mutex_unlock(&Q->Lock);
}

// Negative: timed wait holding only its own mutex.
pthread_mutex_t MuF = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t CondF = PTHREAD_COND_INITIALIZER;
void timedOwnF(const struct timespec *Deadline) {
  pthread_mutex_lock(&MuF);
  pthread_cond_timedwait(&CondF, &MuF, Deadline);
  pthread_mutex_unlock(&MuF);
}

// A helper that waits with the mutex it is handed.
void waitWith(pthread_cond_t *C, pthread_mutex_t *M) {
  pthread_cond_wait(C, M);
}

// Negative: the helper releases the only mutex the caller holds.
pthread_mutex_t MuG = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t CondG = PTHREAD_COND_INITIALIZER;
void helperOwnG() {
  pthread_mutex_lock(&MuG);
  waitWith(&CondG, &MuG);
  pthread_mutex_unlock(&MuG);
}

// Soft: the helper releases MuH, not OuterH.
pthread_mutex_t OuterH = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t MuH = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t CondH = PTHREAD_COND_INITIALIZER;
void helperOuterH() {
  pthread_mutex_lock(&OuterH);
  pthread_mutex_lock(&MuH);
  waitWith(&CondH, &MuH);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'OuterH' is held across a call to 'waitWith', which blocks; every other thread that needs 'OuterH' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'OuterH' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to 'waitWith' here
  // CHECK-MESSAGES: :[[@LINE-23]]:3: note: 'waitWith' blocks here, waiting on condition variable '*C'
  pthread_mutex_unlock(&MuH);
  pthread_mutex_unlock(&OuterH);
}

//===----------------------------------------------------------------------===//
// Semaphores and joins.
//===----------------------------------------------------------------------===//

// Soft: sem_wait under a mutex; the poster does not need it.
pthread_mutex_t SemMuA = PTHREAD_MUTEX_INITIALIZER;
sem_t SemA;
void semWaitA() {
  pthread_mutex_lock(&SemMuA);
  sem_wait(&SemA);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SemMuA' is held while acquiring semaphore 'SemA'; every other thread that needs 'SemMuA' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'SemMuA' acquired here
  pthread_mutex_unlock(&SemMuA);
}
void semPostA() { sem_post(&SemA); }

// Certain: the poster needs SemMuB.
pthread_mutex_t SemMuB = PTHREAD_MUTEX_INITIALIZER;
sem_t SemB;
void semWaitB() {
  pthread_mutex_lock(&SemMuB);
  sem_wait(&SemB);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SemMuB' is held while acquiring semaphore 'SemB', but what would wake it up needs 'SemMuB': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'SemMuB' acquired here
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: 'SemMuB' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: 'SemB' is posted here while 'SemMuB' is held
  pthread_mutex_unlock(&SemMuB);
}
void semPostB() {
  pthread_mutex_lock(&SemMuB);
  sem_post(&SemB);
  pthread_mutex_unlock(&SemMuB);
}

// Timed: sem_timedwait is soft, although the poster needs SemMuD.
pthread_mutex_t SemMuD = PTHREAD_MUTEX_INITIALIZER;
sem_t SemD;
void semTimedD(const struct timespec *Deadline) {
  pthread_mutex_lock(&SemMuD);
  sem_timedwait(&SemD, Deadline);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SemMuD' is held while acquiring semaphore 'SemD'; every other thread that needs 'SemMuD' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'SemMuD' acquired here
  pthread_mutex_unlock(&SemMuD);
}
void semPostD() {
  pthread_mutex_lock(&SemMuD);
  sem_post(&SemD);
  pthread_mutex_unlock(&SemMuD);
}

// Negative: sem_trywait never blocks.
pthread_mutex_t SemMuC = PTHREAD_MUTEX_INITIALIZER;
sem_t SemC;
int semTryC() {
  pthread_mutex_lock(&SemMuC);
  int R = sem_trywait(&SemC);
  pthread_mutex_unlock(&SemMuC);
  return R;
}

// Certain: pthread_join on a thread whose start routine takes JoinMuA.
pthread_mutex_t JoinMuA = PTHREAD_MUTEX_INITIALIZER;
void *routineA(void *) {
  pthread_mutex_lock(&JoinMuA);
  pthread_mutex_unlock(&JoinMuA);
  return nullptr;
}
void joinA() {
  pthread_t T;
  pthread_create(&T, nullptr, routineA, nullptr);
  pthread_mutex_lock(&JoinMuA);
  pthread_join(T, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'JoinMuA' is held while joining thread 'T', but what would wake it up needs 'JoinMuA': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'JoinMuA' acquired here
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: the thread running 'routineA' acquires 'JoinMuA' here
  pthread_mutex_unlock(&JoinMuA);
}

// Negative: joined after the mutex is released.
pthread_mutex_t JoinMuB = PTHREAD_MUTEX_INITIALIZER;
void *routineB(void *) {
  pthread_mutex_lock(&JoinMuB);
  pthread_mutex_unlock(&JoinMuB);
  return nullptr;
}
void joinB() {
  pthread_t T;
  pthread_create(&T, nullptr, routineB, nullptr);
  pthread_mutex_lock(&JoinMuB);
  pthread_mutex_unlock(&JoinMuB);
  pthread_join(T, nullptr);
}

//===----------------------------------------------------------------------===//
// Sleeps and I/O.
//===----------------------------------------------------------------------===//

pthread_mutex_t SleepMu = PTHREAD_MUTEX_INITIALIZER;

// sleep, usleep and nanosleep under a mutex.
void sleeps(const struct timespec *Duration) {
  pthread_mutex_lock(&SleepMu);
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SleepMu' is held while sleeping in 'sleep'; every other thread that needs 'SleepMu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'SleepMu' acquired here
  usleep(500);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SleepMu' is held while sleeping in 'usleep'; every other thread that needs 'SleepMu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'SleepMu' acquired here
  nanosleep(Duration, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SleepMu' is held while sleeping in 'nanosleep'; every other thread that needs 'SleepMu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'SleepMu' acquired here
  pthread_mutex_unlock(&SleepMu);
}

// Negative: sleep(0) and usleep(0) only yield.
pthread_mutex_t YieldMu = PTHREAD_MUTEX_INITIALIZER;
void zeroSleeps() {
  pthread_mutex_lock(&YieldMu);
  sleep(0);
  usleep(0);
  pthread_mutex_unlock(&YieldMu);
}

// Blocking I/O under a mutex.
pthread_mutex_t IoMu = PTHREAD_MUTEX_INITIALIZER;
void io(int Fd, int Sock, FILE *In, struct pollfd *Fds) {
  char Buf[64];
  pthread_mutex_lock(&IoMu);
  read(Fd, Buf, sizeof Buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'IoMu' is held while blocking in I/O call 'read'; every other thread that needs 'IoMu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'IoMu' acquired here
  recv(Sock, Buf, sizeof Buf, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'IoMu' is held while blocking in I/O call 'recv'; every other thread that needs 'IoMu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'IoMu' acquired here
  int Conn = accept(Sock, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'IoMu' is held while blocking in I/O call 'accept'; every other thread that needs 'IoMu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'IoMu' acquired here
  poll(Fds, 1, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'IoMu' is held while blocking in I/O call 'poll'; every other thread that needs 'IoMu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-12]]:3: note: 'IoMu' acquired here
  fgets(Buf, sizeof Buf, In);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'IoMu' is held while blocking in I/O call 'fgets'; every other thread that needs 'IoMu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-15]]:3: note: 'IoMu' acquired here
  waitpid(-1, nullptr, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'IoMu' is held while blocking in I/O call 'waitpid'; every other thread that needs 'IoMu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-18]]:3: note: 'IoMu' acquired here
  char *Line = nullptr;
  size_t Cap = 0;
  getline(&Line, &Cap, In);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'IoMu' is held while blocking in I/O call 'getline'; every other thread that needs 'IoMu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-23]]:3: note: 'IoMu' acquired here
  pthread_mutex_unlock(&IoMu);
  close(Conn);
}

// I/O in a helper called under the mutex (depth 1).
pthread_mutex_t IoHelperMu = PTHREAD_MUTEX_INITIALIZER;
ssize_t readAll(int Fd, char *Buf, size_t N) {
  return read(Fd, Buf, N);
}
void ioThroughCall(int Fd) {
  char Buf[16];
  pthread_mutex_lock(&IoHelperMu);
  readAll(Fd, Buf, sizeof Buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'IoHelperMu' is held across a call to 'readAll', which blocks; every other thread that needs 'IoHelperMu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'IoHelperMu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to 'readAll' here
  // CHECK-MESSAGES: :[[@LINE-9]]:10: note: 'readAll' blocks here, blocking in I/O call 'read'
  pthread_mutex_unlock(&IoHelperMu);
}

// Negative: I/O with no mutex held, and after a failed trylock.
pthread_mutex_t TryMu = PTHREAD_MUTEX_INITIALIZER;
void ioNoLock(int Fd) {
  char Buf[16];
  read(Fd, Buf, sizeof Buf);
  if (pthread_mutex_trylock(&TryMu) != 0) {
    read(Fd, Buf, sizeof Buf);
    return;
  }
  pthread_mutex_unlock(&TryMu);
  read(Fd, Buf, sizeof Buf);
}

// Negative: non-blocking calls (write, close) under a mutex.
pthread_mutex_t WriteMu = PTHREAD_MUTEX_INITIALIZER;
void writeUnderLock(int Fd) {
  pthread_mutex_lock(&WriteMu);
  write(Fd, "x", 1);
  close(Fd);
  pthread_mutex_unlock(&WriteMu);
}
