// RUN: %check_clang_tidy %s deadlock-double-lock,deadlock-recursive-shared-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-double-lock,deadlock-recursive-shared-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Virtual calls: every overrider defined in the translation unit is a
// possible target.

#include <mutex>
#include <shared_mutex>

std::mutex ObsMu, QuietMu;
std::shared_mutex RegistryMu;

// A listener interface whose one implementation takes the notifier's lock.
struct Listener {
  virtual ~Listener() = default;
  virtual void onEvent() = 0;
};
struct Logger : Listener {
  void onEvent() override {
    std::lock_guard<std::mutex> G(ObsMu);
  }
};
struct Counter : Listener {
  int Count = 0;
  void onEvent() override { ++Count; }
};
void notify(Listener &L) {
  std::lock_guard<std::mutex> G(ObsMu);
  L.onEvent();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ObsMu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'ObsMu' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'ObsMu' acquired again in call to 'onEvent' here
  // CHECK-MESSAGES: :[[@LINE-13]]:33: note: 'ObsMu' acquired here
}

// A template-method base class: the hook's override locks the base's mutex.
class Widget {
protected:
  std::mutex Mu;

public:
  virtual ~Widget() = default;
  virtual void paint() {}
  void update() {
    std::lock_guard<std::mutex> G(Mu);
    paint();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'this->Mu' first acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'this->Mu' acquired again in call to 'paint' here
    // CHECK-MESSAGES: :[[@LINE+6]]:5: note: 'this->Mu' acquired here
  }
};
class Button : public Widget {
public:
  void paint() override {
    Mu.lock();
    Mu.unlock();
  }
};

// A reader lock through a pointer to base, overrider two levels down.
struct Source {
  virtual ~Source() = default;
  virtual int read() = 0;
};
struct CachedSource : Source {
  int read() override { return 0; }
};
struct SharedSource : CachedSource {
  int read() override {
    std::shared_lock<std::shared_mutex> L(RegistryMu);
    return 1;
  }
};
int readAll(Source *S) {
  std::shared_lock<std::shared_mutex> L(RegistryMu);
  return S->read();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'RegistryMu' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'RegistryMu' first acquired shared here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'RegistryMu' acquired shared again in call to 'read' here
  // CHECK-MESSAGES: :[[@LINE-10]]:41: note: 'RegistryMu' acquired shared here
}

// A virtual call two levels down a non-virtual chain.
void dispatch(Listener &L) { L.onEvent(); }
void dispatchUnderLock(Listener &L) {
  ObsMu.lock();
  dispatch(L);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ObsMu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'ObsMu' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'ObsMu' acquired again in call to 'dispatch' here
  // CHECK-MESSAGES: :[[@LINE-7]]:30: note: in call to 'onEvent' here
  // CHECK-MESSAGES: :[[@LINE-73]]:33: note: 'ObsMu' acquired here
  ObsMu.unlock();
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: no overrider takes the lock the caller holds.
struct Shape {
  virtual ~Shape() = default;
  virtual double area() const = 0;
};
struct Square : Shape {
  double Side = 1;
  double area() const override { return Side * Side; }
};
struct Circle : Shape {
  double R = 1;
  double area() const override { return 3.14 * R * R; }
};
double areaUnderLock(const Shape &S) {
  std::lock_guard<std::mutex> G(QuietMu);
  return S.area();
}

// Negative: the overrider takes a lock of its own object, not the caller's.
struct Sink {
  virtual ~Sink() = default;
  virtual void put(int V) = 0;
};
struct LockedSink : Sink {
  std::mutex Mu;
  int Last = 0;
  void put(int V) override {
    std::lock_guard<std::mutex> G(Mu);
    Last = V;
  }
};
void putUnderGlobalLock(Sink &S) {
  std::lock_guard<std::mutex> G(QuietMu);
  S.put(1);
}

// Negative: the lock is released before the virtual call.
void notifyAfterUnlock(Listener &L) {
  {
    std::lock_guard<std::mutex> G(ObsMu);
  }
  L.onEvent();
}

// Negative: a shared lock held, the only overrider taking it shared is not
// an override of the method called.
struct Reader {
  virtual ~Reader() = default;
  virtual int peek() { return 0; }
  virtual int fetch() { return 0; }
};
struct LockingReader : Reader {
  int fetch() override {
    std::shared_lock<std::shared_mutex> L(RegistryMu);
    return 1;
  }
};
int peekUnderReadLock(Reader &R) {
  std::shared_lock<std::shared_mutex> L(RegistryMu);
  return R.peek();
}
