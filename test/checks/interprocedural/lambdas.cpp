// RUN: %check_clang_tidy %s deadlock-double-lock,deadlock-recursive-shared-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-double-lock,deadlock-recursive-shared-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Lambdas and other callables: called directly, passed to a template,
// stored in a std::function (a member set in the constructor, a local, a
// parameter) or in a function pointer.

#include <functional>
#include <mutex>
#include <shared_mutex>

std::mutex Direct, Tmpl, Member, Param, Local, FnPtr, Nested;
std::shared_mutex Rw;

// A lambda called directly while its enclosing function holds the lock.
void lambdaCalledDirectly() {
  auto Take = [] {
    std::lock_guard<std::mutex> G(Direct);
  };
  std::lock_guard<std::mutex> G(Direct);
  Take();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Direct' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Direct' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Direct' acquired again in call to 'lambda at line {{[0-9]+}}' here
  // CHECK-MESSAGES: :[[@LINE-7]]:33: note: 'Direct' acquired here
}

// An immediately invoked lambda under the lock.
std::mutex Immediate;
void immediatelyInvoked() {
  std::lock_guard<std::mutex> G(Immediate);
  [] { Immediate.lock(); Immediate.unlock(); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Immediate' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Immediate' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Immediate' acquired again in call to 'lambda at line {{[0-9]+}}' here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: 'Immediate' acquired here
}

// A lambda passed to a function template that calls it.
template <typename F> void runNow(F Fn) { Fn(); }
void lambdaThroughTemplate() {
  Tmpl.lock();
  runNow([] { Tmpl.lock(); Tmpl.unlock(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Tmpl' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Tmpl' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Tmpl' acquired again in call to 'runNow' here
  // CHECK-MESSAGES: :[[@LINE-7]]:43: note: in call to 'lambda at line {{[0-9]+}}' here
  // CHECK-MESSAGES: :[[@LINE-5]]:15: note: 'Tmpl' acquired here
  Tmpl.unlock();
}

// A callback stored in a member std::function by the constructor and
// called later while the object's lock is held.
class Timer {
  std::mutex Mu;
  std::function<void()> OnFire;

public:
  Timer() {
    OnFire = [this] {
      std::lock_guard<std::mutex> G(Mu);
    };
  }
  void fire() {
    std::lock_guard<std::mutex> G(Mu);
    OnFire();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'this->Mu' first acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'this->Mu' acquired again in call to 'lambda at line {{[0-9]+}}' here
    // CHECK-MESSAGES: :[[@LINE-9]]:35: note: 'this->Mu' acquired here
  }
};

// A callback stored in a member std::function through the constructor's
// initializer list, taking a global lock.
class Retrier {
  std::function<void()> Step;

public:
  Retrier() : Step([] { std::lock_guard<std::mutex> G(Member); }) {}
  void retry() {
    std::lock_guard<std::mutex> G(Member);
    Step();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Member' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'Member' first acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'Member' acquired again in call to 'lambda at line {{[0-9]+}}' here
    // CHECK-MESSAGES: :[[@LINE-7]]:53: note: 'Member' acquired here
  }
};

// A lambda passed to a function taking std::function, which calls it
// while holding the lock.
void withParamLock(const std::function<void()> &Fn) {
  std::lock_guard<std::mutex> G(Param);
  Fn();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Param' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Param' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Param' acquired again in call to 'lambda at line {{[0-9]+}}' here
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'Param' acquired here
}
void passesLockingLambda() {
  withParamLock([] {
    Param.lock();
    Param.unlock();
  });
}

// A lambda stored in a local std::function and called under the lock.
void localStdFunction() {
  std::function<int()> Read = [] {
    std::shared_lock<std::shared_mutex> L(Rw);
    return 1;
  };
  std::shared_lock<std::shared_mutex> L(Rw);
  Read();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'Rw' first acquired shared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Rw' acquired shared again in call to 'lambda at line {{[0-9]+}}' here
  // CHECK-MESSAGES: :[[@LINE-8]]:41: note: 'Rw' acquired shared here
}

// A plain function stored in a function pointer variable.
void takeFnPtr() {
  std::lock_guard<std::mutex> G(FnPtr);
}
void functionPointer() {
  void (*Hook)() = takeFnPtr;
  std::lock_guard<std::mutex> G(FnPtr);
  Hook();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'FnPtr' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'FnPtr' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'FnPtr' acquired again in call to 'takeFnPtr' here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'FnPtr' acquired here
}

// A lambda that calls a function that takes the lock: depth two below the
// lambda.
void takeNested() { Nested.lock(); Nested.unlock(); }
void lambdaCallsFunction() {
  auto Step = [] { takeNested(); };
  std::lock_guard<std::mutex> G(Nested);
  Step();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Nested' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Nested' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Nested' acquired again in call to 'lambda at line {{[0-9]+}}' here
  // CHECK-MESSAGES: :[[@LINE-6]]:20: note: in call to 'takeNested' here
  // CHECK-MESSAGES: :[[@LINE-9]]:21: note: 'Nested' acquired here
}

// A lambda that holds the lock itself and calls a function taking it.
void takeLocal() { std::lock_guard<std::mutex> G(Local); }
void lambdaHoldsLock() {
  auto Body = [] {
    std::lock_guard<std::mutex> G(Local);
    takeLocal();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Local' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'Local' first acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'Local' acquired again in call to 'takeLocal' here
    // CHECK-MESSAGES: :[[@LINE-8]]:48: note: 'Local' acquired here
  };
  Body();
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

std::mutex Quiet, Other;

// Negative: the locking lambda is called only after the guard's scope.
void lambdaAfterScope() {
  auto Take = [] { std::lock_guard<std::mutex> G(Quiet); };
  {
    std::lock_guard<std::mutex> G(Quiet);
  }
  Take();
}

// Negative: the lambda takes a different lock than the one held.
void lambdaTakesOtherLock() {
  std::lock_guard<std::mutex> G(Quiet);
  runNow([] { std::lock_guard<std::mutex> G(Other); });
}

// Negative: a lambda created under the lock but called after it is released.
void lambdaCreatedUnderLock() {
  Quiet.lock();
  auto Take = [] { std::lock_guard<std::mutex> G(Quiet); };
  Quiet.unlock();
  Take();
}

// Negative: a stored callback that takes a different member's lock.
class Poller {
  std::mutex StateMu;
  std::mutex QueueMu;
  std::function<void()> Drain;

public:
  Poller() {
    Drain = [this] { std::lock_guard<std::mutex> G(QueueMu); };
  }
  void poll() {
    std::lock_guard<std::mutex> G(StateMu);
    Drain();
  }
};

// Negative: a std::function parameter called with the lock released, even
// though callers pass a locking lambda.
void callUnlocked(const std::function<void()> &Fn) {
  {
    std::lock_guard<std::mutex> G(Other);
  }
  Fn();
}
void passesOtherLambda() {
  callUnlocked([] { std::lock_guard<std::mutex> G(Other); });
}

// Negative: a reader lock held, the lambda takes the same mutex shared but
// is run only after the reader lock is dropped.
void readerThenLambda() {
  auto Read = [] { std::shared_lock<std::shared_mutex> L(Rw); };
  Rw.lock_shared();
  Rw.unlock_shared();
  Read();
}
