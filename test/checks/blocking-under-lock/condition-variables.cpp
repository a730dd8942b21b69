// RUN: %check_clang_tidy %s deadlock-blocking-under-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// std::condition_variable[_any] waits: a wait releases only the mutex it
// waits with, so any other lock held across it is reported. Certain when
// the notifier holds that other lock; timed waits never certain; a zero
// timeout is a poll.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <shared_mutex>

using namespace std::chrono_literals;

//===----------------------------------------------------------------------===//
// Positive.
//===----------------------------------------------------------------------===//

// Soft: a second lock held across the wait; the notifier does not need it.
std::mutex OuterA, InnerA;
std::condition_variable CvA;
bool ReadyA;
void softWaiterA() {
  std::lock_guard<std::mutex> Outer(OuterA);
  std::unique_lock<std::mutex> Inner(InnerA);
  CvA.wait(Inner, [] { return ReadyA; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'OuterA' is held while waiting on condition variable 'CvA'; every other thread that needs 'OuterA' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'OuterA' acquired here
}
void notifierA() {
  {
    std::lock_guard<std::mutex> Inner(InnerA);
    ReadyA = true;
  }
  CvA.notify_one();
}

// Certain: the notifier must take the waiter's outer lock first.
std::mutex OuterB, InnerB;
std::condition_variable CvB;
bool ReadyB;
void certainWaiterB() {
  std::lock_guard<std::mutex> Outer(OuterB);
  std::unique_lock<std::mutex> Inner(InnerB);
  while (!ReadyB)
    CvB.wait(Inner);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'OuterB' is held while waiting on condition variable 'CvB', but what would wake it up needs 'OuterB': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:31: note: 'OuterB' acquired here
  // CHECK-MESSAGES: :[[@LINE+4]]:31: note: 'OuterB' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+8]]:3: note: 'CvB' is notified here while 'OuterB' is held
}
void notifierB() {
  std::lock_guard<std::mutex> Outer(OuterB);
  {
    std::lock_guard<std::mutex> Inner(InnerB);
    ReadyB = true;
  }
  CvB.notify_all();
}

// Certain, with members: the waiter holds this->StateMu around the wait on
// this->Cv (which releases this->QueueMu); the notifier holds StateMu too.
struct Pipeline {
  std::mutex StateMu, QueueMu;
  std::condition_variable Cv;
  std::deque<int> Queue;

  int pop() {
    std::lock_guard<std::mutex> State(StateMu);
    std::unique_lock<std::mutex> Lock(QueueMu);
    Cv.wait(Lock, [this] { return !Queue.empty(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->StateMu' is held while waiting on condition variable 'this->Cv', but what would wake it up needs 'this->StateMu': deadlock [deadlock-blocking-under-lock]
    // CHECK-MESSAGES: :[[@LINE-4]]:33: note: 'this->StateMu' acquired here
    // CHECK-MESSAGES: :[[@LINE+7]]:33: note: 'this->StateMu' acquired by the waker here
    // CHECK-MESSAGES: :[[@LINE+9]]:5: note: 'this->Cv' is notified here while 'this->StateMu' is held
    int V = Queue.front();
    Queue.pop_front();
    return V;
  }
  void push(int V) {
    std::lock_guard<std::mutex> State(StateMu);
    std::lock_guard<std::mutex> Lock(QueueMu);
    Queue.push_back(V);
    Cv.notify_one();
  }
};

// Certain, with the waker taking the lock through a helper.
std::mutex OuterW, InnerW;
std::condition_variable CvW;
bool ReadyW;
void lockOuterW() { OuterW.lock(); }
void waiterW() {
  std::lock_guard<std::mutex> Outer(OuterW);
  std::unique_lock<std::mutex> Inner(InnerW);
  CvW.wait(Inner, [] { return ReadyW; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'OuterW' is held while waiting on condition variable 'CvW', but what would wake it up needs 'OuterW': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'OuterW' acquired here
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: 'OuterW' acquired by the waker in call to 'lockOuterW' here
  // CHECK-MESSAGES: :[[@LINE-8]]:21: note: 'OuterW' acquired here
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: 'CvW' is notified here while 'OuterW' is held
}
void wakerW() {
  lockOuterW();
  ReadyW = true;
  CvW.notify_one();
  OuterW.unlock();
}

// condition_variable_any waiting with the mutex itself, holding another.
std::mutex OuterC, InnerC;
std::condition_variable_any CvC;
bool ReadyC;
void anyWaiterC() {
  OuterC.lock();
  InnerC.lock();
  CvC.wait(InnerC, [] { return ReadyC; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'OuterC' is held while waiting on condition variable 'CvC'; every other thread that needs 'OuterC' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'OuterC' acquired here
  InnerC.unlock();
  OuterC.unlock();
}

// A shared lock held across the wait is named as such.
std::shared_mutex RwD;
std::mutex InnerD;
std::condition_variable CvD;
bool ReadyD;
void sharedWaiterD() {
  std::shared_lock<std::shared_mutex> Read(RwD);
  std::unique_lock<std::mutex> Inner(InnerD);
  CvD.wait(Inner, [] { return ReadyD; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'RwD' is held while waiting on condition variable 'CvD'; every other thread that needs 'RwD' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:39: note: 'RwD' acquired shared here
}

// Timed waits are reported, but never as certain deadlocks, even though
// the notifier below holds OuterE.
std::mutex OuterE, InnerE;
std::condition_variable CvE;
bool ReadyE;
void timedWaiterE() {
  std::lock_guard<std::mutex> Outer(OuterE);
  std::unique_lock<std::mutex> Inner(InnerE);
  CvE.wait_for(Inner, 100ms, [] { return ReadyE; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'OuterE' is held while waiting on condition variable 'CvE'; every other thread that needs 'OuterE' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'OuterE' acquired here
}
void timedUntilWaiterE() {
  std::lock_guard<std::mutex> Outer(OuterE);
  std::unique_lock<std::mutex> Inner(InnerE);
  CvE.wait_until(Inner, std::chrono::steady_clock::now() + 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'OuterE' is held while waiting on condition variable 'CvE'; every other thread that needs 'OuterE' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'OuterE' acquired here
}
void timedRuntimeDurationE(std::chrono::milliseconds Timeout) {
  std::lock_guard<std::mutex> Outer(OuterE);
  std::unique_lock<std::mutex> Inner(InnerE);
  CvE.wait_for(Inner, Timeout);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'OuterE' is held while waiting on condition variable 'CvE'; every other thread that needs 'OuterE' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'OuterE' acquired here
}
void notifierE() {
  std::lock_guard<std::mutex> Outer(OuterE);
  ReadyE = true;
  CvE.notify_all();
}

//===----------------------------------------------------------------------===//
// Negative.
//===----------------------------------------------------------------------===//

// Negative: the only lock held is the one the wait releases.
std::mutex OwnF;
std::condition_variable CvF;
bool ReadyF;
void ownLockOnlyF() {
  std::unique_lock<std::mutex> Lock(OwnF);
  CvF.wait(Lock, [] { return ReadyF; });
}

// Negative: condition_variable_any waiting with its mutex directly.
std::mutex OwnG;
std::condition_variable_any CvG;
bool ReadyG;
void anyOwnMutexG() {
  OwnG.lock();
  CvG.wait(OwnG, [] { return ReadyG; });
  OwnG.unlock();
}

// Negative: condition_variable_any waiting with a unique_lock.
std::mutex OwnH;
std::condition_variable_any CvH;
bool ReadyH;
void anyOwnGuardH() {
  std::unique_lock<std::mutex> Lock(OwnH);
  while (!ReadyH)
    CvH.wait(Lock);
}

// Negative: the normal producer/consumer pattern, notifying under the
// queue's mutex, is fully silent.
std::mutex QueueMuI;
std::condition_variable NotEmptyI;
std::deque<int> QueueI;
void producerI(int V) {
  std::lock_guard<std::mutex> Lock(QueueMuI);
  QueueI.push_back(V);
  NotEmptyI.notify_one();
}
int consumerI() {
  std::unique_lock<std::mutex> Lock(QueueMuI);
  NotEmptyI.wait(Lock, [] { return !QueueI.empty(); });
  int V = QueueI.front();
  QueueI.pop_front();
  return V;
}

// Negative: the outer unique_lock is unlocked before the wait.
std::mutex OuterJ, InnerJ;
std::condition_variable CvJ;
bool ReadyJ;
void unlockedOuterJ() {
  std::unique_lock<std::mutex> Outer(OuterJ);
  Outer.unlock();
  std::unique_lock<std::mutex> Inner(InnerJ);
  CvJ.wait(Inner, [] { return ReadyJ; });
}

// Negative: a zero timeout only polls.
std::mutex OuterK, InnerK;
std::condition_variable CvK;
bool ReadyK;
bool pollK() {
  std::lock_guard<std::mutex> Outer(OuterK);
  std::unique_lock<std::mutex> Inner(InnerK);
  return CvK.wait_for(Inner, 0ms, [] { return ReadyK; });
}
void pollSecondsK() {
  std::lock_guard<std::mutex> Outer(OuterK);
  std::unique_lock<std::mutex> Inner(InnerK);
  CvK.wait_for(Inner, std::chrono::seconds(0));
}
void pollZeroK() {
  std::lock_guard<std::mutex> Outer(OuterK);
  std::unique_lock<std::mutex> Inner(InnerK);
  CvK.wait_for(Inner, std::chrono::milliseconds::zero());
}

// Negative: the wait happens in a helper handed the caller's unique_lock;
// the only lock held is the one that wait releases.
std::mutex OwnL;
std::condition_variable CvL;
bool ReadyL;
void waitHelperL(std::unique_lock<std::mutex> &Lock) {
  CvL.wait(Lock, [] { return ReadyL; });
}
void callsWaitHelperL() {
  std::unique_lock<std::mutex> Lock(OwnL);
  waitHelperL(Lock);
}

// Negative: notifying is not blocking, even under another lock.
std::mutex OuterM, InnerM;
std::condition_variable CvM;
void notifyUnderLocksM() {
  std::lock_guard<std::mutex> Outer(OuterM);
  std::lock_guard<std::mutex> Inner(InnerM);
  CvM.notify_all();
}

// Negative: the outer guard's scope ends before the wait.
std::mutex OuterN, InnerN;
std::condition_variable CvN;
bool ReadyN;
void scopedOuterN() {
  {
    std::lock_guard<std::mutex> Outer(OuterN);
    ReadyN = false;
  }
  std::unique_lock<std::mutex> Inner(InnerN);
  CvN.wait(Inner, [] { return ReadyN; });
}
