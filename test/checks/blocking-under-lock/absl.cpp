// RUN: %check_clang_tidy %s deadlock-blocking-under-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Abseil: CondVar::Wait and Mutex::Await release only their own mutex;
// Notification::WaitForNotification and BlockingCounter::Wait block until
// Notify / DecrementCount; absl::SleepFor sleeps.

#include "absl-extras.h"
#include "absl.h"

//===----------------------------------------------------------------------===//
// Positive.
//===----------------------------------------------------------------------===//

// Soft: OuterA is held across a CondVar wait that releases only MuA.
absl::Mutex OuterA, MuA;
absl::CondVar CvA;
bool ReadyA;
void waitA() {
  absl::MutexLock Outer(&OuterA);
  absl::MutexLock Lock(&MuA);
  while (!ReadyA)
    CvA.Wait(&MuA);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'OuterA' is held while waiting on condition variable 'CvA'; every other thread that needs 'OuterA' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:19: note: 'OuterA' acquired here
}
void signalA() {
  absl::MutexLock Lock(&MuA);
  ReadyA = true;
  CvA.Signal();
}

// Certain: the signaller needs OuterB.
absl::Mutex OuterB, MuB;
absl::CondVar CvB;
bool ReadyB;
void waitB() {
  OuterB.Lock();
  MuB.Lock();
  while (!ReadyB)
    CvB.Wait(&MuB);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'OuterB' is held while waiting on condition variable 'CvB', but what would wake it up needs 'OuterB': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'OuterB' acquired here
  // CHECK-MESSAGES: :[[@LINE+6]]:19: note: 'OuterB' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+10]]:3: note: 'CvB' is signalled here while 'OuterB' is held
  MuB.Unlock();
  OuterB.Unlock();
}
void signalAllB() {
  absl::MutexLock Outer(&OuterB);
  {
    absl::MutexLock Lock(&MuB);
    ReadyB = true;
  }
  CvB.SignalAll();
}

// Soft: Mutex::Await releases MuC only, not OuterC.
absl::Mutex OuterC, MuC;
bool ReadyC;
void awaitC() {
  absl::MutexLock Outer(&OuterC);
  absl::MutexLock Lock(&MuC);
  MuC.Await(absl::Condition(&ReadyC));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'OuterC' is held while waiting for a condition on 'MuC'; every other thread that needs 'OuterC' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:19: note: 'OuterC' acquired here
}

// Soft: waiting for a notification nobody gives under NoteMuA.
absl::Mutex NoteMuA;
absl::Notification DoneA;
void waitNoteA() {
  absl::MutexLock Lock(&NoteMuA);
  DoneA.WaitForNotification();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'NoteMuA' is held while waiting for notification 'DoneA'; every other thread that needs 'NoteMuA' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'NoteMuA' acquired here
}
void notifyA() { DoneA.Notify(); }

// Certain: the notifier needs NoteMuB.
absl::Mutex NoteMuB;
absl::Notification DoneB;
void waitNoteB() {
  absl::MutexLock Lock(&NoteMuB);
  DoneB.WaitForNotification();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'NoteMuB' is held while waiting for notification 'DoneB', but what would wake it up needs 'NoteMuB': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'NoteMuB' acquired here
  // CHECK-MESSAGES: :[[@LINE+4]]:19: note: 'NoteMuB' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: 'DoneB' is notified here while 'NoteMuB' is held
}
void notifyB() {
  absl::MutexLock Lock(&NoteMuB);
  DoneB.Notify();
}

// Timed notification wait: soft although the notifier needs NoteMuC, and
// a 5 ms timeout is not a poll.
absl::Mutex NoteMuC;
absl::Notification DoneC;
bool waitNoteC() {
  absl::MutexLock Lock(&NoteMuC);
  return DoneC.WaitForNotificationWithTimeout(absl::Milliseconds(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'NoteMuC' is held while waiting for notification 'DoneC'; every other thread that needs 'NoteMuC' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'NoteMuC' acquired here
}
bool waitNoteSecondsC() {
  absl::MutexLock Lock(&NoteMuC);
  return DoneC.WaitForNotificationWithTimeout(absl::Seconds(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'NoteMuC' is held while waiting for notification 'DoneC'; every other thread that needs 'NoteMuC' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'NoteMuC' acquired here
}
void notifyC() {
  absl::MutexLock Lock(&NoteMuC);
  DoneC.Notify();
}

// Certain: every worker decrements the counter under CountMuA.
absl::Mutex CountMuA;
absl::BlockingCounter CounterA(4);
void waitCounterA() {
  absl::MutexLock Lock(&CountMuA);
  CounterA.Wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'CountMuA' is held while waiting on counter 'CounterA', but what would wake it up needs 'CountMuA': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'CountMuA' acquired here
  // CHECK-MESSAGES: :[[@LINE+4]]:19: note: 'CountMuA' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: 'CounterA' is counted down here while 'CountMuA' is held
}
void workerA() {
  absl::MutexLock Lock(&CountMuA);
  CounterA.DecrementCount();
}

// Soft: the workers decrement without CountMuB.
absl::Mutex CountMuB;
absl::BlockingCounter CounterB(4);
void waitCounterB() {
  CountMuB.Lock();
  CounterB.Wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'CountMuB' is held while waiting on counter 'CounterB'; every other thread that needs 'CountMuB' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'CountMuB' acquired here
  CountMuB.Unlock();
}
void workerB() { CounterB.DecrementCount(); }

// absl::SleepFor under a lock.
absl::Mutex SleepMuA;
void sleepA() {
  absl::MutexLock Lock(&SleepMuA);
  absl::SleepFor(absl::Milliseconds(10));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SleepMuA' is held while sleeping in 'absl::SleepFor'; every other thread that needs 'SleepMuA' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'SleepMuA' acquired here
}

//===----------------------------------------------------------------------===//
// Negative.
//===----------------------------------------------------------------------===//

// Negative: CondVar::Wait holding only the mutex it releases.
absl::Mutex MuD;
absl::CondVar CvD;
bool ReadyD;
void ownD() {
  absl::MutexLock Lock(&MuD);
  while (!ReadyD)
    CvD.Wait(&MuD);
}
void signalD() {
  absl::MutexLock Lock(&MuD);
  ReadyD = true;
  CvD.Signal();
}

// Negative: Mutex::Await holding only that mutex.
absl::Mutex MuE;
bool ReadyE;
void awaitOwnE() {
  MuE.Lock();
  MuE.Await(absl::Condition(&ReadyE));
  MuE.Unlock();
}

// Negative: the outer lock is released (ReleasableMutexLock::Release)
// before the wait.
absl::Mutex OuterF, MuF;
absl::CondVar CvF;
bool ReadyF;
void releasedF() {
  absl::ReleasableMutexLock Outer(&OuterF);
  Outer.Release();
  absl::MutexLock Lock(&MuF);
  while (!ReadyF)
    CvF.Wait(&MuF);
}

// Negative: zero timeouts only poll.
absl::Mutex PollMu;
absl::Notification PollDone;
bool polls() {
  absl::MutexLock Lock(&PollMu);
  absl::SleepFor(absl::ZeroDuration());
  return PollDone.WaitForNotificationWithTimeout(absl::ZeroDuration());
}

// Negative: HasBeenNotified, Notify and DecrementCount never block.
absl::Mutex QueryMu;
absl::Notification QueryDone;
absl::BlockingCounter QueryCounter(1);
bool queries() {
  absl::MutexLock Lock(&QueryMu);
  QueryDone.Notify();
  QueryCounter.DecrementCount();
  return QueryDone.HasBeenNotified();
}
