// RUN: %check_clang_tidy %s deadlock-blocking-under-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// std::this_thread sleeps under a lock, and the ways a lock stops being
// held before a blocking call (unlock, guard scope, failed try_lock,
// deferred guards, branches).

#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <thread>

using namespace std::chrono_literals;

void work();

//===----------------------------------------------------------------------===//
// Positive.
//===----------------------------------------------------------------------===//

// sleep_for under a lock_guard.
std::mutex SleepMuA;
void sleepForA() {
  std::lock_guard<std::mutex> Lock(SleepMuA);
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SleepMuA' is held while sleeping in 'std::this_thread::sleep_for'; every other thread that needs 'SleepMuA' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'SleepMuA' acquired here
}

// sleep_until under a unique_lock.
std::mutex SleepMuB;
void sleepUntilB() {
  std::unique_lock<std::mutex> Lock(SleepMuB);
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 5ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SleepMuB' is held while sleeping in 'std::this_thread::sleep_until'; every other thread that needs 'SleepMuB' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:32: note: 'SleepMuB' acquired here
}

// A member lock, a sleep with a runtime duration.
struct Poller {
  std::mutex Mu;
  std::chrono::milliseconds Interval{100};
  void tick() {
    std::scoped_lock Lock(Mu);
    std::this_thread::sleep_for(Interval);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is held while sleeping in 'std::this_thread::sleep_for'; every other thread that needs 'this->Mu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:22: note: 'this->Mu' acquired here
  }
};

// A shared lock held across a sleep.
std::shared_mutex SleepRwD;
void sharedSleepD() {
  std::shared_lock<std::shared_mutex> Lock(SleepRwD);
  std::this_thread::sleep_for(1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SleepRwD' is held while sleeping in 'std::this_thread::sleep_for'; every other thread that needs 'SleepRwD' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'SleepRwD' acquired shared here
}

// Two locks held: the most recently acquired one is named.
std::mutex SleepMuE1, SleepMuE2;
void twoLocksE() {
  std::lock_guard<std::mutex> First(SleepMuE1);
  std::lock_guard<std::mutex> Second(SleepMuE2);
  std::this_thread::sleep_for(2ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SleepMuE2' is held while sleeping in 'std::this_thread::sleep_for'; every other thread that needs 'SleepMuE2' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'SleepMuE2' acquired here
}

// A sleep three calls deep (depth 3).
std::mutex SleepMuF;
void backoffLeafF() { std::this_thread::sleep_for(3ms); }
void backoffMidF() { backoffLeafF(); }
void backoffF() { backoffMidF(); }
void retryF() {
  SleepMuF.lock();
  backoffF();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SleepMuF' is held across a call to 'backoffF', which blocks; every other thread that needs 'SleepMuF' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'SleepMuF' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to 'backoffF' here
  // CHECK-MESSAGES: :[[@LINE-7]]:19: note: in call to 'backoffMidF' here
  // CHECK-MESSAGES: :[[@LINE-9]]:22: note: in call to 'backoffLeafF' here
  // CHECK-MESSAGES: :[[@LINE-11]]:23: note: 'backoffLeafF' blocks here, sleeping in 'std::this_thread::sleep_for'
  SleepMuF.unlock();
}

// A sleeping lambda called under the lock.
std::mutex SleepMuL;
void lambdaUnderLockL() {
  auto Nap = [] { std::this_thread::sleep_for(1ms); };
  std::lock_guard<std::mutex> Lock(SleepMuL);
  Nap();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SleepMuL' is held across a call to 'lambda at line [[@LINE-3]]', which blocks; every other thread that needs 'SleepMuL' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'SleepMuL' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to 'lambda at line [[@LINE-5]]' here
  // CHECK-MESSAGES: :[[@LINE-6]]:19: note: 'lambda at line [[@LINE-6]]' blocks here, sleeping in 'std::this_thread::sleep_for'
}

// The lock is re-taken after an unlock: only the second sleep is reported.
std::mutex SleepMuG;
void relockG() {
  std::unique_lock<std::mutex> Lock(SleepMuG);
  Lock.unlock();
  std::this_thread::sleep_for(1ms);
  Lock.lock();
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SleepMuG' is held while sleeping in 'std::this_thread::sleep_for'; every other thread that needs 'SleepMuG' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'SleepMuG' acquired here
}

// Held on one branch only: reported (on that path).
std::mutex SleepMuH;
void branchH(bool Locked) {
  if (Locked)
    SleepMuH.lock();
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SleepMuH' is held while sleeping in 'std::this_thread::sleep_for'; every other thread that needs 'SleepMuH' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'SleepMuH' acquired here
  if (Locked)
    SleepMuH.unlock();
}

//===----------------------------------------------------------------------===//
// Negative.
//===----------------------------------------------------------------------===//

// Negative: sleep_for with a zero duration only yields.
std::mutex ZeroMu;
void zeroSleeps() {
  std::lock_guard<std::mutex> Lock(ZeroMu);
  std::this_thread::sleep_for(std::chrono::seconds(0));
  std::this_thread::sleep_for(0ms);
  std::this_thread::sleep_for(std::chrono::nanoseconds::zero());
}

// Negative: yield() does not block.
std::mutex YieldMu;
void yields() {
  std::lock_guard<std::mutex> Lock(YieldMu);
  std::this_thread::yield();
}

// Negative: the sleep comes after unlock().
std::mutex UnlockMu;
void afterUnlock() {
  UnlockMu.lock();
  work();
  UnlockMu.unlock();
  std::this_thread::sleep_for(1ms);
}

// Negative: the sleep comes after unique_lock::unlock().
std::mutex GuardUnlockMu;
void afterGuardUnlock() {
  std::unique_lock<std::mutex> Lock(GuardUnlockMu);
  work();
  Lock.unlock();
  std::this_thread::sleep_for(1ms);
}

// Negative: the guard's scope ends before the sleep.
std::mutex ScopeMu;
void afterScope() {
  {
    std::lock_guard<std::mutex> Lock(ScopeMu);
    work();
  }
  std::this_thread::sleep_for(1ms);
}

// Negative: try_lock failed, so nothing is held on the path that sleeps.
std::mutex TryMu;
void tryLockBackoff() {
  while (!TryMu.try_lock())
    std::this_thread::sleep_for(1ms);
  work();
  TryMu.unlock();
}
void tryLockGuard() {
  std::unique_lock<std::mutex> Lock(TryMu, std::try_to_lock);
  if (!Lock.owns_lock()) {
    std::this_thread::sleep_for(1ms);
    return;
  }
  work();
}

// Negative: a deferred guard that is never locked.
std::mutex DeferMu;
void deferred() {
  std::unique_lock<std::mutex> Lock(DeferMu, std::defer_lock);
  std::this_thread::sleep_for(1ms);
}

// Negative: the lock is taken only on the branch that does not sleep.
std::mutex BranchMu;
void otherBranch(bool Fast) {
  if (Fast) {
    std::lock_guard<std::mutex> Lock(BranchMu);
    work();
  } else {
    std::this_thread::sleep_for(1ms);
  }
}

// Negative: a sleeping function called with no lock held.
void napper() { std::this_thread::sleep_for(5ms); }
void callsNapper() { napper(); }

// Negative: a sleeping lambda created under the lock but run after it is
// released.
std::mutex LambdaMu;
void lambdaLater() {
  LambdaMu.lock();
  auto Nap = [] { std::this_thread::sleep_for(1ms); };
  LambdaMu.unlock();
  Nap();
}

// Negative: a sleeping function called after the guard is gone.
std::mutex HelperMu;
void helperAfterScope() {
  {
    std::lock_guard<std::mutex> Lock(HelperMu);
  }
  napper();
}
