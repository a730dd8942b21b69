// RUN: %check_clang_tidy %s deadlock-double-lock,deadlock-recursive-shared-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-double-lock,deadlock-recursive-shared-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Recursion: the analysis reaches a fixpoint over recursive call cycles, so
// an acquisition on one path of a recursive function is seen by callers.

#include <mutex>
#include <shared_mutex>

std::mutex Leaf, Held, Ping, Deep;
std::shared_mutex Rw;

// A recursive function that locks only at its base case.
void walk(int N) {
  if (N == 0) {
    std::lock_guard<std::mutex> G(Leaf);
    return;
  }
  walk(N - 1);
}
void walkUnderLock() {
  std::lock_guard<std::mutex> G(Leaf);
  walk(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Leaf' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Leaf' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Leaf' acquired again in call to 'walk' here
  // CHECK-MESSAGES: :[[@LINE-11]]:33: note: 'Leaf' acquired here
}

// A recursive function that recurses while holding its own lock.
void recurseUnderLock(int N) {
  std::lock_guard<std::mutex> G(Held);
  if (N > 0)
    recurseUnderLock(N - 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Held' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'Held' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'Held' acquired again in call to 'recurseUnderLock' here
  // CHECK-MESSAGES: :[[@LINE-6]]:31: note: 'Held' acquired here
}

// Mutual recursion: ping locks on one path, pong only calls ping.
void pong(int N);
void ping(int N) {
  if (N % 7 == 0) {
    Ping.lock();
    Ping.unlock();
    return;
  }
  pong(N - 1);
}
void pong(int N) {
  if (N > 0)
    ping(N - 1);
}
void pongUnderLock() {
  Ping.lock();
  pong(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Ping' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Ping' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Ping' acquired again in call to 'pong' here
  // CHECK-MESSAGES: :[[@LINE-8]]:5: note: in call to 'ping' here
  // CHECK-MESSAGES: :[[@LINE-17]]:5: note: 'Ping' acquired here
  Ping.unlock();
}

// A recursive tree walk that takes the reader lock at every node.
struct Node {
  Node *Left = nullptr, *Right = nullptr;
  int Value = 0;
};
int sumTree(const Node *N) {
  if (!N)
    return 0;
  int S;
  {
    std::shared_lock<std::shared_mutex> L(Rw);
    S = N->Value;
  }
  return S + sumTree(N->Left) + sumTree(N->Right);
}
int sumUnderReadLock(const Node *Root) {
  std::shared_lock<std::shared_mutex> L(Rw);
  return sumTree(Root);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'Rw' first acquired shared here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'Rw' acquired shared again in call to 'sumTree' here
  // CHECK-MESSAGES: :[[@LINE-11]]:41: note: 'Rw' acquired shared here
}

// A recursion that locks at depth one of a three-function cycle, reached
// through a non-recursive wrapper.
void cycleB(int N);
void cycleC(int N);
void cycleA(int N) {
  if (N < 0) {
    std::lock_guard<std::mutex> G(Deep);
    return;
  }
  cycleB(N);
}
void cycleB(int N) { cycleC(N - 1); }
void cycleC(int N) { cycleA(N - 1); }
void startCycle() { cycleC(5); }
void cycleUnderLock() {
  std::unique_lock<std::mutex> G(Deep);
  startCycle();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Deep' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:32: note: 'Deep' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Deep' acquired again in call to 'startCycle' here
  // CHECK-MESSAGES: :[[@LINE-7]]:21: note: in call to 'cycleC' here
  // CHECK-MESSAGES: :[[@LINE-9]]:22: note: in call to 'cycleA' here
  // CHECK-MESSAGES: :[[@LINE-16]]:33: note: 'Deep' acquired here
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

std::mutex Drain, Tail;
std::recursive_mutex Reentrant;

// Negative: the recursive function releases its lock before recursing.
void drain(int N) {
  Drain.lock();
  Drain.unlock();
  if (N > 0)
    drain(N - 1);
}
void drainTwice() {
  drain(2);
  drain(3);
}

// Negative: the recursion happens after the guard's scope closed.
void tailRecurse(int N) {
  {
    std::lock_guard<std::mutex> G(Tail);
  }
  if (N > 0)
    tailRecurse(N - 1);
}

// Negative: a recursive mutex may be taken again by the recursion.
void reentrantRecurse(int N) {
  std::lock_guard<std::recursive_mutex> G(Reentrant);
  if (N > 0)
    reentrantRecurse(N - 1);
}

// Negative: a recursive function that never locks, called under a lock.
int depthOf(const Node *N) {
  return N ? 1 + depthOf(N->Left) : 0;
}
int depthUnderLock(const Node *Root) {
  std::lock_guard<std::mutex> G(Tail);
  return depthOf(Root);
}
