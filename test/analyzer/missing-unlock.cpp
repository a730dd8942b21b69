// RUN: %clang_analyze -std=c++17 -Xclang -analyzer-checker=deadlock.MissingUnlock \
// RUN:   -Xclang -verify %s

// deadlock.MissingUnlock: reported at the return that still holds the lock,
// with the path that leads there.
#include <mutex>

std::mutex Mu;
bool ready();
void work();

void earlyReturn(int State) {
  Mu.lock(); // expected-note {{'Mu' acquired here}}
  if (State == 1) // expected-note {{Assuming 'State' is equal to 1}} expected-note {{Taking true branch}}
    return; // expected-warning {{'Mu' is still held at this return but released on other paths}} expected-note {{'Mu' is still held at this return but released on other paths}}
  work();
  Mu.unlock();
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// A try-lock wrapper: it holds the lock exactly when it returns true.
bool tryEnter() {
  if (!ready())
    return false;
  Mu.lock();
  return true;
}

// Released on every path, through a guard.
void guarded(bool C) {
  std::unique_lock<std::mutex> L(Mu);
  if (C)
    return;
  work();
}

// Locked and released under the same condition.
void correlated(bool C) {
  if (C)
    Mu.lock();
  work();
  if (C)
    Mu.unlock();
}

// An acquire wrapper: held on every exit, so it is its caller's to release.
void enter() { Mu.lock(); }

// A failed assertion in a callee ends the path (leveldb's
// BackgroundThreadMain, entered from a static trampoline): it does not
// reach the caller's end holding the lock, even without the core checkers.
#include <cassert>
#include <queue>

struct Worker {
  std::mutex M;
  std::queue<int> Q;
  void loop() {
    while (true) {
      M.lock();
      assert(!Q.empty());
      Q.pop();
      M.unlock();
      work();
    }
  }
  static void entry(Worker *W) { W->loop(); }
};
