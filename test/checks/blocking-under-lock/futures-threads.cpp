// RUN: %check_clang_tidy %s deadlock-blocking-under-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Waiting for a future and joining a thread while holding a lock. Certain
// when the producer sets the value under that lock, or when the joined
// thread (or std::async task) acquires it.

#include <chrono>
#include <future>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

//===----------------------------------------------------------------------===//
// Futures.
//===----------------------------------------------------------------------===//

// Certain: the producer needs FutA to set the value the consumer waits for.
std::mutex FutA;
std::promise<int> PromA;
int consumerA() {
  std::future<int> F = PromA.get_future();
  std::lock_guard<std::mutex> Lock(FutA);
  return F.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'FutA' is held while waiting for future 'F', but what would wake it up needs 'FutA': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'FutA' acquired here
  // CHECK-MESSAGES: :[[@LINE+4]]:31: note: 'FutA' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: 'PromA' is given its value here while 'FutA' is held
}
void producerA() {
  std::lock_guard<std::mutex> Lock(FutA);
  PromA.set_value(1);
}

// Soft: the producer sets the value without FutB.
std::mutex FutB;
std::promise<int> PromB;
int consumerB(std::future<int> &F) {
  std::lock_guard<std::mutex> Lock(FutB);
  return F.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'FutB' is held while waiting for future 'F'; every other thread that needs 'FutB' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'FutB' acquired here
}
void producerB() { PromB.set_value(2); }

// Certain: the std::async task takes FutC before it can return.
std::mutex FutC;
int Counter;
int taskC() {
  std::lock_guard<std::mutex> Lock(FutC);
  return ++Counter;
}
int asyncC() {
  auto F = std::async(std::launch::async, taskC);
  std::lock_guard<std::mutex> Lock(FutC);
  return F.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'FutC' is held while waiting for future 'F', but what would wake it up needs 'FutC': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'FutC' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: the thread running 'taskC' acquires 'FutC' here
}

// future::wait() (declared in libstdc++'s std::__basic_future base) blocks
// like get(); the producer needs FutD.
std::mutex FutD;
std::promise<void> PromD;
void waitD() {
  std::future<void> F = PromD.get_future();
  std::lock_guard<std::mutex> Lock(FutD);
  F.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'FutD' is held while waiting for future 'F', but what would wake it up needs 'FutD': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'FutD' acquired here
  // CHECK-MESSAGES: :[[@LINE+4]]:31: note: 'FutD' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: 'PromD' is given its value here while 'FutD' is held
}
void producerD() {
  std::lock_guard<std::mutex> Lock(FutD);
  PromD.set_value();
}

// Timed future waits are soft, even though the producer needs FutE.
std::mutex FutE;
std::promise<int> PromE;
bool timedE() {
  std::future<int> F = PromE.get_future();
  std::lock_guard<std::mutex> Lock(FutE);
  return F.wait_for(50ms) == std::future_status::ready;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'FutE' is held while waiting for future 'F'; every other thread that needs 'FutE' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'FutE' acquired here
}
void producerE() {
  std::lock_guard<std::mutex> Lock(FutE);
  PromE.set_value(5);
}

// shared_future::get blocks too.
std::mutex FutF;
int sharedF(std::shared_future<int> F) {
  std::lock_guard<std::mutex> Lock(FutF);
  return F.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'FutF' is held while waiting for future 'F'; every other thread that needs 'FutF' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'FutF' acquired here
}

// Negative: a zero wait_for only polls.
std::mutex FutG;
bool pollG(std::future<int> &F) {
  std::lock_guard<std::mutex> Lock(FutG);
  return F.wait_for(0s) == std::future_status::ready;
}

// Negative: get() with no lock held.
std::promise<int> PromH;
int noLockH() {
  std::future<int> F = PromH.get_future();
  return F.get();
}

// Negative: the lock is released before get().
std::mutex FutI;
int Cached;
int releasedI(std::future<int> &F) {
  std::unique_lock<std::mutex> Lock(FutI);
  int Before = Cached;
  Lock.unlock();
  return Before + F.get();
}

//===----------------------------------------------------------------------===//
// Threads.
//===----------------------------------------------------------------------===//

// Certain: the joined thread's function takes JoinA directly.
std::mutex JoinA;
int SharedA;
void workerA() {
  std::lock_guard<std::mutex> Lock(JoinA);
  ++SharedA;
}
void joinA() {
  std::thread T(workerA);
  std::lock_guard<std::mutex> Lock(JoinA);
  T.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'JoinA' is held while joining thread 'T', but what would wake it up needs 'JoinA': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'JoinA' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: the thread running 'workerA' acquires 'JoinA' here
}

// Certain: the thread function takes JoinB through a call.
std::mutex JoinB;
int SharedB;
void bumpB() {
  JoinB.lock();
  ++SharedB;
  JoinB.unlock();
}
void workerB() { bumpB(); }
void joinB() {
  std::thread T(workerB);
  JoinB.lock();
  T.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'JoinB' is held while joining thread 'T', but what would wake it up needs 'JoinB': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'JoinB' acquired here
  // CHECK-MESSAGES: :[[@LINE-7]]:18: note: the thread running 'workerB' acquires 'JoinB' in call to 'bumpB' here
  // CHECK-MESSAGES: :[[@LINE-12]]:3: note: 'JoinB' acquired here
  JoinB.unlock();
}

// Certain, through a call on the waiter's side: the join happens in a
// helper called under JoinC, on a thread started with workerC, which takes
// JoinC.
std::mutex JoinC;
void workerC() { std::lock_guard<std::mutex> Lock(JoinC); }
void finishC(std::thread &T) { T.join(); }
void joinThroughCallC() {
  std::thread T(workerC);
  std::lock_guard<std::mutex> Lock(JoinC);
  finishC(T);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'JoinC' is held across a call to 'finishC', which blocks, but what would wake it up needs 'JoinC': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'JoinC' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to 'finishC' here
  // CHECK-MESSAGES: :[[@LINE-8]]:32: note: 'finishC' blocks here, joining thread 'T'
  // CHECK-MESSAGES: :[[@LINE-10]]:46: note: the thread running 'workerC' acquires 'JoinC' here
}

// Soft: the thread function takes no lock.
std::mutex JoinD;
void workerD() {}
void joinD() {
  std::thread T(workerD);
  std::lock_guard<std::mutex> Lock(JoinD);
  T.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'JoinD' is held while joining thread 'T'; every other thread that needs 'JoinD' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'JoinD' acquired here
}

// Certain, with members: the stop() path joins the worker under Mu, and
// the worker's loop takes Mu.
class Service {
  std::mutex Mu;
  std::thread Worker;
  bool Stop = false;

  void run() {
    for (;;) {
      std::lock_guard<std::mutex> Lock(Mu);
      if (Stop)
        return;
    }
  }

public:
  void start() { Worker = std::thread(&Service::run, this); }
  void stop() {
    std::lock_guard<std::mutex> Lock(Mu);
    Stop = true;
    Worker.join();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is held while joining thread 'this->Worker', but what would wake it up needs 'this->Mu': deadlock [deadlock-blocking-under-lock]
    // CHECK-MESSAGES: :[[@LINE-4]]:33: note: 'this->Mu' acquired here
    // CHECK-MESSAGES: :[[@LINE-14]]:35: note: the thread running 'run' acquires 'this->Mu' here
  }
};

// Certain, with a lambda as the thread function.
std::mutex JoinE;
int SharedE;
void joinLambdaE() {
  std::thread T([] {
    std::lock_guard<std::mutex> Lock(JoinE);
    ++SharedE;
  });
  std::lock_guard<std::mutex> Lock(JoinE);
  T.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'JoinE' is held while joining thread 'T', but what would wake it up needs 'JoinE': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'JoinE' acquired here
  // CHECK-MESSAGES: :[[@LINE-7]]:33: note: the thread running 'lambda at line [[@LINE-8]]' acquires 'JoinE' here
}

// Soft: a worker object whose destructor joins is destroyed at the end of
// the scope, while JoinI (taken first) is still held.
std::mutex JoinI;
struct Joiner {
  std::thread T;
  ~Joiner() { T.join(); }
};
void destroyUnderLockI() {
  std::lock_guard<std::mutex> Lock(JoinI);
  Joiner J;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'JoinI' is held across a call to '~Joiner', which blocks; every other thread that needs 'JoinI' is blocked as long as this thread waits [deadlock-blocking-under-lock]
// CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'JoinI' acquired here
// CHECK-MESSAGES: :[[@LINE-3]]:1: note: blocking in call to '~Joiner' here
// CHECK-MESSAGES: :[[@LINE-9]]:15: note: '~Joiner' blocks here, joining thread 'this->T'

// Negative: joined after the guard's scope ends.
std::mutex JoinF;
void workerF() { std::lock_guard<std::mutex> Lock(JoinF); }
void joinAfterScopeF() {
  std::thread T(workerF);
  {
    std::lock_guard<std::mutex> Lock(JoinF);
  }
  T.join();
}

// Negative: joined with no lock held at all.
void workerG() {}
void joinNoLockG() {
  std::thread T(workerG);
  T.join();
}

// Negative: detach() does not block.
std::mutex JoinH;
void workerH() { std::lock_guard<std::mutex> Lock(JoinH); }
void detachH() {
  std::thread T(workerH);
  std::lock_guard<std::mutex> Lock(JoinH);
  T.detach();
}
