// RUN: %check_clang_tidy %s deadlock-recursive-shared-lock %t -- -- -I%inputs

#include "tsa.h"

Lock Mu;
Lock Other;

class Catalog {
public:
  // Positive: a member capability read-locked by an AutoReaderLock, then by hand.
  int sizeUnderReader() {
    AutoReaderLock Reader(Mu);
    Mu.AcquireShared();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'this->Mu' first acquired shared here
    int N = Count;
    Mu.ReleaseShared();
    return N;
  }

  // Negative: the member capability is released before it is re-taken.
  int sizeTwiceReleased() {
    Mu.AcquireShared();
    int N = Count;
    Mu.ReleaseShared();
    AutoReaderLock Reader(Mu);
    return N + Count;
  }

private:
  Lock Mu;
  int Count = 0;
};

//===----------------------------------------------------------------------===//
// Positive cases.
//===----------------------------------------------------------------------===//

// Positive: AcquireShared twice on an attributed capability.
void acquireSharedTwice() {
  Mu.AcquireShared();
  Mu.AcquireShared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Mu' first acquired shared here
  Mu.ReleaseShared();
  Mu.ReleaseShared();
}

// Positive: two scoped AutoReaderLocks.
void twoAutoReaderLocks() {
  AutoReaderLock First(Mu);
  AutoReaderLock Second(Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'Mu' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'Mu' first acquired shared here
}

// Positive: AcquireShared, then an AutoReaderLock on a capability passed by reference.
void viaReference(Lock &L) {
  L.AcquireShared();
  AutoReaderLock Reader(L);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'L' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'L' first acquired shared here
  L.ReleaseShared();
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: ReleaseShared before re-acquiring.
void acquireReleaseAcquire() {
  Mu.AcquireShared();
  Mu.ReleaseShared();
  Mu.AcquireShared();
  Mu.ReleaseShared();
}

// Negative: AutoReaderLocks in sibling scopes.
void autoReaderLocksInSiblingScopes() {
  {
    AutoReaderLock First(Mu);
  }
  {
    AutoReaderLock Second(Mu);
  }
}

// Negative: two different capabilities.
void differentCapabilities() {
  AutoReaderLock First(Mu);
  AutoReaderLock Second(Other);
}

// Negative (double lock, not this check): AcquireShared under Acquire.
void acquireThenAcquireShared() {
  Mu.Acquire();
  Mu.AcquireShared();
  Mu.ReleaseShared();
  Mu.Release();
}

// Negative (double lock, not this check): AutoReaderLock under AutoLock.
void autoLockThenAutoReaderLock() {
  AutoLock Writer(Mu);
  AutoReaderLock Reader(Mu);
}

// Negative: exclusive only.
void exclusiveOnly() {
  AutoLock Writer(Mu);
}
