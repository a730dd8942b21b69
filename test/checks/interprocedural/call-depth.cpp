// RUN: %check_clang_tidy %s deadlock-double-lock,deadlock-recursive-shared-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-double-lock,deadlock-recursive-shared-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Double locks and recursive shared locks whose second acquisition happens
// in a callee, one to four calls deep. The second RUN line also proves that
// no note is printed beyond the ones listed.

#include <mutex>
#include <shared_mutex>

std::mutex D1, D2, D3, D4, W1;
std::shared_mutex R1, R2, R3, R4;

//===----------------------------------------------------------------------===//
// Exclusive locks, free functions.
//===----------------------------------------------------------------------===//

// Depth 1: the callee takes the lock the caller holds.
void depth1Leaf() {
  std::lock_guard<std::mutex> G(D1);
}
void depth1() {
  std::lock_guard<std::mutex> G(D1);
  depth1Leaf();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'D1' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'D1' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'D1' acquired again in call to 'depth1Leaf' here
  // CHECK-MESSAGES: :[[@LINE-8]]:31: note: 'D1' acquired here
}

// Depth 2: caller -> middle -> leaf that calls lock().
void depth2Leaf() {
  D2.lock();
  D2.unlock();
}
void depth2Middle() {
  depth2Leaf();
}
void depth2() {
  D2.lock();
  depth2Middle();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'D2' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'D2' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'D2' acquired again in call to 'depth2Middle' here
  // CHECK-MESSAGES: :[[@LINE-8]]:3: note: in call to 'depth2Leaf' here
  // CHECK-MESSAGES: :[[@LINE-13]]:3: note: 'D2' acquired here
  D2.unlock();
}

// Depth 3, through a unique_lock guard in the caller.
void depth3Leaf() {
  std::unique_lock<std::mutex> G(D3);
}
void depth3Inner() {
  depth3Leaf();
}
void depth3Outer() {
  depth3Inner();
}
void depth3() {
  std::unique_lock<std::mutex> Held(D3);
  depth3Outer();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'D3' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:32: note: 'D3' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'D3' acquired again in call to 'depth3Outer' here
  // CHECK-MESSAGES: :[[@LINE-8]]:3: note: in call to 'depth3Inner' here
  // CHECK-MESSAGES: :[[@LINE-12]]:3: note: in call to 'depth3Leaf' here
  // CHECK-MESSAGES: :[[@LINE-16]]:32: note: 'D3' acquired here
}

// Depth 4.
void depth4Leaf() {
  D4.lock();
  D4.unlock();
}
void depth4C() { depth4Leaf(); }
void depth4B() { depth4C(); }
void depth4A() { depth4B(); }
void depth4() {
  std::lock_guard<std::mutex> G(D4);
  depth4A();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'D4' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'D4' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'D4' acquired again in call to 'depth4A' here
  // CHECK-MESSAGES: :[[@LINE-7]]:18: note: in call to 'depth4B' here
  // CHECK-MESSAGES: :[[@LINE-9]]:18: note: in call to 'depth4C' here
  // CHECK-MESSAGES: :[[@LINE-11]]:18: note: in call to 'depth4Leaf' here
  // CHECK-MESSAGES: :[[@LINE-15]]:3: note: 'D4' acquired here
}

// The first acquisition is itself made by a call: an acquire wrapper.
void lockW1() { W1.lock(); }
void unlockW1() { W1.unlock(); }
void takeW1() {
  std::lock_guard<std::mutex> G(W1);
}
void wrapperThenCallee() {
  lockW1();
  takeW1();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'W1' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'W1' first acquired in call to 'lockW1' here
  // CHECK-MESSAGES: :[[@LINE-10]]:17: note: 'W1' acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'W1' acquired again in call to 'takeW1' here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'W1' acquired here
  unlockW1();
}

//===----------------------------------------------------------------------===//
// Shared locks, free functions.
//===----------------------------------------------------------------------===//

// Depth 1, shared.
int sharedDepth1Leaf() {
  std::shared_lock<std::shared_mutex> L(R1);
  return 1;
}
void sharedDepth1() {
  std::shared_lock<std::shared_mutex> L(R1);
  sharedDepth1Leaf();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'R1' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'R1' first acquired shared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'R1' acquired shared again in call to 'sharedDepth1Leaf' here
  // CHECK-MESSAGES: :[[@LINE-9]]:39: note: 'R1' acquired shared here
}

// Depth 2, shared, with lock_shared() at both ends.
void sharedDepth2Leaf() {
  R2.lock_shared();
  R2.unlock_shared();
}
void sharedDepth2Middle() { sharedDepth2Leaf(); }
void sharedDepth2() {
  R2.lock_shared();
  sharedDepth2Middle();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'R2' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'R2' first acquired shared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'R2' acquired shared again in call to 'sharedDepth2Middle' here
  // CHECK-MESSAGES: :[[@LINE-7]]:29: note: in call to 'sharedDepth2Leaf' here
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: 'R2' acquired shared here
  R2.unlock_shared();
}

// Depth 3, shared.
void sharedDepth3Leaf() {
  std::shared_lock<std::shared_mutex> L(R3);
}
void sharedDepth3B() { sharedDepth3Leaf(); }
void sharedDepth3A() { sharedDepth3B(); }
void sharedDepth3() {
  std::shared_lock<std::shared_mutex> L(R3);
  sharedDepth3A();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'R3' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'R3' first acquired shared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'R3' acquired shared again in call to 'sharedDepth3A' here
  // CHECK-MESSAGES: :[[@LINE-7]]:24: note: in call to 'sharedDepth3B' here
  // CHECK-MESSAGES: :[[@LINE-9]]:24: note: in call to 'sharedDepth3Leaf' here
  // CHECK-MESSAGES: :[[@LINE-12]]:39: note: 'R3' acquired shared here
}

// Depth 4, shared.
void sharedDepth4Leaf() {
  std::shared_lock<std::shared_mutex> L(R4);
}
void sharedDepth4C() { sharedDepth4Leaf(); }
void sharedDepth4B() { sharedDepth4C(); }
void sharedDepth4A() { sharedDepth4B(); }
void sharedDepth4() {
  std::shared_lock<std::shared_mutex> L(R4);
  sharedDepth4A();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'R4' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'R4' first acquired shared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'R4' acquired shared again in call to 'sharedDepth4A' here
  // CHECK-MESSAGES: :[[@LINE-7]]:24: note: in call to 'sharedDepth4B' here
  // CHECK-MESSAGES: :[[@LINE-9]]:24: note: in call to 'sharedDepth4C' here
  // CHECK-MESSAGES: :[[@LINE-11]]:24: note: in call to 'sharedDepth4Leaf' here
  // CHECK-MESSAGES: :[[@LINE-14]]:39: note: 'R4' acquired shared here
}

//===----------------------------------------------------------------------===//
// Methods: implicit this, this->f(), Obj.f(), Ptr->f().
//===----------------------------------------------------------------------===//

class HashSet {
  std::shared_mutex Mu;
  std::mutex Ex;
  int N = 0;

public:
  int Size() {
    std::shared_lock<std::shared_mutex> L(Mu);
    return N;
  }
  int SizeVia() { return Size(); }
  void Insert() {
    std::lock_guard<std::mutex> G(Ex);
    ++N;
  }

  // Shared, depth 1, implicit this.
  void Values() {
    std::shared_lock<std::shared_mutex> L(Mu);
    Size();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:41: note: 'this->Mu' first acquired shared here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'this->Mu' acquired shared again in call to 'Size' here
    // CHECK-MESSAGES: :[[@LINE-16]]:41: note: 'this->Mu' acquired shared here
  }

  // Shared, depth 2, through another method, called with an explicit this->.
  void ValuesVia() {
    std::shared_lock<std::shared_mutex> L(Mu);
    this->SizeVia();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:41: note: 'this->Mu' first acquired shared here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'this->Mu' acquired shared again in call to 'SizeVia' here
    // CHECK-MESSAGES: :[[@LINE-23]]:26: note: in call to 'Size' here
    // CHECK-MESSAGES: :[[@LINE-27]]:41: note: 'this->Mu' acquired shared here
  }

  // Exclusive, depth 1, implicit this.
  void InsertTwice() {
    std::lock_guard<std::mutex> G(Ex);
    Insert();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Ex' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'this->Ex' first acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'this->Ex' acquired again in call to 'Insert' here
    // CHECK-MESSAGES: :[[@LINE-32]]:33: note: 'this->Ex' acquired here
  }

  // Negative: Size() after the shared guard's scope closed.
  int SizeAfterScope() {
    {
      std::shared_lock<std::shared_mutex> L(Mu);
    }
    return Size();
  }

  // Negative: Insert() under the shared lock Mu, a different mutex than Ex.
  void InsertUnderReadLock() {
    std::shared_lock<std::shared_mutex> L(Mu);
    Insert();
  }

  friend void sizeUnderOwnLock(HashSet &H);
  friend void insertUnderPointerLock(HashSet *H);
  friend void insertOtherObject(HashSet &Held, HashSet &Other);
};

// Obj.Size() while holding Obj.Mu shared: reported at the object expression.
void sizeUnderOwnLock(HashSet &H) {
  std::shared_lock<std::shared_mutex> L(H.Mu);
  H.Size();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'H.Mu' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'H.Mu' first acquired shared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'H.Mu' acquired shared again in call to 'Size' here
  // CHECK-MESSAGES: :[[@LINE-66]]:41: note: 'H.Mu' acquired shared here
}

// Ptr->Insert() while holding Ptr->Ex: depth 1, exclusive.
void insertUnderPointerLock(HashSet *H) {
  std::lock_guard<std::mutex> G(H->Ex);
  H->Insert();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'H->Ex' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'H->Ex' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'H->Ex' acquired again in call to 'Insert' here
  // CHECK-MESSAGES: :[[@LINE-71]]:33: note: 'H->Ex' acquired here
}

// Negative: Other.Insert() locks Other.Ex while Held.Ex is held.
void insertOtherObject(HashSet &Held, HashSet &Other) {
  std::lock_guard<std::mutex> G(Held.Ex);
  Other.Insert();
}

//===----------------------------------------------------------------------===//
// Negative cases, free functions.
//===----------------------------------------------------------------------===//

std::mutex N1, N2, N3, N4;
std::shared_mutex NR1;

void takeN1() { std::lock_guard<std::mutex> G(N1); }
void takeN2() { std::lock_guard<std::mutex> G(N2); }
void takeN3() { std::lock_guard<std::mutex> G(N3); }

// Negative: the function takes the lock, releases it, then calls a taker.
void lockReleaseThenCall() {
  N1.lock();
  N1.unlock();
  takeN1();
}

// Negative: a unique_lock released before a depth-2 call that takes it.
void takeN2Via() { takeN2(); }
void releasedBeforeCall() {
  std::unique_lock<std::mutex> G(N2);
  G.unlock();
  takeN2Via();
}

// Negative: the guard's scope ends before the call.
void scopeEndsBeforeCall() {
  {
    std::lock_guard<std::mutex> G(N3);
  }
  takeN3();
}

// Negative: the callee drops the caller's lock around its own call to a
// function taking it, and takes it back before returning.
void takeN4() { std::lock_guard<std::mutex> G(N4); }
void dropAroundCall() {
  N4.unlock();
  takeN4();
  N4.lock();
}
void callerOfDrop() {
  N4.lock();
  dropAroundCall();
  N4.unlock();
}

// Negative: a callee that takes a different lock.
void holdsN1CallsN2() {
  std::lock_guard<std::mutex> G(N1);
  takeN2();
}

// Negative: shared lock held, callee reads without locking.
int readNoLock() { return 0; }
void sharedThenUnlockedCallee() {
  std::shared_lock<std::shared_mutex> L(NR1);
  readNoLock();
}

// Negative: the shared lock is released before the nested reader call.
int readNR1() {
  std::shared_lock<std::shared_mutex> L(NR1);
  return 1;
}
void sharedReleasedBeforeCall() {
  NR1.lock_shared();
  NR1.unlock_shared();
  readNR1();
}

// Negative: the callee is only called on the path where the lock is not held.
void callOnlyWhenUnlocked(bool Locked) {
  if (Locked) {
    N3.lock();
    N3.unlock();
  } else {
    takeN3();
  }
}
