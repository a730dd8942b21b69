// RUN: %check_clang_tidy %s deadlock-missing-unlock %t -- -- -I%inputs

#include <cerrno>
#include <chrono>
#include <mutex>

std::mutex Mu;
std::timed_mutex TMu;

void work();

//===----------------------------------------------------------------------===//
// Positive cases
//===----------------------------------------------------------------------===//

// A bool function that still holds the lock when it returns false.
bool updateChecked(bool Bad) {
  Mu.lock();
  if (Bad)
    return false;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Mu' acquired here
  Mu.unlock();
  return true;
}

// A bool function holding the lock exactly on its false return is no try-lock wrapper.
bool invertedTryWrapper(bool Ok) {
  Mu.lock();
  if (Ok) {
    Mu.unlock();
    return true;
  }
  return false;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-7]]:3: note: 'Mu' acquired here
}

// Negated try_lock result: the lock is held when the function returns false.
bool tryLockFailed() {
  return !Mu.try_lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: 'Mu' acquired here
}

// A true return that does not hold the lock breaks the try-lock contract.
bool tryLockOrSkip(bool Skip) {
  if (Skip)
    return true;
  return Mu.try_lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'Mu' acquired here
}

// An int function holding the lock on a non-zero return is not errno style.
int lockIfReady(bool Ready) {
  if (!Ready)
    return -1;
  Mu.lock();
  return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' acquired here
}

// A void function that ignores the try_lock result holds the lock only sometimes.
void tryAndForget() {
  Mu.try_lock();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'Mu' is still held at the end of the function but released on other paths [deadlock-missing-unlock]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' acquired here

//===----------------------------------------------------------------------===//
// Negative cases
//===----------------------------------------------------------------------===//

// Negative: a plain acquire wrapper.
void lockIt() { Mu.lock(); }

// Negative: a plain release wrapper acquires nothing.
void unlockIt() { Mu.unlock(); }

// Negative: forwarding try_lock is a try-lock wrapper.
bool tryLockIt() { return Mu.try_lock(); }

// Negative: holds the lock exactly on the true return.
bool tryLockBranches() {
  if (!Mu.try_lock())
    return false;
  return true;
}

// Negative: bool function that locks only when it returns true.
bool lockIfEnabled(bool Enabled) {
  if (!Enabled)
    return false;
  Mu.lock();
  return true;
}

// Negative: errno-style int function holding the lock exactly on return 0.
int lockChecked(bool Ready) {
  if (!Ready)
    return EBUSY;
  Mu.lock();
  return 0;
}

// Negative: errno-style wrapper built from try_lock.
int tryLockErrno() { return Mu.try_lock() ? 0 : EBUSY; }

// Negative: forwarding a timed try_lock.
bool tryLockFor(std::chrono::milliseconds D) { return TMu.try_lock_for(D); }

// Negative: member wrappers around a member mutex.
class Spin {
  std::mutex M;

public:
  void lock() { M.lock(); }
  bool try_lock() { return M.try_lock(); }
  void unlock() { M.unlock(); }
};
