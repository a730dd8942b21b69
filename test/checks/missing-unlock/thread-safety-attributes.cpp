// RUN: %check_clang_tidy %s deadlock-missing-unlock %t -- -- -I%inputs

#include "tsa.h"

Lock L;
Lock Other;

void work();

//===----------------------------------------------------------------------===//
// Positive cases
//===----------------------------------------------------------------------===//

// An ACQUIRE-annotated method, leaked on an early return.
void tsaEarlyReturn(bool Bad) {
  L.Acquire();
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'L' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'L' acquired here
  L.Release();
}

// An ACQUIRE_SHARED-annotated method is a shared acquisition.
void tsaSharedLeak(bool Bad) {
  L.AcquireShared();
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'L' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'L' acquired shared here
  L.ReleaseShared();
}

// A successful TRY_ACQUIRE(true) leaked on one branch.
void tsaTryLeak(bool Bad) {
  if (L.Try()) {
    if (Bad)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'L' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: 'L' acquired here
    L.Release();
  }
}

// A free function acquiring both arguments; both are leaked at the return.
void tsaBothLeak(bool Bad) {
  LockBoth(L, Other);
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'L' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'L' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: 'Other' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'Other' acquired here
  UnlockBoth(L, Other);
}

class Cache {
  Lock Mu;
  int Hits = 0;

public:
  // A member capability, held at the end of the function on one path.
  void hit(bool Reset) {
    Mu.Acquire();
    if (Reset) {
      Hits = 0;
      Mu.Release();
      return;
    }
    ++Hits;
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'this->Mu' is still held at the end of the function but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-9]]:5: note: 'this->Mu' acquired here
};

//===----------------------------------------------------------------------===//
// Negative cases
//===----------------------------------------------------------------------===//

// Negative: a SCOPED_CAPABILITY guard releases at every return.
void tsaAutoLock(bool Bad) {
  AutoLock G(L);
  if (Bad)
    return;
  work();
}

// Negative: a shared scoped guard releases at every return.
void tsaAutoReaderLock(bool Bad) {
  AutoReaderLock G(L);
  if (Bad)
    return;
  work();
}

// Negative: a releasable scoped guard released early on one path.
void tsaReleasable(bool Early) {
  ReleasableAutoLock G(&L);
  if (Early) {
    G.Release();
    work();
    return;
  }
  work();
}

// Negative: a try wrapper forwarding TRY_ACQUIRE(true).
bool tsaTryWrapper() { return L.Try(); }

// Negative: an acquire wrapper.
void tsaAcquireWrapper() { L.Acquire(); }

// Negative: a failed Try never held the lock.
void tsaTryBalanced() {
  if (!L.Try())
    return;
  work();
  L.Release();
}
