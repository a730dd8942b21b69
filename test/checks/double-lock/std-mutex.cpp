// RUN: %check_clang_tidy %s deadlock-double-lock %t -- -- -I%inputs

#include <mutex>

std::mutex Mu;

void lockTwice() {
  Mu.lock();
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' first acquired here
  Mu.unlock();
}

struct Account {
  std::mutex Mu;
  int Balance = 0;

  void deposit(int N) {
    std::lock_guard<std::mutex> Guard(Mu);
    std::lock_guard<std::mutex> Again(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'this->Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'this->Mu' first acquired here
    Balance += N;
  }
};

// Negative: released before it is taken again.
void lockUnlockLock() {
  Mu.lock();
  Mu.unlock();
  Mu.lock();
  Mu.unlock();
}

namespace ns {
std::mutex Mu;
} // namespace ns

std::mutex Other;

struct Shared {
  std::mutex Mu;
  int Value = 0;
};

void work();

// A namespaced global is named with its namespace.
void namespacedGlobalTwice() {
  ns::Mu.lock();
  ns::Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ns::Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'ns::Mu' first acquired here
  ns::Mu.unlock();
}

// A field reached through a reference parameter.
void referenceParamTwice(Shared &A) {
  A.Mu.lock();
  work();
  A.Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A.Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'A.Mu' first acquired here
  A.Mu.unlock();
}

// A field reached through a pointer parameter.
void pointerParamTwice(Shared *A) {
  A->Mu.lock();
  A->Value++;
  A->Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A->Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'A->Mu' first acquired here
  A->Mu.unlock();
}

// A local mutex.
void localTwice() {
  std::mutex M;
  M.lock();
  M.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'M' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'M' first acquired here
  M.unlock();
}

// std::timed_mutex is not recursive either.
std::timed_mutex TimedMu;
void timedMutexTwice() {
  TimedMu.lock();
  TimedMu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'TimedMu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'TimedMu' first acquired here
  TimedMu.unlock();
}

struct Counter {
  std::mutex Mu;
  int N = 0;

  // An explicit this-> names the same member as the implicit one.
  void explicitAndImplicitThis() {
    this->Mu.lock();
    Mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'this->Mu' first acquired here
    Mu.unlock();
  }
};

// A successful try_lock holds the mutex: returning on failure leaves it held.
void tryLockFlagReturnThenLock() {
  bool Ok = Mu.try_lock();
  if (!Ok)
    return;
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: 'Mu' first acquired here
  Mu.unlock();
}

// A try_lock that succeeded holds the mutex inside the if.
void tryLockSuccessThenLock() {
  if (Mu.try_lock()) {
    Mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'Mu' first acquired here
    Mu.unlock();
  }
}

// Negative: the same field of two different parameters is two locks.
void twoParameters(Shared &A, Shared &B) {
  A.Mu.lock();
  B.Mu.lock();
  B.Mu.unlock();
  A.Mu.unlock();
}

// Negative: the same field through two different pointer parameters.
void twoPointerParameters(Shared *A, Shared *B) {
  A->Mu.lock();
  B->Mu.lock();
  B->Mu.unlock();
  A->Mu.unlock();
}

// Negative: two different locals of the same struct.
void twoLocals() {
  Shared X, Y;
  X.Mu.lock();
  Y.Mu.lock();
  Y.Mu.unlock();
  X.Mu.unlock();
}

// Negative: two different globals, and a namespaced one with the same name.
void differentGlobals() {
  Mu.lock();
  Other.lock();
  ns::Mu.lock();
  ns::Mu.unlock();
  Other.unlock();
  Mu.unlock();
}

// Negative: two distinct elements of an array of mutexes.
std::mutex Stripes[2];
void twoArrayElements() {
  Stripes[0].lock();
  Stripes[1].lock();
  Stripes[1].unlock();
  Stripes[0].unlock();
}

// Negative: std::recursive_mutex may be locked again by its owner.
std::recursive_mutex RecMu;
void recursiveTwice() {
  RecMu.lock();
  RecMu.lock();
  RecMu.unlock();
  RecMu.unlock();
}

// Negative: std::recursive_timed_mutex likewise.
void recursiveTimedTwice() {
  std::recursive_timed_mutex M;
  M.lock();
  M.lock();
  M.unlock();
  M.unlock();
}

// Negative: a failed try_lock holds nothing, so the fallback lock is fine.
void tryLockFailureThenLock() {
  if (!Mu.try_lock())
    Mu.lock();
  Mu.unlock();
}

// Negative: the success branch unlocks before the lock after the if.
void tryLockSuccessUnlocks() {
  if (Mu.try_lock()) {
    work();
    Mu.unlock();
  }
  Mu.lock();
  Mu.unlock();
}

// Negative: a try_lock result stored in a flag, failure path locks.
void tryLockFlagFailureLocks() {
  bool Ok = Mu.try_lock();
  if (!Ok)
    Mu.lock();
  work();
  Mu.unlock();
}

// Negative: try_lock_for failing falls back to a blocking lock.
void tryLockForFailure() {
  if (!TimedMu.try_lock_for(std::chrono::milliseconds(10)))
    TimedMu.lock();
  TimedMu.unlock();
}

struct Wallet {
  std::mutex Mu;

  // Negative: the member Mu and the global ::Mu are different locks.
  void memberThenGlobal() {
    Mu.lock();
    ::Mu.lock();
    ::Mu.unlock();
    Mu.unlock();
  }
};

struct Pair {
  Shared First;
  Shared Second;
};

// Negative: the same field in two different sub-objects.
void nestedDistinctFields(Pair &P) {
  P.First.Mu.lock();
  P.Second.Mu.lock();
  P.Second.Mu.unlock();
  P.First.Mu.unlock();
}
