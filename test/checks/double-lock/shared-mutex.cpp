// RUN: %check_clang_tidy %s deadlock-double-lock %t -- -- -I%inputs

#include <mutex>
#include <shared_mutex>

std::shared_mutex Mu;
std::shared_timed_mutex TimedMu;

void work();

struct Table {
  std::shared_mutex Mu;
  int Rows = 0;

  // A reader that tries to upgrade through a member.
  void readThenWrite() {
    std::shared_lock<std::shared_mutex> Read(Mu);
    std::unique_lock<std::shared_mutex> Write(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: 'this->Mu' is acquired exclusively while this thread holds it shared; the upgrade waits for this thread's own shared lock and deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:41: note: 'this->Mu' first acquired shared here
    Rows++;
  }
};

// Exclusive after shared, by hand.
void lockSharedThenLock() {
  Mu.lock_shared();
  Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is acquired exclusively while this thread holds it shared; the upgrade waits for this thread's own shared lock and deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' first acquired shared here
  Mu.unlock();
  Mu.unlock_shared();
}

// Shared after exclusive, by hand.
void lockThenLockShared() {
  Mu.lock();
  Mu.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is acquired shared while this thread holds it exclusively; this deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' first acquired here
  Mu.unlock_shared();
  Mu.unlock();
}

// Shared after exclusive, with guards.
void guardThenSharedLock() {
  std::lock_guard<std::shared_mutex> Write(Mu);
  std::shared_lock<std::shared_mutex> Read(Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'Mu' is acquired shared while this thread holds it exclusively; this deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:38: note: 'Mu' first acquired here
  work();
}

// Exclusive after exclusive on a shared_timed_mutex.
void timedSharedTwice() {
  TimedMu.lock();
  TimedMu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'TimedMu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'TimedMu' first acquired here
  TimedMu.unlock();
}

// A successful try_lock_shared holds the mutex shared.
void tryLockSharedThenLock() {
  if (Mu.try_lock_shared()) {
    Mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is acquired exclusively while this thread holds it shared; the upgrade waits for this thread's own shared lock and deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'Mu' first acquired shared here
    Mu.unlock();
    Mu.unlock_shared();
  }
}

// Negative: shared after shared belongs to deadlock-recursive-shared-lock.
void sharedTwice() {
  Mu.lock_shared();
  Mu.lock_shared();
  Mu.unlock_shared();
  Mu.unlock_shared();
}

// Negative: two shared_locks on the same mutex, likewise not this check.
void twoSharedGuards() {
  std::shared_lock<std::shared_mutex> R1(Mu);
  std::shared_lock<std::shared_mutex> R2(Mu);
  work();
}

// Negative: read under a shared lock, drop it, then write.
void readThenUpgradeProperly() {
  {
    std::shared_lock<std::shared_mutex> Read(Mu);
    work();
  }
  std::unique_lock<std::shared_mutex> Write(Mu);
  work();
}

// Negative: unlock_shared before the exclusive lock.
void unlockSharedThenLock() {
  Mu.lock_shared();
  work();
  Mu.unlock_shared();
  Mu.lock();
  Mu.unlock();
}

// Negative: shared_lock unlocked by hand before taking the write lock.
void sharedGuardUnlockThenWrite() {
  std::shared_lock<std::shared_mutex> Read(Mu);
  work();
  Read.unlock();
  std::lock_guard<std::shared_mutex> Write(Mu);
}

// Negative: a failed try_lock_shared holds nothing.
void tryLockSharedFailure() {
  if (!Mu.try_lock_shared()) {
    Mu.lock();
    Mu.unlock();
  }
}

// Negative: shared or exclusive by one condition, released by the same one.
void correlatedModes(bool Write) {
  if (Write)
    Mu.lock();
  else
    Mu.lock_shared();
  work();
  if (Write)
    Mu.unlock();
  else
    Mu.unlock_shared();
  Mu.lock();
  Mu.unlock();
}
