// RUN: %check_clang_tidy %s deadlock-double-lock,deadlock-recursive-shared-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-double-lock,deadlock-recursive-shared-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Constructors, destructors and overloaded operators are calls like any
// other: a lock they take is reported where they run.

#include <mutex>
#include <shared_mutex>

std::mutex Registry, Pool;
std::shared_mutex Rw;

// A constructor that registers the object under a global lock.
struct Widget {
  Widget() { std::lock_guard<std::mutex> G(Registry); }
  ~Widget() {}
};
void createUnderLock() {
  std::lock_guard<std::mutex> G(Registry);
  Widget W;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Registry' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Registry' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'Registry' acquired again in call to 'Widget' here
  // CHECK-MESSAGES: :[[@LINE-9]]:42: note: 'Registry' acquired here
}

// A destructor that returns the object to a pool under a global lock; the
// object dies while the guard declared before it still holds the lock.
struct Connection {
  Connection() {}
  ~Connection() {
    Pool.lock();
    Pool.unlock();
  }
};
void destroyUnderLock() {
  std::lock_guard<std::mutex> G(Pool);
  Connection C;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'Pool' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
// CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'Pool' first acquired here
// CHECK-MESSAGES: :[[@LINE-3]]:1: note: 'Pool' acquired again in call to '~Connection' here
// CHECK-MESSAGES: :[[@LINE-11]]:5: note: 'Pool' acquired here

// delete of an object whose destructor takes the held lock.
void deleteUnderLock(Connection *C) {
  Pool.lock();
  delete C;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Pool' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Pool' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Pool' acquired again in call to '~Connection' here
  // CHECK-MESSAGES: :[[@LINE-20]]:5: note: 'Pool' acquired here
  Pool.unlock();
}

// An overloaded compound assignment that locks the object's own mutex.
class Counter {
public:
  std::mutex Mu;
  int N = 0;
  Counter &operator+=(int D) {
    std::lock_guard<std::mutex> G(Mu);
    N += D;
    return *this;
  }
  int operator*() {
    std::shared_lock<std::shared_mutex> L(Rw);
    return N;
  }
};
void addUnderLock(Counter &C) {
  std::lock_guard<std::mutex> G(C.Mu);
  C += 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'C.Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'C.Mu' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'C.Mu' acquired again in call to 'operator+=' here
  // CHECK-MESSAGES: :[[@LINE-15]]:33: note: 'C.Mu' acquired here
}

// An overloaded unary operator taking a reader lock under the reader lock.
int readUnderReadLock(Counter &C) {
  std::shared_lock<std::shared_mutex> L(Rw);
  return *C;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'Rw' first acquired shared here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'Rw' acquired shared again in call to 'operator*' here
  // CHECK-MESSAGES: :[[@LINE-20]]:41: note: 'Rw' acquired shared here
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: the object is created after the guard's scope closed.
void createAfterScope() {
  {
    std::lock_guard<std::mutex> G(Registry);
  }
  Widget W;
}

// Negative: the object is destroyed before the lock is taken (declared in
// an inner scope that ends first).
void destroyBeforeLock() {
  {
    Connection C;
  }
  std::lock_guard<std::mutex> G(Pool);
}

// Negative: the guard is declared after the object, so it is released
// before the object's destructor runs.
void guardDeclaredAfter() {
  Connection C;
  std::lock_guard<std::mutex> G(Pool);
}

// Negative: the operator locks the other counter, not the one held.
void addOther(Counter &Held, Counter &Other) {
  std::lock_guard<std::mutex> G(Held.Mu);
  Other += 1;
}
