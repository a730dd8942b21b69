// RUN: %check_clang_tidy %s deadlock-double-lock,deadlock-recursive-shared-lock,deadlock-missing-unlock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-double-lock,deadlock-recursive-shared-lock,deadlock-missing-unlock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Home-made RAII classes without thread-safety attributes: the constructor
// stores the lock in a field and locks it, the destructor unlocks it. They
// are followed through their constructor and destructor summaries.

#include <mutex>
#include <shared_mutex>

class MutexHolder {
  std::mutex &M;

public:
  explicit MutexHolder(std::mutex &M) : M(M) { M.lock(); }
  ~MutexHolder() { M.unlock(); }
};

class PtrHolder {
  std::mutex *M;

public:
  explicit PtrHolder(std::mutex *M) : M(M) { M->lock(); }
  ~PtrHolder() { M->unlock(); }
};

class ReadHolder {
  std::shared_mutex &R;

public:
  explicit ReadHolder(std::shared_mutex &R) : R(R) { R.lock_shared(); }
  ~ReadHolder() { R.unlock_shared(); }
};

std::mutex A, B, C, D, E, F;
std::shared_mutex Rw;

void takeA() { std::lock_guard<std::mutex> G(A); }
void takeC() { C.lock(); C.unlock(); }
int readRw() {
  std::shared_lock<std::shared_mutex> L(Rw);
  return 0;
}

// The home-made guard holds A while a callee takes it.
void holderThenCallee() {
  MutexHolder H(A);
  takeA();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'A' first acquired in call to 'MutexHolder' here
  // CHECK-MESSAGES: :[[@LINE-36]]:48: note: 'A' acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'A' acquired again in call to 'takeA' here
  // CHECK-MESSAGES: :[[@LINE-15]]:44: note: 'A' acquired here
}

// Two home-made guards on the same mutex.
void twoHolders() {
  MutexHolder First(B);
  MutexHolder Second(B);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'B' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'B' first acquired in call to 'MutexHolder' here
  // CHECK-MESSAGES: :[[@LINE-47]]:48: note: 'B' acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: 'B' acquired again in call to 'MutexHolder' here
  // CHECK-MESSAGES: :[[@LINE-49]]:48: note: 'B' acquired here
}

// A pointer-storing guard, then a direct lock() of the same mutex.
void ptrHolderThenLock() {
  PtrHolder H(&C);
  takeC();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'C' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'C' first acquired in call to 'PtrHolder' here
  // CHECK-MESSAGES: :[[@LINE-50]]:46: note: 'C' acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'C' acquired again in call to 'takeC' here
  // CHECK-MESSAGES: :[[@LINE-36]]:16: note: 'C' acquired here
}

// A home-made reader guard, then a reader callee.
int readHolderThenReader() {
  ReadHolder H(Rw);
  return readRw();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: 'Rw' first acquired shared in call to 'ReadHolder' here
  // CHECK-MESSAGES: :[[@LINE-53]]:54: note: 'Rw' acquired shared here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: 'Rw' acquired shared again in call to 'readRw' here
  // CHECK-MESSAGES: :[[@LINE-45]]:39: note: 'Rw' acquired shared here
}

// A guard created inside a callee's callee while the caller holds D.
void holdD() { MutexHolder H(D); }
void holdDVia() { holdD(); }
void lockThenHolderCallee() {
  D.lock();
  holdDVia();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'D' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'D' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'D' acquired again in call to 'holdDVia' here
  // CHECK-MESSAGES: :[[@LINE-7]]:19: note: in call to 'holdD' here
  // CHECK-MESSAGES: :[[@LINE-9]]:28: note: in call to 'MutexHolder' here
  // CHECK-MESSAGES: :[[@LINE-85]]:48: note: 'D' acquired here
  D.unlock();
}

// A member lock of another object guarded by the home-made guard.
struct Queue {
  std::mutex Mu;
  int Size = 0;
  void push() {
    MutexHolder H(Mu);
    ++Size;
  }
};
void pushUnderHolder(Queue &Q) {
  MutexHolder H(Q.Mu);
  Q.push();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Q.Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'Q.Mu' first acquired in call to 'MutexHolder' here
  // CHECK-MESSAGES: :[[@LINE-103]]:48: note: 'Q.Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Q.Mu' acquired again in call to 'push' here
  // CHECK-MESSAGES: :[[@LINE-11]]:17: note: in call to 'MutexHolder' here
  // CHECK-MESSAGES: :[[@LINE-106]]:48: note: 'Q.Mu' acquired here
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: the guard's scope closes (destructor unlocks) before the call.
void holderScopeEnds() {
  {
    MutexHolder H(A);
  }
  takeA();
}

// Negative: early return with a home-made guard is no missing unlock.
int holderEarlyReturn(bool Fail) {
  MutexHolder H(E);
  if (Fail)
    return -1;
  return 0;
}

// Negative: a class that stores the mutex but does not lock it.
class MutexRef {
  std::mutex &M;

public:
  explicit MutexRef(std::mutex &M) : M(M) {}
  std::mutex &get() { return M; }
};
void refThenCallee() {
  MutexRef R(A);
  takeA();
}

// Negative: a holder on one mutex, the callee takes another.
void holderOtherMutex() {
  MutexHolder H(F);
  takeA();
}

// Negative: two holders on different objects' member locks.
void holdersOnTwoQueues(Queue &Q1, Queue &Q2) {
  MutexHolder H(Q1.Mu);
  Q2.push();
}

// Negative: a pointer holder on a heap-free temporary scope, released
// before a second holder on the same mutex.
void sequentialHolders() {
  { PtrHolder H(&C); }
  { PtrHolder H(&C); }
}
