// RUN: %check_clang_tidy %s deadlock-lock-order-inversion %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-lock-order-inversion' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Lock-order edges made through virtual calls, lambdas, std::function and
// function pointers.

#include <functional>
#include <mutex>

// A virtual hook's overrider takes B1 while the caller holds A1.
std::mutex A1, B1;
struct Hook {
  virtual ~Hook() = default;
  virtual void run() = 0;
};
struct LockingHook : Hook {
  void run() override { std::lock_guard<std::mutex> G(B1); }
};
void holdA1(Hook &H) {
  std::lock_guard<std::mutex> G(A1);
  H.run();
}
void holdB1() {
  std::lock_guard<std::mutex> G(B1);
  std::lock_guard<std::mutex> H(A1);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'A1' is acquired while holding 'B1', but elsewhere 'B1' is acquired while holding 'A1'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'B1' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'A1' acquired while holding 'B1' here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'A1' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'B1' acquired while holding 'A1' in call to 'run' here
  // CHECK-MESSAGES: :[[@LINE-14]]:53: note: 'B1' acquired here
}

// A virtual method of a class with a member lock: the base holds its own
// lock and calls the hook, the override takes a global lock; elsewhere the
// global lock is held while the object's lock is taken.
std::mutex Registry;
class Plugin {
public:
  std::mutex Mu;
  virtual ~Plugin() = default;
  virtual void onLoad() {}
  void load() {
    std::lock_guard<std::mutex> G(Mu);
    onLoad();
  }
};
class AudioPlugin : public Plugin {
  void onLoad() override { std::lock_guard<std::mutex> G(Registry); }
};
void unloadAll(Plugin &P) {
  std::lock_guard<std::mutex> G(Registry);
  std::lock_guard<std::mutex> H(P.Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'P.Mu' (class 'Plugin::Mu') is acquired while holding 'Registry', but elsewhere 'Registry' is acquired while holding 'Plugin::Mu'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Registry' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'P.Mu' acquired while holding 'Registry' here
  // CHECK-MESSAGES: :[[@LINE-13]]:33: note: 'this->Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-13]]:5: note: 'Registry' acquired while holding 'this->Mu' in call to 'onLoad' here
  // CHECK-MESSAGES: :[[@LINE-10]]:56: note: 'Registry' acquired here
}

// A lambda passed to a function template runs under the caller's lock.
std::mutex A2, B2;
template <typename F> void invoke(F Fn) { Fn(); }
void holdA2() {
  std::lock_guard<std::mutex> G(A2);
  invoke([] { std::lock_guard<std::mutex> G(B2); });
}
void holdB2() {
  std::lock_guard<std::mutex> G(B2);
  std::lock_guard<std::mutex> H(A2);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'A2' is acquired while holding 'B2', but elsewhere 'B2' is acquired while holding 'A2'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'B2' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'A2' acquired while holding 'B2' here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'A2' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'B2' acquired while holding 'A2' in call to 'invoke' here
  // CHECK-MESSAGES: :[[@LINE-13]]:43: note: in call to 'lambda at line {{[0-9]+}}' here
  // CHECK-MESSAGES: :[[@LINE-11]]:43: note: 'B2' acquired here
}

// A callback stored in a member std::function by the constructor, run
// later under the object's lock; elsewhere the callback's lock is held
// while the object's lock is taken.
std::mutex Stats;
class Worker {
public:
  std::mutex Mu;
  std::function<void()> OnDone;
  Worker() {
    OnDone = [] { std::lock_guard<std::mutex> G(Stats); };
  }
  void finish() {
    std::lock_guard<std::mutex> G(Mu);
    OnDone();
  }
};
void collect(Worker &W) {
  std::lock_guard<std::mutex> G(Stats);
  std::lock_guard<std::mutex> H(W.Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'W.Mu' (class 'Worker::Mu') is acquired while holding 'Stats', but elsewhere 'Stats' is acquired while holding 'Worker::Mu'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Stats' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'W.Mu' acquired while holding 'Stats' here
  // CHECK-MESSAGES: :[[@LINE-10]]:33: note: 'this->Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-10]]:5: note: 'Stats' acquired while holding 'this->Mu' in call to 'lambda at line {{[0-9]+}}' here
  // CHECK-MESSAGES: :[[@LINE-15]]:47: note: 'Stats' acquired here
}

// A lambda passed to a function taking std::function, which calls it under
// its lock.
std::mutex A3, B3;
void underA3(const std::function<void()> &Fn) {
  std::lock_guard<std::mutex> G(A3);
  Fn();
}
void passB3() {
  underA3([] {
    B3.lock();
    B3.unlock();
  });
}
void holdB3() {
  std::lock_guard<std::mutex> G(B3);
  A3.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A3' is acquired while holding 'B3', but elsewhere 'B3' is acquired while holding 'A3'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'B3' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'A3' acquired while holding 'B3' here
  // CHECK-MESSAGES: :[[@LINE-15]]:31: note: 'A3' acquired here
  // CHECK-MESSAGES: :[[@LINE-15]]:3: note: 'B3' acquired while holding 'A3' in call to 'lambda at line {{[0-9]+}}' here
  // CHECK-MESSAGES: :[[@LINE-12]]:5: note: 'B3' acquired here
  A3.unlock();
}

// A function pointer variable called under a lock.
std::mutex A4, B4;
void takeB4() { std::lock_guard<std::mutex> G(B4); }
void holdA4() {
  void (*Fn)() = &takeB4;
  std::lock_guard<std::mutex> G(A4);
  Fn();
}
void holdB4() {
  std::lock_guard<std::mutex> G(B4);
  std::lock_guard<std::mutex> H(A4);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'A4' is acquired while holding 'B4', but elsewhere 'B4' is acquired while holding 'A4'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'B4' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'A4' acquired while holding 'B4' here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'A4' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'B4' acquired while holding 'A4' in call to 'takeB4' here
  // CHECK-MESSAGES: :[[@LINE-14]]:45: note: 'B4' acquired here
}

// A local lambda called directly under the lock.
std::mutex A5, B5;
void holdA5() {
  auto TakeB = [] { std::lock_guard<std::mutex> G(B5); };
  std::lock_guard<std::mutex> G(A5);
  TakeB();
}
void holdB5() {
  std::lock_guard<std::mutex> G(B5);
  std::lock_guard<std::mutex> H(A5);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'A5' is acquired while holding 'B5', but elsewhere 'B5' is acquired while holding 'A5'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'B5' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'A5' acquired while holding 'B5' here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'A5' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'B5' acquired while holding 'A5' in call to 'lambda at line {{[0-9]+}}' here
  // CHECK-MESSAGES: :[[@LINE-12]]:49: note: 'B5' acquired here
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: no overrider of the hook takes the other lock.
std::mutex C1, D1;
struct Quiet {
  virtual ~Quiet() = default;
  virtual int value() { return 0; }
};
struct QuietImpl : Quiet {
  int value() override { return 1; }
};
int holdC1(Quiet &Q) {
  std::lock_guard<std::mutex> G(C1);
  return Q.value();
}
void holdD1ThenC1() {
  std::lock_guard<std::mutex> G(D1);
  std::lock_guard<std::mutex> H(C1);
}

// Negative: the lambda taking D2 runs only after C2 was released.
std::mutex C2, D2;
void holdC2() {
  auto TakeD = [] { std::lock_guard<std::mutex> G(D2); };
  {
    std::lock_guard<std::mutex> G(C2);
  }
  invoke(TakeD);
}
void holdD2ThenC2() {
  std::lock_guard<std::mutex> G(D2);
  std::lock_guard<std::mutex> H(C2);
}

// Negative: a stored callback that takes the same lock class order as
// everywhere else.
std::mutex C3, D3;
class Job {
  std::function<void()> Step;

public:
  Job() : Step([] { std::lock_guard<std::mutex> G(D3); }) {}
  void run() {
    std::lock_guard<std::mutex> G(C3);
    Step();
  }
};
void c3ThenD3() {
  std::lock_guard<std::mutex> G(C3);
  std::lock_guard<std::mutex> H(D3);
}

// Negative: both orders reached through virtual calls, under one gate.
std::mutex Gate4, C4, D4;
struct Step4 {
  virtual ~Step4() = default;
  virtual void apply() = 0;
};
struct TakeD4 : Step4 {
  void apply() override { std::lock_guard<std::mutex> G(D4); }
};
struct TakeC4 : Step4 {
  void apply() override { std::lock_guard<std::mutex> G(C4); }
};
void gatedC4(TakeD4 &S) {
  std::lock_guard<std::mutex> Gate(Gate4);
  std::lock_guard<std::mutex> G(C4);
  S.apply();
}
void gatedD4(TakeC4 &S) {
  std::lock_guard<std::mutex> Gate(Gate4);
  std::lock_guard<std::mutex> G(D4);
  S.apply();
}
