// RUN: %check_clang_tidy %s deadlock-double-lock,deadlock-recursive-shared-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-double-lock,deadlock-recursive-shared-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Locks reached through parameters and globals: a callee's lock path is
// rewritten in the caller's terms (`P->Mu` called with `&X` is `X.Mu`).

#include <mutex>
#include <shared_mutex>

struct Account {
  std::mutex Mu;
  std::shared_mutex Rw;
  int Balance = 0;
};

void lockViaPointer(Account *A) {
  A->Mu.lock();
  A->Balance++;
  A->Mu.unlock();
}
void lockViaReference(Account &A) {
  std::lock_guard<std::mutex> G(A.Mu);
  A.Balance++;
}
int readViaPointer(const Account *A, std::shared_mutex *Rw) {
  std::shared_lock<std::shared_mutex> L(*Rw);
  return A->Balance;
}

// A pointer parameter called with &X while X.Mu is held.
void pointerParamWithAddress(Account &X) {
  std::lock_guard<std::mutex> G(X.Mu);
  lockViaPointer(&X);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'X.Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'X.Mu' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'X.Mu' acquired again in call to 'lockViaPointer' here
  // CHECK-MESSAGES: :[[@LINE-20]]:3: note: 'X.Mu' acquired here
}

// A reference parameter bound to the object whose lock is held, via a pointer.
void referenceParamFromPointer(Account *P) {
  P->Mu.lock();
  lockViaReference(*P);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'P->Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'P->Mu' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'P->Mu' acquired again in call to 'lockViaReference' here
  // CHECK-MESSAGES: :[[@LINE-25]]:31: note: 'P->Mu' acquired here
  P->Mu.unlock();
}

// A local object: pointer parameter at depth 2.
void forwardPointer(Account *A) { lockViaPointer(A); }
void localObjectDepth2() {
  Account Local;
  std::lock_guard<std::mutex> G(Local.Mu);
  forwardPointer(&Local);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Local.Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Local.Mu' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Local.Mu' acquired again in call to 'forwardPointer' here
  // CHECK-MESSAGES: :[[@LINE-8]]:35: note: in call to 'lockViaPointer' here
  // CHECK-MESSAGES: :[[@LINE-44]]:3: note: 'Local.Mu' acquired here
}

// A global object's member lock passed by reference.
Account Bank;
void globalObject() {
  Bank.Mu.lock();
  lockViaReference(Bank);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Bank.Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Bank.Mu' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Bank.Mu' acquired again in call to 'lockViaReference' here
  // CHECK-MESSAGES: :[[@LINE-50]]:31: note: 'Bank.Mu' acquired here
  Bank.Mu.unlock();
}

// A mutex passed directly by pointer, shared.
int mutexPointerParam(Account &A) {
  std::shared_lock<std::shared_mutex> L(A.Rw);
  return readViaPointer(&A, &A.Rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'A.Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'A.Rw' first acquired shared here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'A.Rw' acquired shared again in call to 'readViaPointer' here
  // CHECK-MESSAGES: :[[@LINE-57]]:39: note: 'A.Rw' acquired shared here
}

// A mutex passed by reference to a helper that locks it.
void lockMutex(std::mutex &M) { M.lock(); M.unlock(); }
std::mutex GlobalMu;
void globalMutexByReference() {
  std::lock_guard<std::mutex> G(GlobalMu);
  lockMutex(GlobalMu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'GlobalMu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'GlobalMu' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'GlobalMu' acquired again in call to 'lockMutex' here
  // CHECK-MESSAGES: :[[@LINE-8]]:33: note: 'GlobalMu' acquired here
}

// A method of a member object reached through this.
struct Ledger {
  Account Acct;
  std::mutex Mu;
  void post() {
    std::lock_guard<std::mutex> G(Acct.Mu);
    lockViaPointer(&Acct);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Acct.Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'this->Acct.Mu' first acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'this->Acct.Mu' acquired again in call to 'lockViaPointer' here
    // CHECK-MESSAGES: :[[@LINE-91]]:3: note: 'this->Acct.Mu' acquired here
  }
};

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: A.Mu held, the callee locks B.Mu of a different parameter.
void differentParameters(Account &A, Account &B) {
  std::lock_guard<std::mutex> G(A.Mu);
  lockViaReference(B);
}

// Negative: a local object's lock held, the callee gets another local.
void differentLocals() {
  Account X, Y;
  std::lock_guard<std::mutex> G(X.Mu);
  lockViaPointer(&Y);
}

// Negative: the global object's lock, callee gets a parameter object.
void globalVersusParameter(Account &Other) {
  std::lock_guard<std::mutex> G(Bank.Mu);
  lockViaReference(Other);
}

// Negative: the mutex passed is a different member of the same object.
std::mutex SideMu;
void differentMutexByReference(Account &A) {
  std::lock_guard<std::mutex> G(A.Mu);
  lockMutex(SideMu);
}

// Negative: the lock is released before the object is passed on.
void releasedBeforePassing(Account &A) {
  A.Mu.lock();
  A.Mu.unlock();
  lockViaPointer(&A);
}

// Negative: a shared lock on A.Rw, the callee reads B.Rw.
int sharedDifferentObjects(Account &A, Account &B) {
  std::shared_lock<std::shared_mutex> L(A.Rw);
  return readViaPointer(&B, &B.Rw);
}

// Negative: a member object of another ledger.
void otherLedger(Ledger &L1, Ledger &L2) {
  std::lock_guard<std::mutex> G(L1.Acct.Mu);
  lockViaPointer(&L2.Acct);
}
