// RUN: %check_clang_tidy %s deadlock-lock-order-inversion %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-lock-order-inversion' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// AB-BA inversions where one or both acquisitions happen in callees, one to
// four calls deep, and where the held lock was taken by an acquire wrapper.
// Each case has its own mutexes.

#include <mutex>

// Depth 1: the second lock of one order is taken by a callee.
std::mutex A1, B1;
void takeB1() { std::lock_guard<std::mutex> G(B1); }
void holdA1() {
  std::lock_guard<std::mutex> G(A1);
  takeB1();
}
void holdB1() {
  std::lock_guard<std::mutex> G(B1);
  std::lock_guard<std::mutex> H(A1);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'A1' is acquired while holding 'B1', but elsewhere 'B1' is acquired while holding 'A1'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'B1' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'A1' acquired while holding 'B1' here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'A1' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'B1' acquired while holding 'A1' in call to 'takeB1' here
  // CHECK-MESSAGES: :[[@LINE-13]]:45: note: 'B1' acquired here
}

// Depth 2: the closing edge is itself the call (it comes last in the file).
std::mutex A2, B2;
void takeA2() {
  A2.lock();
  A2.unlock();
}
void takeA2Via() { takeA2(); }
void holdA2() {
  A2.lock();
  B2.lock();
  B2.unlock();
  A2.unlock();
}
void holdB2() {
  std::unique_lock<std::mutex> G(B2);
  takeA2Via();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A2' is acquired while holding 'B2', but elsewhere 'B2' is acquired while holding 'A2'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:32: note: 'B2' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'A2' acquired while holding 'B2' in call to 'takeA2Via' here
  // CHECK-MESSAGES: :[[@LINE-13]]:20: note: in call to 'takeA2' here
  // CHECK-MESSAGES: :[[@LINE-17]]:3: note: 'A2' acquired here
  // CHECK-MESSAGES: :[[@LINE-13]]:3: note: 'A2' acquired here
  // CHECK-MESSAGES: :[[@LINE-13]]:3: note: 'B2' acquired while holding 'A2' here
}

// Depth 3 on one side, depth 1 on the other.
std::mutex A3, B3;
void takeB3() { B3.lock(); B3.unlock(); }
void takeB3L2() { takeB3(); }
void takeB3L1() { takeB3L2(); }
void takeA3() { std::lock_guard<std::mutex> G(A3); }
void holdA3() {
  std::lock_guard<std::mutex> G(A3);
  takeB3L1();
}
void holdB3() {
  std::lock_guard<std::mutex> G(B3);
  takeA3();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A3' is acquired while holding 'B3', but elsewhere 'B3' is acquired while holding 'A3'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'B3' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'A3' acquired while holding 'B3' in call to 'takeA3' here
  // CHECK-MESSAGES: :[[@LINE-11]]:45: note: 'A3' acquired here
  // CHECK-MESSAGES: :[[@LINE-10]]:31: note: 'A3' acquired here
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: 'B3' acquired while holding 'A3' in call to 'takeB3L1' here
  // CHECK-MESSAGES: :[[@LINE-15]]:19: note: in call to 'takeB3L2' here
  // CHECK-MESSAGES: :[[@LINE-17]]:19: note: in call to 'takeB3' here
  // CHECK-MESSAGES: :[[@LINE-19]]:17: note: 'B3' acquired here
}

// Depth 4 on both sides, through a shared helper chain per lock.
std::mutex A4, B4;
void lockB4() { B4.lock(); B4.unlock(); }
void lockB4c() { lockB4(); }
void lockB4b() { lockB4c(); }
void lockB4a() { lockB4b(); }
void lockA4() { A4.lock(); A4.unlock(); }
void lockA4c() { lockA4(); }
void lockA4b() { lockA4c(); }
void lockA4a() { lockA4b(); }
void holdA4() {
  std::lock_guard<std::mutex> G(A4);
  lockB4a();
}
void holdB4() {
  std::lock_guard<std::mutex> G(B4);
  lockA4a();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A4' is acquired while holding 'B4', but elsewhere 'B4' is acquired while holding 'A4'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'B4' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'A4' acquired while holding 'B4' in call to 'lockA4a' here
  // CHECK-MESSAGES: :[[@LINE-11]]:18: note: in call to 'lockA4b' here
  // CHECK-MESSAGES: :[[@LINE-13]]:18: note: in call to 'lockA4c' here
  // CHECK-MESSAGES: :[[@LINE-15]]:18: note: in call to 'lockA4' here
  // CHECK-MESSAGES: :[[@LINE-17]]:17: note: 'A4' acquired here
  // CHECK-MESSAGES: :[[@LINE-13]]:31: note: 'A4' acquired here
  // CHECK-MESSAGES: :[[@LINE-13]]:3: note: 'B4' acquired while holding 'A4' in call to 'lockB4a' here
  // CHECK-MESSAGES: :[[@LINE-21]]:18: note: in call to 'lockB4b' here
  // CHECK-MESSAGES: :[[@LINE-23]]:18: note: in call to 'lockB4c' here
  // CHECK-MESSAGES: :[[@LINE-25]]:18: note: in call to 'lockB4' here
  // CHECK-MESSAGES: :[[@LINE-27]]:17: note: 'B4' acquired here
}

// Both locks of one order taken inside one callee; the caller holds
// nothing. The other order is direct.
std::mutex A5, B5;
void bothInCallee() {
  std::lock_guard<std::mutex> G(A5);
  std::lock_guard<std::mutex> H(B5);
}
void callsBoth() { bothInCallee(); }
void holdB5() {
  B5.lock();
  A5.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A5' is acquired while holding 'B5', but elsewhere 'B5' is acquired while holding 'A5'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'B5' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'A5' acquired while holding 'B5' here
  // CHECK-MESSAGES: :[[@LINE-10]]:31: note: 'A5' acquired here
  // CHECK-MESSAGES: :[[@LINE-10]]:31: note: 'B5' acquired while holding 'A5' here
  A5.unlock();
  B5.unlock();
}

// The held lock was taken by an acquire wrapper.
std::mutex A6, B6;
void lockA6() { A6.lock(); }
void unlockA6() { A6.unlock(); }
void wrapperThenB6() {
  lockA6();
  B6.lock();
  B6.unlock();
  unlockA6();
}
void holdB6() {
  std::lock_guard<std::mutex> G(B6);
  std::lock_guard<std::mutex> H(A6);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'A6' is acquired while holding 'B6', but elsewhere 'B6' is acquired while holding 'A6'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'B6' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'A6' acquired while holding 'B6' here
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: 'A6' acquired in call to 'lockA6' here
  // CHECK-MESSAGES: :[[@LINE-15]]:17: note: 'A6' acquired here
  // CHECK-MESSAGES: :[[@LINE-12]]:3: note: 'B6' acquired while holding 'A6' here
}

// The closing edge has an acquire wrapper on its held side and a callee on
// its acquired side.
std::mutex A7, B7;
void lockB7() { B7.lock(); }
void unlockB7() { B7.unlock(); }
void takeA7() { std::lock_guard<std::mutex> G(A7); }
void holdA7() {
  std::lock_guard<std::mutex> G(A7);
  std::lock_guard<std::mutex> H(B7);
}
void wrapperB7ThenA7() {
  lockB7();
  takeA7();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A7' is acquired while holding 'B7', but elsewhere 'B7' is acquired while holding 'A7'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'B7' acquired in call to 'lockB7' here
  // CHECK-MESSAGES: :[[@LINE-12]]:17: note: 'B7' acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'A7' acquired while holding 'B7' in call to 'takeA7' here
  // CHECK-MESSAGES: :[[@LINE-12]]:45: note: 'A7' acquired here
  // CHECK-MESSAGES: :[[@LINE-11]]:31: note: 'A7' acquired here
  // CHECK-MESSAGES: :[[@LINE-11]]:31: note: 'B7' acquired while holding 'A7' here
  unlockB7();
}

// Recursion: a recursive function that takes B8 at its base case.
std::mutex A8, B8;
void recurseB8(int N) {
  if (N == 0) {
    std::lock_guard<std::mutex> G(B8);
    return;
  }
  recurseB8(N - 1);
}
void holdA8() {
  std::lock_guard<std::mutex> G(A8);
  recurseB8(4);
}
void holdB8() {
  std::lock_guard<std::mutex> G(B8);
  std::lock_guard<std::mutex> H(A8);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'A8' is acquired while holding 'B8', but elsewhere 'B8' is acquired while holding 'A8'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'B8' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'A8' acquired while holding 'B8' here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'A8' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'B8' acquired while holding 'A8' in call to 'recurseB8' here
  // CHECK-MESSAGES: :[[@LINE-17]]:33: note: 'B8' acquired here
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: consistent order, with the inner lock taken through calls.
std::mutex C1, D1;
void takeD1() { std::lock_guard<std::mutex> G(D1); }
void takeD1Via() { takeD1(); }
void cd1Call() {
  std::lock_guard<std::mutex> G(C1);
  takeD1Via();
}
void cd1Direct() {
  std::lock_guard<std::mutex> G(C1);
  std::lock_guard<std::mutex> H(D1);
}

// Negative: the callee releases the held lock before taking the other one.
std::mutex C2, D2;
void cd2() {
  std::lock_guard<std::mutex> G(C2);
  std::lock_guard<std::mutex> H(D2);
}
void releaseD2ThenTakeC2() {
  D2.unlock();
  std::lock_guard<std::mutex> G(C2);
}
void dc2ViaRelease() {
  D2.lock();
  releaseD2ThenTakeC2();
}

// Negative: the lock is released before the call.
std::mutex C3, D3;
void takeC3() { std::lock_guard<std::mutex> G(C3); }
void cd3() {
  std::lock_guard<std::mutex> G(C3);
  std::lock_guard<std::mutex> H(D3);
}
void dc3ReleasedBeforeCall() {
  D3.lock();
  D3.unlock();
  takeC3();
}

// Negative: the callee only try-locks, backing off on failure.
std::mutex C4, D4;
bool tryC4() {
  if (!C4.try_lock())
    return false;
  C4.unlock();
  return true;
}
void cd4() {
  std::lock_guard<std::mutex> G(C4);
  std::lock_guard<std::mutex> H(D4);
}
void dc4TryInCallee() {
  std::lock_guard<std::mutex> G(D4);
  tryC4();
}

// Negative: the reverse order's callee takes the lock only in a try-lock
// wrapper whose failure releases the held lock.
std::mutex C5, D5;
bool tryLockC5() { return C5.try_lock(); }
void cd5() {
  std::lock_guard<std::mutex> G(C5);
  std::lock_guard<std::mutex> H(D5);
}
void dc5TryWrapperBackOff() {
  D5.lock();
  if (!tryLockC5()) {
    D5.unlock();
    return;
  }
  C5.unlock();
  D5.unlock();
}

// Negative: a release wrapper drops the held lock before the callee.
std::mutex C6, D6;
void unlockD6() { D6.unlock(); }
void takeC6() { std::lock_guard<std::mutex> G(C6); }
void cd6() {
  std::lock_guard<std::mutex> G(C6);
  std::lock_guard<std::mutex> H(D6);
}
void dc6ReleaseWrapper() {
  D6.lock();
  unlockD6();
  takeC6();
}

// Negative: both orders' callees are called under the same gate lock.
std::mutex Gate7, C7, D7;
void takeD7() { std::lock_guard<std::mutex> G(D7); }
void takeC7() { std::lock_guard<std::mutex> G(C7); }
void cd7() {
  std::lock_guard<std::mutex> Gate(Gate7);
  std::lock_guard<std::mutex> G(C7);
  takeD7();
}
void dc7() {
  std::lock_guard<std::mutex> Gate(Gate7);
  std::lock_guard<std::mutex> G(D7);
  takeC7();
}

// Negative: the gate lock is taken by a wrapper both times.
std::mutex Gate8, C8, D8;
void enterGate8() { Gate8.lock(); }
void leaveGate8() { Gate8.unlock(); }
void cd8() {
  enterGate8();
  std::lock_guard<std::mutex> G(C8);
  std::lock_guard<std::mutex> H(D8);
  leaveGate8();
}
void dc8() {
  enterGate8();
  {
    std::lock_guard<std::mutex> G(D8);
    std::lock_guard<std::mutex> H(C8);
  }
  leaveGate8();
}

// Negative: internal helpers take the two locks in opposite orders, but
// they are static and their only callers hold the gate lock, so every edge
// happens under the gate.
std::mutex Gate9, C9, D9;
static void cd9Helper() {
  std::lock_guard<std::mutex> G(C9);
  std::lock_guard<std::mutex> H(D9);
}
static void dc9Helper() {
  std::lock_guard<std::mutex> G(D9);
  std::lock_guard<std::mutex> H(C9);
}
void gatedCD9() {
  std::lock_guard<std::mutex> Gate(Gate9);
  cd9Helper();
}
void gatedDC9() {
  std::lock_guard<std::mutex> Gate(Gate9);
  dc9Helper();
}
