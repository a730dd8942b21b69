// RUN: %clang_analyze -std=c++17 -Xclang -analyzer-checker=deadlock \
// RUN:   -Xclang -verify %s

// deadlock.DoubleLock and deadlock.RecursiveSharedLock with their path
// notes: the engine decides the branches, so the notes say which were
// assumed.
#include <mutex>
#include <shared_mutex>

std::mutex Mu;
std::recursive_mutex Rec;
std::shared_mutex Rw;
void work();

void lockTwiceWhen(bool C) {
  if (C) // expected-note {{Assuming 'C' is true}} expected-note {{Taking true branch}}
    Mu.lock(); // expected-note {{'Mu' first acquired here}}
  work();
  if (C) // expected-note {{'C' is true}} expected-note {{Taking true branch}}
    Mu.lock(); // expected-warning {{'Mu' is already held by this thread; acquiring it again deadlocks}} expected-note {{'Mu' is already held by this thread; acquiring it again deadlocks}}
  Mu.unlock();
}

// Through a call the engine inlines: the path goes into the callee.
void takeMu() {
  std::lock_guard<std::mutex> G(Mu); // expected-warning {{'Mu' is already held by this thread; acquiring it again deadlocks}} expected-note {{'Mu' is already held by this thread; acquiring it again deadlocks}}
}
void callUnderGuard() {
  std::lock_guard<std::mutex> G(Mu); // expected-note {{'Mu' first acquired here}}
  takeMu(); // expected-note {{Calling 'takeMu'}}
}

// A shared lock taken again in shared mode.
int size() {
  std::shared_lock<std::shared_mutex> L(Rw); // expected-warning {{'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks}} expected-note {{'Rw' is acquired shared while this thread already holds it shared}}
  return 0;
}
int values() {
  std::shared_lock<std::shared_mutex> L(Rw); // expected-note {{'Rw' first acquired shared here}}
  return size(); // expected-note {{Calling 'size'}}
}

//===----------------------------------------------------------------------===//
// Negative cases: the path the analyzer follows cannot deadlock.
//===----------------------------------------------------------------------===//

// The unlock follows the lock under the same condition.
void correlated(bool C) {
  if (C)
    Mu.lock();
  work();
  if (C)
    Mu.unlock();
  Mu.lock();
  Mu.unlock();
}

// try_lock: only the success branch holds the lock.
void tryThenLock() {
  if (Mu.try_lock()) {
    work();
    Mu.unlock();
  }
  Mu.lock();
  Mu.unlock();
}

// A unique_lock that tried: owns_lock() decides.
void ownsLock() {
  std::unique_lock<std::mutex> L(Mu, std::try_to_lock);
  if (!L.owns_lock()) {
    Mu.lock();
    Mu.unlock();
  }
}

// Recursive mutexes may be taken again.
void recursive() {
  std::lock_guard<std::recursive_mutex> A(Rec);
  std::lock_guard<std::recursive_mutex> B(Rec);
}

// A guard released before the callee locks.
void releasedFirst() {
  std::unique_lock<std::mutex> L(Mu);
  L.unlock();
  takeMu();
}

// A guard's try_lock on a mutex this thread holds fails; it never blocks.
void guardTryOnHeld() {
  std::lock_guard<std::mutex> G(Mu);
  std::unique_lock<std::mutex> L(Mu, std::defer_lock);
  if (L.try_lock())
    work();
}
