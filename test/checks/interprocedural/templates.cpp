// RUN: %check_clang_tidy %s deadlock-double-lock,deadlock-recursive-shared-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-double-lock,deadlock-recursive-shared-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Templates: instantiated function templates and class template methods are
// summarised like ordinary functions.

#include <mutex>
#include <shared_mutex>

std::mutex FnTmpl, Outer;
std::shared_mutex Rw;

// A function template that takes a global lock.
template <typename T> T guardedCopy(const T &V) {
  std::lock_guard<std::mutex> G(FnTmpl);
  return V;
}
int copyUnderLock(int X) {
  std::lock_guard<std::mutex> G(FnTmpl);
  return guardedCopy(X);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'FnTmpl' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'FnTmpl' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'FnTmpl' acquired again in call to 'guardedCopy' here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'FnTmpl' acquired here
}

// A class template whose method locks the object's own mutex.
template <typename T> class Guarded {
  std::mutex Mu;
  std::shared_mutex Rw;
  T Value{};

public:
  T get() {
    std::lock_guard<std::mutex> G(Mu);
    return Value;
  }
  T peek() {
    std::shared_lock<std::shared_mutex> L(Rw);
    return Value;
  }
  // The class template's own method calls get() under the lock.
  T getTwice() {
    std::lock_guard<std::mutex> G(Mu);
    return get();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'this->Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'this->Mu' first acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'this->Mu' acquired again in call to 'get' here
    // CHECK-MESSAGES: :[[@LINE-14]]:33: note: 'this->Mu' acquired here
  }
  template <typename F> void with(F Fn) {
    std::lock_guard<std::mutex> G(Mu);
    Fn(Value);
  }
  void lock() { Mu.lock(); }
  void unlock() { Mu.unlock(); }
};
int useGuarded() {
  Guarded<int> G;
  return G.getTwice();
}

// A caller outside the template holds the member lock through lock().
int getWhileLocked(Guarded<long> &G) {
  G.lock();
  long V = G.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'G.Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'G.Mu' first acquired in call to 'lock' here
  // CHECK-MESSAGES: :[[@LINE-14]]:17: note: 'G.Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: 'G.Mu' acquired again in call to 'get' here
  // CHECK-MESSAGES: :[[@LINE-36]]:33: note: 'G.Mu' acquired here
  G.unlock();
  return static_cast<int>(V);
}

// A function template that calls a method of its argument while holding a
// global reader lock; the argument's method takes the reader lock too.
struct Catalog {
  int size() {
    std::shared_lock<std::shared_mutex> L(Rw);
    return 0;
  }
};
template <typename C> int sizeOf(C &Container) {
  std::shared_lock<std::shared_mutex> L(Rw);
  return Container.size();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'Rw' first acquired shared here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'Rw' acquired shared again in call to 'size' here
  // CHECK-MESSAGES: :[[@LINE-10]]:41: note: 'Rw' acquired shared here
}
int catalogSize(Catalog &C) { return sizeOf(C); }

// A generic helper that calls a locking function, through two template levels.
template <typename T> void touch(T) {
  Outer.lock();
  Outer.unlock();
}
template <typename T> void touchVia(T V) { touch(V); }
void touchUnderLock() {
  std::lock_guard<std::mutex> G(Outer);
  touchVia(1.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Outer' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Outer' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Outer' acquired again in call to 'touchVia' here
  // CHECK-MESSAGES: :[[@LINE-7]]:44: note: in call to 'touch' here
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: 'Outer' acquired here
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: the lock of one object is held, get() locks another object.
int getOther(Guarded<short> &Held, Guarded<short> &Other) {
  Held.lock();
  short V = Other.get();
  Held.unlock();
  return V;
}

// Negative: the functor passed to with() does not lock.
void withNoLock(Guarded<char> &G) {
  G.with([](char &C) { ++C; });
}

// Negative: the shared lock is released before the templated reader call.
int sizeAfterRelease(Catalog &C) {
  Rw.lock_shared();
  Rw.unlock_shared();
  return C.size();
}

// Negative: objects of two specialisations: A's lock is held, B's is taken.
int getBoth(Guarded<float> &A, Guarded<double> &B) {
  A.lock();
  double V = B.get();
  A.unlock();
  return static_cast<int>(V);
}
