// RUN: %check_clang_tidy -std=c++20 %s deadlock-blocking-under-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' %s -- -std=c++20 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// C++20 blocking primitives under a lock: semaphores, latches, barriers and
// std::jthread (whose destructor joins).

#include <barrier>
#include <chrono>
#include <latch>
#include <mutex>
#include <semaphore>
#include <thread>

using namespace std::chrono_literals;

//===----------------------------------------------------------------------===//
// Semaphores.
//===----------------------------------------------------------------------===//

// Soft: nobody releases SemA while holding SemMuA.
std::mutex SemMuA;
std::counting_semaphore<8> SemA(0);
void acquireA() {
  std::lock_guard<std::mutex> Lock(SemMuA);
  SemA.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SemMuA' is held while acquiring semaphore 'SemA'; every other thread that needs 'SemMuA' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'SemMuA' acquired here
}
void releaseA() { SemA.release(); }

// Certain: the releaser needs SemMuB.
std::mutex SemMuB;
std::counting_semaphore<8> SemB(0);
void acquireB() {
  std::lock_guard<std::mutex> Lock(SemMuB);
  SemB.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SemMuB' is held while acquiring semaphore 'SemB', but what would wake it up needs 'SemMuB': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'SemMuB' acquired here
  // CHECK-MESSAGES: :[[@LINE+4]]:31: note: 'SemMuB' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: 'SemB' is released here while 'SemMuB' is held
}
void releaseB() {
  std::lock_guard<std::mutex> Lock(SemMuB);
  SemB.release();
}

// Certain, binary_semaphore.
std::mutex SemMuC;
std::binary_semaphore SemC(0);
void acquireC() {
  SemMuC.lock();
  SemC.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SemMuC' is held while acquiring semaphore 'SemC', but what would wake it up needs 'SemMuC': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'SemMuC' acquired here
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: 'SemMuC' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: 'SemC' is released here while 'SemMuC' is held
  SemMuC.unlock();
}
void releaseC() {
  SemMuC.lock();
  SemC.release();
  SemMuC.unlock();
}

// Timed acquire: soft, although the releaser needs SemMuD.
std::mutex SemMuD;
std::counting_semaphore<4> SemD(0);
bool tryForD() {
  std::lock_guard<std::mutex> Lock(SemMuD);
  return SemD.try_acquire_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'SemMuD' is held while acquiring semaphore 'SemD'; every other thread that needs 'SemMuD' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'SemMuD' acquired here
}
void releaseD() {
  std::lock_guard<std::mutex> Lock(SemMuD);
  SemD.release();
}

// Negative: try_acquire() never blocks; try_acquire_for(0ms) only polls.
std::mutex SemMuE;
std::counting_semaphore<4> SemE(0);
bool tryE() {
  std::lock_guard<std::mutex> Lock(SemMuE);
  return SemE.try_acquire() || SemE.try_acquire_for(0ms);
}
void releaseE() {
  std::lock_guard<std::mutex> Lock(SemMuE);
  SemE.release();
}

// Negative: release() under a lock does not block.
std::mutex SemMuF;
std::counting_semaphore<4> SemF(0);
void releaseUnderLockF() {
  std::lock_guard<std::mutex> Lock(SemMuF);
  SemF.release(2);
}

//===----------------------------------------------------------------------===//
// Latches and barriers.
//===----------------------------------------------------------------------===//

// Soft: the count-down happens without LatchMuA.
std::mutex LatchMuA;
std::latch LatchA(2);
void waitLatchA() {
  std::lock_guard<std::mutex> Lock(LatchMuA);
  LatchA.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'LatchMuA' is held while waiting on latch 'LatchA'; every other thread that needs 'LatchMuA' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'LatchMuA' acquired here
}
void countDownA() { LatchA.count_down(); }

// Certain: the counter-down needs LatchMuB.
std::mutex LatchMuB;
std::latch LatchB(1);
void waitLatchB() {
  std::lock_guard<std::mutex> Lock(LatchMuB);
  LatchB.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'LatchMuB' is held while waiting on latch 'LatchB', but what would wake it up needs 'LatchMuB': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'LatchMuB' acquired here
  // CHECK-MESSAGES: :[[@LINE+4]]:31: note: 'LatchMuB' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: 'LatchB' is counted down here while 'LatchMuB' is held
}
void countDownB() {
  std::lock_guard<std::mutex> Lock(LatchMuB);
  LatchB.count_down();
}

// Certain: arrive_and_wait both counts down and waits, so threads that run
// arriveC block one another: the first keeps LatchMuC, the next cannot
// arrive. The witness is the same call, made by another thread.
std::mutex LatchMuC;
std::latch LatchC(2);
void arriveC() {
  std::lock_guard<std::mutex> Lock(LatchMuC);
  LatchC.arrive_and_wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'LatchMuC' is held while waiting on latch 'LatchC', but what would wake it up needs 'LatchMuC': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'LatchMuC' acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'LatchMuC' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'LatchC' is counted down here by other threads too, each holding 'LatchMuC'
}

// Certain barrier: every participant arrives while holding BarMuA, so the
// first one to arrive keeps the others from reaching the barrier.
std::mutex BarMuA;
std::barrier<> BarA(2);
void phaseA() {
  std::lock_guard<std::mutex> Lock(BarMuA);
  BarA.arrive_and_wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'BarMuA' is held while waiting on barrier 'BarA', but what would wake it up needs 'BarMuA': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'BarMuA' acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'BarMuA' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'BarA' is arrived at here by other threads too, each holding 'BarMuA'
}

// Soft barrier: this participant arrives before taking BarMuB and only
// waits for the phase under it; the others arrive without BarMuB.
std::mutex BarMuB;
std::barrier<> BarB(2);
void phaseB() {
  auto Token = BarB.arrive();
  std::lock_guard<std::mutex> Lock(BarMuB);
  BarB.wait(std::move(Token));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'BarMuB' is held while waiting on barrier 'BarB'; every other thread that needs 'BarMuB' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'BarMuB' acquired here
}
void otherPhaseB() { BarB.arrive_and_drop(); }

// Negative: count_down() and try_wait() do not block.
std::mutex LatchMuD;
std::latch LatchD(1);
bool countDownD() {
  std::lock_guard<std::mutex> Lock(LatchMuD);
  LatchD.count_down();
  return LatchD.try_wait();
}

// Negative: the latch is waited on after the lock is released.
std::mutex LatchMuE;
std::latch LatchE(1);
void afterUnlockE() {
  LatchMuE.lock();
  LatchE.count_down();
  LatchMuE.unlock();
  LatchE.wait();
}

//===----------------------------------------------------------------------===//
// std::jthread.
//===----------------------------------------------------------------------===//

// Certain: the jthread's destructor joins at the end of the scope, while
// JthMuA (taken before the thread was created) is still held; the thread
// function takes JthMuA.
std::mutex JthMuA;
void jworkerA() { std::lock_guard<std::mutex> Lock(JthMuA); }
void jthreadDtorA() {
  std::lock_guard<std::mutex> Lock(JthMuA);
  std::jthread T(jworkerA);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'JthMuA' is held while joining thread 'T' (destructor), but what would wake it up needs 'JthMuA': deadlock [deadlock-blocking-under-lock]
// CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'JthMuA' acquired here
// CHECK-MESSAGES: :[[@LINE-7]]:47: note: the thread running 'jworkerA' acquires 'JthMuA' here

// Soft: the destructor joins under JthMuB; the thread takes no lock.
std::mutex JthMuB;
void jworkerB() {}
void jthreadDtorB() {
  std::lock_guard<std::mutex> Lock(JthMuB);
  std::jthread T(jworkerB);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'JthMuB' is held while joining thread 'T' (destructor); every other thread that needs 'JthMuB' is blocked as long as this thread waits [deadlock-blocking-under-lock]
// CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'JthMuB' acquired here

// Certain: an explicit jthread::join under the lock its function takes.
std::mutex JthMuC;
void jworkerC() { std::lock_guard<std::mutex> Lock(JthMuC); }
void jthreadJoinC() {
  std::jthread T(jworkerC);
  std::lock_guard<std::mutex> Lock(JthMuC);
  T.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'JthMuC' is held while joining thread 'T', but what would wake it up needs 'JthMuC': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'JthMuC' acquired here
  // CHECK-MESSAGES: :[[@LINE-7]]:47: note: the thread running 'jworkerC' acquires 'JthMuC' here
}

// Negative: the jthread is created before the guard, so it is destroyed
// (and joined) after the guard has released JthMuD.
std::mutex JthMuD;
void jworkerD() { std::lock_guard<std::mutex> Lock(JthMuD); }
void jthreadAfterGuardD() {
  std::jthread T(jworkerD);
  std::lock_guard<std::mutex> Lock(JthMuD);
}

// Negative: the jthread's scope ends before the lock is taken.
std::mutex JthMuE;
void jworkerE() { std::lock_guard<std::mutex> Lock(JthMuE); }
void jthreadScopedE() {
  {
    std::jthread T(jworkerE);
  }
  std::lock_guard<std::mutex> Lock(JthMuE);
}
