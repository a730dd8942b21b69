// RUN: %check_clang_tidy %s deadlock-double-lock,deadlock-recursive-shared-lock,deadlock-missing-unlock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-double-lock,deadlock-recursive-shared-lock,deadlock-missing-unlock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Acquire, release and try-lock wrapper functions: a function that returns
// holding a lock acquires it for its caller, one that releases a lock it did
// not take releases it for its caller, a bool function holding it exactly on
// true returns is a try-lock.

#include <mutex>
#include <shared_mutex>

class Store {
  std::mutex Mu;
  std::shared_mutex Rw;
  int Data = 0;

  void lockAll() { Mu.lock(); }
  void unlockAll() { Mu.unlock(); }
  void lockAllVia() { lockAll(); }
  bool tryLockAll() { return Mu.try_lock(); }
  void readLock() { Rw.lock_shared(); }
  void readUnlock() { Rw.unlock_shared(); }
  void helper() {
    std::lock_guard<std::mutex> G(Mu);
    ++Data;
  }
  int reader() {
    std::shared_lock<std::shared_mutex> L(Rw);
    return Data;
  }

public:
  // lock(); helper(); unlock(); where helper takes the lock again.
  void update() {
    lockAll();
    helper();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'this->Mu' first acquired in call to 'lockAll' here
    // CHECK-MESSAGES: :[[@LINE-22]]:20: note: 'this->Mu' acquired here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'this->Mu' acquired again in call to 'helper' here
    // CHECK-MESSAGES: :[[@LINE-17]]:33: note: 'this->Mu' acquired here
    unlockAll();
  }

  // The wrapper is two calls deep; the second acquisition is direct.
  void updateDirect() {
    lockAllVia();
    Mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'this->Mu' first acquired in call to 'lockAllVia' here
    // CHECK-MESSAGES: :[[@LINE-32]]:23: note: in call to 'lockAll' here
    // CHECK-MESSAGES: :[[@LINE-35]]:20: note: 'this->Mu' acquired here
    Mu.unlock();
    unlockAll();
  }

  // A try-lock wrapper that succeeded, then a callee takes the lock.
  void tryUpdate() {
    if (tryLockAll()) {
      helper();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'this->Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
      // CHECK-MESSAGES: :[[@LINE-3]]:9: note: 'this->Mu' first acquired in call to 'tryLockAll' here
      // CHECK-MESSAGES: :[[@LINE-43]]:30: note: 'this->Mu' acquired here
      // CHECK-MESSAGES: :[[@LINE-4]]:7: note: 'this->Mu' acquired again in call to 'helper' here
      // CHECK-MESSAGES: :[[@LINE-41]]:33: note: 'this->Mu' acquired here
      unlockAll();
    }
  }

  // A shared acquire wrapper, then a reader callee.
  int readTwice() {
    readLock();
    int V = reader();
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'this->Rw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'this->Rw' first acquired shared in call to 'readLock' here
    // CHECK-MESSAGES: :[[@LINE-55]]:21: note: 'this->Rw' acquired shared here
    // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'this->Rw' acquired shared again in call to 'reader' here
    // CHECK-MESSAGES: :[[@LINE-50]]:41: note: 'this->Rw' acquired shared here
    readUnlock();
    return V;
  }

  // Missing unlock: the early return skips unlockAll().
  int earlyReturn(bool Fail) {
    lockAll();
    if (Fail)
      return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'this->Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'this->Mu' acquired in call to 'lockAll' here
    // CHECK-MESSAGES: :[[@LINE-73]]:20: note: 'this->Mu' acquired here
    int V = Data;
    unlockAll();
    return V;
  }

  // Missing unlock through a depth-2 acquire wrapper, at the end of the function.
  void releaseOnOnePath(bool Done) {
    lockAllVia();
    if (Done)
      unlockAll();
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'this->Mu' is still held at the end of the function but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'this->Mu' acquired in call to 'lockAllVia' here
  // CHECK-MESSAGES: :[[@LINE-85]]:23: note: in call to 'lockAll' here
  // CHECK-MESSAGES: :[[@LINE-88]]:20: note: 'this->Mu' acquired here

  // Missing unlock: a shared acquire wrapper, released on one path only.
  int readMaybe(bool Keep) {
    readLock();
    if (Keep)
      return Data;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'this->Rw' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'this->Rw' acquired shared in call to 'readLock' here
    // CHECK-MESSAGES: :[[@LINE-93]]:21: note: 'this->Rw' acquired shared here
    readUnlock();
    return 0;
  }

  //===--------------------------------------------------------------------===//
  // Negative cases.
  //===--------------------------------------------------------------------===//

  // Negative: lockAll() and unlockAll() on every path.
  int balanced(bool Fail) {
    lockAll();
    if (Fail) {
      unlockAll();
      return -1;
    }
    int V = Data;
    unlockAll();
    return V;
  }

  // Negative: the release wrapper drops the lock before helper() takes it.
  void releaseThenHelper() {
    lockAll();
    ++Data;
    unlockAll();
    helper();
  }

  // Negative: the release wrapper releases a lock taken directly.
  void directLockWrapperUnlock() {
    Mu.lock();
    ++Data;
    unlockAll();
    Mu.lock();
    Mu.unlock();
  }

  // Negative: the wrapper acquisition released directly.
  void wrapperLockDirectUnlock() {
    lockAllVia();
    Mu.unlock();
    helper();
  }

  // Negative: the try-lock wrapper failed, so helper() may take the lock.
  void tryFailed() {
    if (!tryLockAll()) {
      helper();
      return;
    }
    unlockAll();
  }

  // Negative: the try-lock wrapper's result checked with early return; no
  // missing unlock.
  bool tryAndRelease() {
    if (!tryLockAll())
      return false;
    ++Data;
    unlockAll();
    return true;
  }

  // Negative: shared wrapper released before the reader.
  int readThenReader() {
    readLock();
    int V = Data;
    readUnlock();
    return V + reader();
  }

  // Negative: an acquire wrapper that forwards another is itself no missing
  // unlock (it holds the lock on every return).
  void lockForCaller() { lockAllVia(); }
};

// Negative: a free-standing acquire/release pair used as a begin/end bracket.
std::mutex Bracket;
void beginCritical() { Bracket.lock(); }
void endCritical() { Bracket.unlock(); }
void bracketed(bool Early) {
  beginCritical();
  if (Early) {
    endCritical();
    return;
  }
  endCritical();
}
