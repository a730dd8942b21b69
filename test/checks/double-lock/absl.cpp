// RUN: %check_clang_tidy %s deadlock-double-lock %t -- -- -I%inputs

#include "absl.h"

absl::Mutex Mu;
absl::CondVar Cv;
bool Ready = false;

void work();

class Cache {
  absl::Mutex Mu_;
  int Hits_ = 0;

public:
  // A MutexLock on a member, then the member locked by hand.
  void hit() {
    absl::MutexLock L(&Mu_);
    Mu_.Lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu_' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:21: note: 'this->Mu_' first acquired here
    ++Hits_;
    Mu_.Unlock();
  }

  // Negative: the same member of another instance is a different lock.
  void merge(Cache &Other) {
    absl::MutexLock L(&Mu_);
    absl::MutexLock O(&Other.Mu_);
    Hits_ += Other.Hits_;
  }
};

// Lock() twice.
void lockTwice() {
  Mu.Lock();
  Mu.Lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' first acquired here
  Mu.Unlock();
}

// ReaderMutexLock then WriterMutexLock: an upgrade.
void readerThenWriter() {
  absl::ReaderMutexLock R(&Mu);
  absl::WriterMutexLock W(&Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Mu' is acquired exclusively while this thread holds it shared; the upgrade waits for this thread's own shared lock and deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'Mu' first acquired shared here
  work();
}

// WriterLock then ReaderLock.
void writerThenReader() {
  Mu.WriterLock();
  Mu.ReaderLock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is acquired shared while this thread holds it exclusively; this deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' first acquired here
  Mu.ReaderUnlock();
  Mu.WriterUnlock();
}

// LockWhen acquires the mutex even when it was already held.
void lockThenLockWhen() {
  absl::MutexLock L(&Mu);
  Mu.LockWhen(absl::Condition(&Ready));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'Mu' first acquired here
  Mu.Unlock();
}

// A successful TryLock holds the mutex.
void tryLockSuccessThenGuard() {
  if (Mu.TryLock()) {
    absl::MutexLock L(&Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'Mu' first acquired here
    work();
  }
}

// Negative: ReleasableMutexLock released early, then locked by hand.
void releasableThenLock() {
  absl::ReleasableMutexLock L(&Mu);
  work();
  L.Release();
  Mu.Lock();
  Mu.Unlock();
}

// Negative: a failed TryLock holds nothing.
void tryLockFailure() {
  if (!Mu.TryLock())
    Mu.Lock();
  work();
  Mu.Unlock();
}

// Negative: two reader locks belong to deadlock-recursive-shared-lock.
void readerTwice() {
  Mu.ReaderLock();
  Mu.ReaderLock();
  Mu.ReaderUnlock();
  Mu.ReaderUnlock();
}

// Negative: CondVar::Wait and Mutex::Await on the held mutex.
void waitWhileHeld() {
  absl::MutexLock L(&Mu);
  while (!Ready)
    Cv.Wait(&Mu);
  Mu.Await(absl::Condition(&Ready));
  work();
}

// Negative: MutexLocks in sequential scopes.
void sequentialScopes() {
  {
    absl::MutexLock L(&Mu);
    work();
  }
  absl::WriterMutexLock W(&Mu);
  work();
}
