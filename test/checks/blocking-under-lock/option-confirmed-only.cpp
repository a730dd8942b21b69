// RUN: %check_clang_tidy %s deadlock-blocking-under-lock %t -- \
// RUN:   -config="{CheckOptions: {deadlock-blocking-under-lock.ConfirmedOnly: true}}" -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' \
// RUN:   -config="{CheckOptions: {deadlock-blocking-under-lock.ConfirmedOnly: true}}" %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DEFAULT --implicit-check-not='{{warning|error}}:'

// ConfirmedOnly=true keeps only certain deadlocks (the wake-up needs the
// held lock) and drops the others. The last RUN line (prefix DEFAULT, every
// warning of a run without the option) proves the dropped ones are there
// by default.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

// Certain condition wait: kept.
std::mutex OuterA, InnerA;
std::condition_variable CvA;
bool ReadyA;
void waitA() {
  std::lock_guard<std::mutex> Outer(OuterA);
  std::unique_lock<std::mutex> Inner(InnerA);
  CvA.wait(Inner, [] { return ReadyA; });
  // DEFAULT: :[[@LINE-1]]:3: warning: 'OuterA' is held while waiting on condition variable 'CvA', but what would wake it up needs 'OuterA': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'OuterA' is held while waiting on condition variable 'CvA', but what would wake it up needs 'OuterA': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:31: note: 'OuterA' acquired here
  // CHECK-MESSAGES: :[[@LINE+4]]:31: note: 'OuterA' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: 'CvA' is notified here while 'OuterA' is held
}
void notifyA() {
  std::lock_guard<std::mutex> Outer(OuterA);
  ReadyA = true;
  CvA.notify_one();
}

// Soft condition wait: dropped.
std::mutex OuterB, InnerB;
std::condition_variable CvB;
bool ReadyB;
void waitB() {
  std::lock_guard<std::mutex> Outer(OuterB);
  std::unique_lock<std::mutex> Inner(InnerB);
  CvB.wait(Inner, [] { return ReadyB; });
  // DEFAULT: :[[@LINE-1]]:3: warning: 'OuterB' is held while waiting on condition variable 'CvB'; every other thread that needs 'OuterB' is blocked as long as this thread waits [deadlock-blocking-under-lock]
}
void notifyB() {
  {
    std::lock_guard<std::mutex> Inner(InnerB);
    ReadyB = true;
  }
  CvB.notify_one();
}

// Timed wait whose notifier needs the lock: never certain, dropped.
std::mutex OuterC, InnerC;
std::condition_variable CvC;
void timedC() {
  std::lock_guard<std::mutex> Outer(OuterC);
  std::unique_lock<std::mutex> Inner(InnerC);
  CvC.wait_for(Inner, 10ms);
  // DEFAULT: :[[@LINE-1]]:3: warning: 'OuterC' is held while waiting on condition variable 'CvC'; every other thread that needs 'OuterC' is blocked as long as this thread waits [deadlock-blocking-under-lock]
}
void notifyC() {
  std::lock_guard<std::mutex> Outer(OuterC);
  CvC.notify_all();
}

// Certain join through a call in the thread function: kept.
std::mutex JoinMuD;
void touchD() { std::lock_guard<std::mutex> Lock(JoinMuD); }
void workerD() { touchD(); }
void joinD() {
  std::thread T(workerD);
  std::lock_guard<std::mutex> Lock(JoinMuD);
  T.join();
  // DEFAULT: :[[@LINE-1]]:3: warning: 'JoinMuD' is held while joining thread 'T', but what would wake it up needs 'JoinMuD': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'JoinMuD' is held while joining thread 'T', but what would wake it up needs 'JoinMuD': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'JoinMuD' acquired here
  // CHECK-MESSAGES: :[[@LINE-8]]:18: note: the thread running 'workerD' acquires 'JoinMuD' in call to 'touchD' here
  // CHECK-MESSAGES: :[[@LINE-10]]:45: note: 'JoinMuD' acquired here
}

// Soft join: dropped.
std::mutex JoinMuE;
void workerE() {}
void joinE() {
  std::thread T(workerE);
  std::lock_guard<std::mutex> Lock(JoinMuE);
  T.join();
  // DEFAULT: :[[@LINE-1]]:3: warning: 'JoinMuE' is held while joining thread 'T'; every other thread that needs 'JoinMuE' is blocked as long as this thread waits [deadlock-blocking-under-lock]
}

// Sleep and I/O: never certain, dropped.
std::mutex SleepMuF;
void sleepAndReadF(int Fd) {
  char C;
  std::lock_guard<std::mutex> Lock(SleepMuF);
  std::this_thread::sleep_for(1ms);
  // DEFAULT: :[[@LINE-1]]:3: warning: 'SleepMuF' is held while sleeping in 'std::this_thread::sleep_for'; every other thread that needs 'SleepMuF' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  read(Fd, &C, 1);
  // DEFAULT: :[[@LINE-1]]:3: warning: 'SleepMuF' is held while blocking in I/O call 'read'; every other thread that needs 'SleepMuF' is blocked as long as this thread waits [deadlock-blocking-under-lock]
}

// Certain future wait through a call: kept.
std::mutex FutMuG;
std::promise<int> PromG;
std::future<int> FutG = PromG.get_future();
int getG() { return FutG.get(); }
int consumerG() {
  std::lock_guard<std::mutex> Lock(FutMuG);
  return getG();
  // DEFAULT: :[[@LINE-1]]:10: warning: 'FutMuG' is held across a call to 'getG', which blocks, but what would wake it up needs 'FutMuG': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: warning: 'FutMuG' is held across a call to 'getG', which blocks, but what would wake it up needs 'FutMuG': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'FutMuG' acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: blocking in call to 'getG' here
  // CHECK-MESSAGES: :[[@LINE-8]]:21: note: 'getG' blocks here, waiting for future 'FutG'
  // CHECK-MESSAGES: :[[@LINE+4]]:31: note: 'FutMuG' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: 'PromG' is given its value here while 'FutMuG' is held
}
void producerG() {
  std::lock_guard<std::mutex> Lock(FutMuG);
  PromG.set_value(7);
}
