// RUN: %check_clang_tidy %s deadlock-blocking-under-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Boost.Thread condition variables and threads, Boost.Fiber channels, and
// Qt's QWaitCondition.

#include "boost-extras.h"
#include "qt-extras.h"
#include <chrono>

using namespace std::chrono_literals;

//===----------------------------------------------------------------------===//
// Boost.Thread.
//===----------------------------------------------------------------------===//

// Certain: OuterA is held across a wait that releases only MuA, and the
// notifier needs OuterA.
boost::mutex OuterA, MuA;
boost::condition_variable CvA;
bool ReadyA;
void waitA() {
  boost::lock_guard<boost::mutex> Outer(OuterA);
  boost::unique_lock<boost::mutex> Lock(MuA);
  while (!ReadyA)
    CvA.wait(Lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'OuterA' is held while waiting on condition variable 'CvA', but what would wake it up needs 'OuterA': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:35: note: 'OuterA' acquired here
  // CHECK-MESSAGES: :[[@LINE+4]]:35: note: 'OuterA' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: 'CvA' is notified here while 'OuterA' is held
}
void notifyA() {
  boost::lock_guard<boost::mutex> Outer(OuterA);
  ReadyA = true;
  CvA.notify_all();
}

// Timed boost wait: soft, although the notifier needs OuterB.
boost::mutex OuterB, MuB;
boost::condition_variable CvB;
void timedB() {
  boost::lock_guard<boost::mutex> Outer(OuterB);
  boost::unique_lock<boost::mutex> Lock(MuB);
  CvB.wait_for(Lock, 20ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'OuterB' is held while waiting on condition variable 'CvB'; every other thread that needs 'OuterB' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:35: note: 'OuterB' acquired here
}
void notifyB() {
  boost::lock_guard<boost::mutex> Outer(OuterB);
  CvB.notify_one();
}

// Negative: a boost wait holding only its own mutex.
boost::mutex MuC;
boost::condition_variable CvC;
bool ReadyC;
void ownC() {
  boost::unique_lock<boost::mutex> Lock(MuC);
  CvC.wait(Lock, [] { return ReadyC; });
}
void notifyC() {
  boost::lock_guard<boost::mutex> Lock(MuC);
  ReadyC = true;
  CvC.notify_one();
}

// Certain: boost::thread joined under the lock its function takes.
boost::mutex JoinMu;
void boostWorker() { boost::lock_guard<boost::mutex> Lock(JoinMu); }
void boostJoin() {
  boost::thread T(boostWorker);
  boost::lock_guard<boost::mutex> Lock(JoinMu);
  T.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'JoinMu' is held while joining thread 'T', but what would wake it up needs 'JoinMu': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:35: note: 'JoinMu' acquired here
  // CHECK-MESSAGES: :[[@LINE-7]]:54: note: the thread running 'boostWorker' acquires 'JoinMu' here
}

//===----------------------------------------------------------------------===//
// Boost.Fiber channels.
//===----------------------------------------------------------------------===//

// Certain: the consumer pops under ChMuA; the producer pushes under ChMuA.
boost::mutex ChMuA;
boost::fibers::buffered_channel<int> ChanA(16);
int popA() {
  boost::lock_guard<boost::mutex> Lock(ChMuA);
  int V = 0;
  ChanA.pop(V);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ChMuA' is held while receiving from channel 'ChanA', but what would wake it up needs 'ChMuA': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:35: note: 'ChMuA' acquired here
  // CHECK-MESSAGES: :[[@LINE+7]]:35: note: 'ChMuA' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+7]]:3: note: 'ChanA' is pushed to here while 'ChMuA' is held
  return V;
}
// ... and the producer's push blocks when the channel is full, and only
// popA (under ChMuA) would make room: certain too.
void pushA(int V) {
  boost::lock_guard<boost::mutex> Lock(ChMuA);
  ChanA.push(V);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ChMuA' is held while sending to channel 'ChanA', but what would wake it up needs 'ChMuA': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:35: note: 'ChMuA' acquired here
  // CHECK-MESSAGES: :[[@LINE-16]]:35: note: 'ChMuA' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE-15]]:3: note: 'ChanA' is popped from here while 'ChMuA' is held
}

// Soft: the consumer pops under ChMuB, but the producer pushes and closes
// without it. (The consumer's own pop does not wake a popper.)
boost::mutex ChMuB;
boost::fibers::unbuffered_channel<long> ChanB;
long popB() {
  boost::lock_guard<boost::mutex> Lock(ChMuB);
  return ChanB.value_pop();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'ChMuB' is held while receiving from channel 'ChanB'; every other thread that needs 'ChMuB' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:35: note: 'ChMuB' acquired here
}
void pushB(long V) {
  ChanB.push(V);
  ChanB.close();
}

// Soft: pop() under ChMuD; the producer pushes without ChMuD. The
// consumer's own pop() (which wakes pushers, not poppers) is no witness.
boost::mutex ChMuD;
boost::fibers::buffered_channel<short> ChanD(8);
short popD() {
  boost::lock_guard<boost::mutex> Lock(ChMuD);
  short V = 0;
  ChanD.pop(V);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ChMuD' is held while receiving from channel 'ChanD'; every other thread that needs 'ChMuD' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:35: note: 'ChMuD' acquired here
  return V;
}
void pushD(short V) { ChanD.push(V); }

// Negative: try_push/try_pop never block.
boost::mutex ChMuC;
boost::fibers::buffered_channel<int> ChanC(4);
bool tryC(int &V) {
  boost::lock_guard<boost::mutex> Lock(ChMuC);
  return ChanC.try_push(1) == boost::fibers::channel_op_status::success &&
         ChanC.try_pop(V) == boost::fibers::channel_op_status::success;
}

//===----------------------------------------------------------------------===//
// Qt.
//===----------------------------------------------------------------------===//

// Soft: OuterQ held across a QWaitCondition wait that releases MuQ only.
QMutex OuterQ, MuQ;
QWaitCondition CondQ;
bool ReadyQ;
void waitQ() {
  QMutexLocker<QMutex> Outer(&OuterQ);
  MuQ.lock();
  while (!ReadyQ)
    CondQ.wait(&MuQ);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'OuterQ' is held while waiting on condition variable 'CondQ'; every other thread that needs 'OuterQ' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:24: note: 'OuterQ' acquired here
  MuQ.unlock();
}
void wakeQ() {
  QMutexLocker<QMutex> Lock(&MuQ);
  ReadyQ = true;
  CondQ.wakeAll();
}

// Timed Qt wait (100 ms): soft, although the waker needs OuterR.
QMutex OuterR, MuR;
QWaitCondition CondR;
void timedR() {
  QMutexLocker<QMutex> Outer(&OuterR);
  QMutexLocker<QMutex> Lock(&MuR);
  CondR.wait(&MuR, 100);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'OuterR' is held while waiting on condition variable 'CondR'; every other thread that needs 'OuterR' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:24: note: 'OuterR' acquired here
}
void wakeR() {
  QMutexLocker<QMutex> Outer(&OuterR);
  CondR.wakeOne();
}

// Negative: a Qt wait holding only its own mutex.
QMutex MuS;
QWaitCondition CondS;
bool ReadyS;
void ownS() {
  QMutexLocker<QMutex> Lock(&MuS);
  while (!ReadyS)
    CondS.wait(&MuS);
}

// Negative: a zero Qt timeout only polls.
QMutex OuterT, MuT;
QWaitCondition CondT;
bool pollT() {
  QMutexLocker<QMutex> Outer(&OuterT);
  QMutexLocker<QMutex> Lock(&MuT);
  return CondT.wait(&MuT, 0);
}
