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
