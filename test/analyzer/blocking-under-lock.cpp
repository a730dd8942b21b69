// RUN: %clang_analyze -std=c++17 -Xclang -analyzer-checker=deadlock.BlockingUnderLock \
// RUN:   -Xclang -verify %s
// RUN: %clang_analyze -std=c++17 -Xclang -analyzer-checker=deadlock.BlockingUnderLock \
// RUN:   -Xclang -analyzer-config -Xclang deadlock.BlockingUnderLock:ConfirmedOnly=true \
// RUN:   -Xclang -verify=confirmed %s

// deadlock.BlockingUnderLock: the wait and who would end it.
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

std::mutex Outer, QueueMu;
std::condition_variable NotEmpty;
bool HasItem = false;

// Certain: the consumer waits holding Outer; the producer needs Outer
// before it can notify.
void consume() {
  std::lock_guard<std::mutex> G(Outer); // expected-note {{'Outer' acquired here}} confirmed-note {{'Outer' acquired here}}
  std::unique_lock<std::mutex> L(QueueMu);
  NotEmpty.wait(L, [] { return HasItem; }); // expected-warning {{'Outer' is held while waiting on condition variable 'NotEmpty', but what would wake it up needs 'Outer': deadlock}} expected-note {{'Outer' is held while waiting on condition variable 'NotEmpty', but}} confirmed-warning {{but what would wake it up needs 'Outer': deadlock}} confirmed-note {{but what would wake it up needs 'Outer': deadlock}}
}
void produce() {
  std::lock_guard<std::mutex> G(Outer); // expected-note {{'Outer' acquired by the waker here}} confirmed-note {{'Outer' acquired by the waker here}}
  std::lock_guard<std::mutex> L(QueueMu);
  HasItem = true;
  NotEmpty.notify_one(); // expected-note {{'NotEmpty' is notified here while 'Outer' is held}} confirmed-note {{'NotEmpty' is notified here while 'Outer' is held}}
}

// Soft: a sleep under a lock stalls every thread that needs it.
std::mutex Slow;
void nap() {
  std::lock_guard<std::mutex> G(Slow); // expected-note {{'Slow' acquired here}}
  std::this_thread::sleep_for(std::chrono::seconds(1)); // expected-warning {{'Slow' is held while sleeping in 'std::this_thread::sleep_for'; every other thread that needs 'Slow' is blocked as long as this thread waits}} expected-note {{'Slow' is held while sleeping in}}
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// A condition wait whose only held lock is its own: the wait releases it.
void waitOnOwn() {
  std::unique_lock<std::mutex> L(QueueMu);
  NotEmpty.wait(L, [] { return HasItem; });
}

// A zero timeout is a poll.
void poll() {
  std::unique_lock<std::mutex> G(Slow);
  std::unique_lock<std::mutex> L(QueueMu);
  NotEmpty.wait_for(L, std::chrono::seconds(0));
}

// The guard is released before the thread is joined.
void joinAfterUnlock(std::thread &T) {
  std::unique_lock<std::mutex> G(Slow);
  G.unlock();
  T.join();
}

// Blocking inside an inlined call is worded as clang-tidy words a blocking
// callee: held across the call, with where it blocks.
std::mutex ChanMu;
std::condition_variable ChanCv;
bool ChanReady = false;
void recvOne() {
  std::unique_lock<std::mutex> L(ChanMu);
  ChanCv.wait(L, [] { return ChanReady; }); // expected-note {{'recvOne' blocks here, waiting on condition variable 'ChanCv'}}
}
void recvUnderLock() {
  std::lock_guard<std::mutex> G(Slow); // expected-note {{'Slow' acquired here}}
  recvOne(); // expected-warning {{'Slow' is held across a call to 'recvOne', which blocks; every other thread that needs 'Slow' is blocked as long as this thread waits}} expected-note {{blocking in call to 'recvOne' here}} expected-note {{'Slow' is held across a call to 'recvOne', which blocks;}}
}

// Waits reached through a std::unique_ptr name the object as the source
// does (`Shared->Pool->Drained`), not through the library's private members.
#include <memory>

struct Pool {
  std::mutex QueueMu;
  std::condition_variable Drained;
  bool Done = false;
  void drain() {
    std::unique_lock<std::mutex> L(QueueMu);
    Drained.wait(L, [this] { return Done; }); // expected-note {{'drain' blocks here, waiting on condition variable 'Shared->Pool->Drained'}}
  }
};
struct Context {
  std::unique_ptr<Pool> Pool;
};
Context *Shared;
std::mutex InitMu;

void shutdownPool() {
  std::lock_guard<std::mutex> G(InitMu); // expected-note {{'InitMu' acquired here}}
  Shared->Pool->drain(); // expected-warning {{'InitMu' is held across a call to 'drain', which blocks}} expected-note {{'InitMu' is held across a call to 'drain', which blocks}} expected-note {{blocking in call to 'drain' here}}
}
