// RUN: %check_clang_tidy %s deadlock-missing-unlock %t -- -- -I%inputs

#include <chrono>
#include <cstdlib>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>

std::mutex Mu;
std::shared_mutex RW;
std::timed_mutex TMu;
std::recursive_mutex RMu;

namespace ns {
std::mutex Mu;
} // namespace ns

void work();

//===----------------------------------------------------------------------===//
// Positive cases
//===----------------------------------------------------------------------===//

// Early return skips the unlock of a global std::mutex.
void earlyReturn(bool Bad) {
  Mu.lock();
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Mu' acquired here
  Mu.unlock();
}

// Falling off the end still holding it, while the early return releases it.
void heldAtEnd(bool Done) {
  Mu.lock();
  if (Done) {
    Mu.unlock();
    return;
  }
  work();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'Mu' is still held at the end of the function but released on other paths [deadlock-missing-unlock]
// CHECK-MESSAGES: :[[@LINE-8]]:3: note: 'Mu' acquired here

// A shared acquisition is named as such in the note.
int readShared(bool Bad) {
  RW.lock_shared();
  if (Bad)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'RW' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'RW' acquired shared here
  RW.unlock_shared();
  return 1;
}

// A mutex in a namespace is named with its qualifier.
void namespaced(bool Bad) {
  ns::Mu.lock();
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'ns::Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'ns::Mu' acquired here
  ns::Mu.unlock();
}

struct Account {
  std::mutex Mu;
  int Balance = 0;

  // A member mutex is named through 'this'.
  bool withdraw(int N) {
    Mu.lock();
    if (Balance < N)
      return false;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'this->Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'this->Mu' acquired here
    Balance -= N;
    Mu.unlock();
    return true;
  }
};

// A mutex reached through a reference parameter.
void viaReference(Account &A, int N) {
  A.Mu.lock();
  if (N < 0)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'A.Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'A.Mu' acquired here
  A.Balance += N;
  A.Mu.unlock();
}

// A mutex reached through a pointer parameter.
void viaPointer(Account *A, int N) {
  A->Mu.lock();
  if (N < 0)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'A->Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'A->Mu' acquired here
  A->Balance += N;
  A->Mu.unlock();
}

// Two returns that both still hold the lock give two warnings.
void twoLeakyReturns(int State) {
  Mu.lock();
  if (State == 1)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Mu' acquired here
  if (State == 2)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-8]]:3: note: 'Mu' acquired here
  Mu.unlock();
}

// A successful try_lock followed by an early return that forgets the unlock.
void tryLockThenLeak(bool Bad) {
  if (Mu.try_lock()) {
    if (Bad)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: 'Mu' acquired here
    Mu.unlock();
  }
}

// try_lock_for on a timed mutex, leaked on one branch.
void timedLeak(bool Bad) {
  if (!TMu.try_lock_for(std::chrono::milliseconds(10)))
    return;
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'TMu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-5]]:8: note: 'TMu' acquired here
  TMu.unlock();
}

// A recursive mutex taken once and leaked on one path.
void recursiveLeak(bool Bad) {
  RMu.lock();
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'RMu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'RMu' acquired here
  RMu.unlock();
}

// unique_lock::release() leaves the mutex locked with no guard to unlock it.
void releasedGuard(bool Detach) {
  std::unique_lock<std::mutex> Lk(Mu);
  if (Detach) {
    Lk.release();
    return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-5]]:32: note: 'Mu' acquired here
  }
  work();
}

// Only the mutex that is not released is reported; the other one is balanced.
void oneOfTwo(bool Bad) {
  Mu.lock();
  RW.lock();
  if (Bad) {
    RW.unlock();
    return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'Mu' acquired here
  }
  RW.unlock();
  Mu.unlock();
}

// shared_lock::release() leaves the shared hold in place; the note names the guard.
void releasedSharedGuard(bool Detach) {
  std::shared_lock<std::shared_mutex> Lk(RW);
  if (Detach) {
    Lk.release();
    return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'RW' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-5]]:39: note: 'RW' acquired shared here
  }
  work();
}

// std::lock takes both; the early return releases only one of them.
void stdLockLeakOne(bool Bad) {
  std::lock(Mu, RMu);
  if (Bad) {
    Mu.unlock();
    return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'RMu' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'RMu' acquired here
  }
  RMu.unlock();
  Mu.unlock();
}

//===----------------------------------------------------------------------===//
// Negative cases
//===----------------------------------------------------------------------===//

// Negative: every early return unlocks first.
void balancedEarlyReturn(bool Bad) {
  Mu.lock();
  if (Bad) {
    Mu.unlock();
    return;
  }
  Mu.unlock();
}

// Negative: correlated conditions; the unlock happens exactly when the lock did.
void correlated(bool C) {
  if (C)
    Mu.lock();
  work();
  if (C)
    Mu.unlock();
}

// Negative: the failed try_lock path never held the lock.
void tryLockBalanced() {
  if (Mu.try_lock()) {
    work();
    Mu.unlock();
  }
}

// Negative: unique_lock with try_to_lock, bailing out when it did not lock.
void uniqueTryToLock() {
  std::unique_lock<std::mutex> Lk(Mu, std::try_to_lock);
  if (!Lk)
    return;
  work();
}

// Negative: lock_guard releases at every return.
int guardedEarlyReturn(bool Bad) {
  std::lock_guard<std::mutex> G(Mu);
  if (Bad)
    return -1;
  return 0;
}

// Negative: unique_lock::unlock() on one path, destructor on the other.
void uniqueUnlockEarly(bool Early) {
  std::unique_lock<std::mutex> Lk(Mu);
  if (Early) {
    Lk.unlock();
    work();
    return;
  }
  work();
}

// Negative: scoped_lock of two mutexes with an early return.
void scopedLockTwo(bool Bad) {
  std::scoped_lock Lk(Mu, RMu);
  if (Bad)
    return;
  work();
}

// Negative: shared_lock releases the shared hold at scope exit.
void sharedLockGuard(bool Bad) {
  std::shared_lock<std::shared_mutex> Lk(RW);
  if (Bad)
    return;
  work();
}

// Negative: unique_lock with defer_lock, locked later, released by the guard.
void deferredUnique(bool Bad) {
  std::unique_lock<std::mutex> Lk(Mu, std::defer_lock);
  Lk.lock();
  if (Bad)
    return;
  work();
}

// Negative: std::lock then adopting guards.
void adoptBoth(bool Bad) {
  std::lock(Mu, RMu);
  std::lock_guard<std::mutex> A(Mu, std::adopt_lock);
  std::lock_guard<std::recursive_mutex> B(RMu, std::adopt_lock);
  if (Bad)
    return;
  work();
}

// Negative: leaving by throwing is not a normal return.
void throwsWhileHeld(bool Bad) {
  Mu.lock();
  if (Bad)
    throw std::runtime_error("bad");
  Mu.unlock();
}

// Negative: abort() does not return.
void abortsWhileHeld(bool Bad) {
  Mu.lock();
  if (Bad)
    std::abort();
  Mu.unlock();
}

// Negative: held on every return, so this is an acquire wrapper.
void lockWrapper(bool Log) {
  Mu.lock();
  if (Log) {
    work();
    return;
  }
}
