// RUN: %check_clang_tidy %s deadlock-double-lock %t -- -- -I%inputs

#include "tsa.h"

Lock L;
Lock L2;
ReentrantLock RL;

void work();

class Service {
  Lock Mu;
  int Calls = 0;

public:
  // A scoped AutoLock on a member, then the member acquired by hand.
  void call() {
    AutoLock Guard(Mu);
    Mu.Acquire();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:14: note: 'this->Mu' first acquired here
    ++Calls;
    Mu.Release();
  }
};

// An ACQUIRE-annotated method called twice.
void acquireTwice() {
  L.Acquire();
  L.Acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'L' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'L' first acquired here
  L.Release();
}

// Two scoped_lockable guards on the same capability.
void twoAutoLocks() {
  AutoLock First(L);
  AutoLock Second(L);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'L' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'L' first acquired here
  work();
}

// A shared scoped guard, then an exclusive acquire: an upgrade.
void readerThenAcquire() {
  AutoReaderLock Reader(L);
  L.Acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'L' is acquired exclusively while this thread holds it shared; the upgrade waits for this thread's own shared lock and deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'L' first acquired shared here
  L.Release();
}

// An exclusive acquire, then ACQUIRE_SHARED.
void acquireThenShared() {
  L.Acquire();
  L.AcquireShared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'L' is acquired shared while this thread holds it exclusively; this deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'L' first acquired here
  L.ReleaseShared();
  L.Release();
}

// A free function annotated ACQUIRE(A, B) takes both of its arguments.
void lockBothThenAcquire() {
  LockBoth(L, L2);
  L2.Acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'L2' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'L2' first acquired here
  L2.Release();
  UnlockBoth(L, L2);
}

// TRY_ACQUIRE(true) succeeding holds the capability.
void trySuccessThenAcquire() {
  if (L.Try()) {
    L.Acquire();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'L' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'L' first acquired here
    L.Release();
  }
}

// Negative: a capability marked reentrant may be re-acquired.
void reentrantTwice() {
  RL.Acquire();
  RL.Acquire();
  RL.Release();
  RL.Release();
}

// Negative: a releasable scoped guard released early, then acquired by hand.
void releasableThenAcquire() {
  ReleasableAutoLock Guard(&L);
  work();
  Guard.Release();
  L.Acquire();
  L.Release();
}

// Negative: a failed Try holds nothing.
void tryFailureThenAcquire() {
  if (!L.Try())
    L.Acquire();
  work();
  L.Release();
}

// Negative: LockBoth then UnlockBoth, then each taken again.
void lockBothUnlockBoth() {
  LockBoth(L, L2);
  work();
  UnlockBoth(L, L2);
  AutoLock Again(L);
  AutoLock Again2(L2);
}

// Negative: two shared acquisitions belong to deadlock-recursive-shared-lock.
void sharedTwice() {
  L.AcquireShared();
  L.AcquireShared();
  L.ReleaseShared();
  L.ReleaseShared();
}

// Negative: scoped guards in sequential scopes.
void sequentialAutoLocks() {
  {
    AutoLock G(L);
    work();
  }
  AutoLock G(L);
  work();
}
