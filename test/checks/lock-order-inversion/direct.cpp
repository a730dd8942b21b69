// RUN: %check_clang_tidy %s deadlock-lock-order-inversion %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-lock-order-inversion' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Two locks taken in opposite orders, directly (no calls). Every case uses
// its own pair of global mutexes so that cycles do not combine; the warning
// is placed at the acquisition that closes the cycle, the one that comes
// last in the file.

#include <mutex>
#include <shared_mutex>

// AB-BA with lock()/unlock() in two functions.
std::mutex A1, B1;
void ab1() {
  A1.lock();
  B1.lock();
  B1.unlock();
  A1.unlock();
}
void ba1() {
  B1.lock();
  A1.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A1' is acquired while holding 'B1', but elsewhere 'B1' is acquired while holding 'A1'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'B1' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'A1' acquired while holding 'B1' here
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: 'A1' acquired here
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: 'B1' acquired while holding 'A1' here
  A1.unlock();
  B1.unlock();
}

// AB-BA with lock_guard in both functions.
std::mutex A2, B2;
void ab2() {
  std::lock_guard<std::mutex> GA(A2);
  std::lock_guard<std::mutex> GB(B2);
}
void ba2() {
  std::lock_guard<std::mutex> GB(B2);
  std::lock_guard<std::mutex> GA(A2);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'A2' is acquired while holding 'B2', but elsewhere 'B2' is acquired while holding 'A2'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'B2' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'A2' acquired while holding 'B2' here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'A2' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'B2' acquired while holding 'A2' here
}

// The closing edge is the one that comes last in the file, even when it is
// the first function's: here ab3's inner acquisition is on a later line.
std::mutex A3, B3;
void ba3();
void ab3Early() {
  std::unique_lock<std::mutex> GB(B3);
  std::unique_lock<std::mutex> GA(A3);
}
void ab3Late() {
  std::unique_lock<std::mutex> GA(A3);
  std::unique_lock<std::mutex> GB(B3);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'B3' is acquired while holding 'A3', but elsewhere 'A3' is acquired while holding 'B3'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:32: note: 'A3' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:32: note: 'B3' acquired while holding 'A3' here
  // CHECK-MESSAGES: :[[@LINE-9]]:32: note: 'B3' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:32: note: 'A3' acquired while holding 'B3' here
}

// Both orders inside one function, one after the other.
std::mutex A4, B4;
void bothOrdersInOneFunction() {
  A4.lock();
  B4.lock();
  B4.unlock();
  A4.unlock();
  B4.lock();
  A4.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'A4' is acquired while holding 'B4', but elsewhere 'B4' is acquired while holding 'A4'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'B4' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'A4' acquired while holding 'B4' here
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'A4' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'B4' acquired while holding 'A4' here
  A4.unlock();
  B4.unlock();
}

// An exclusive writer lock on a shared_mutex against a plain mutex: a
// cycle needs only one exclusive acquisition per edge to block.
std::shared_mutex Rw5;
std::mutex M5;
void writerThenMutex() {
  std::unique_lock<std::shared_mutex> W(Rw5);
  std::lock_guard<std::mutex> G(M5);
}
void mutexThenReader() {
  std::lock_guard<std::mutex> G(M5);
  std::shared_lock<std::shared_mutex> R(Rw5);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'Rw5' is acquired while holding 'M5', but elsewhere 'M5' is acquired while holding 'Rw5'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'M5' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'Rw5' acquired while holding 'M5' here
  // CHECK-MESSAGES: :[[@LINE-9]]:39: note: 'Rw5' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'M5' acquired while holding 'Rw5' here
}

// The inner lock is taken inside a branch and a loop.
std::mutex A6, B6;
void ab6(bool C) {
  std::lock_guard<std::mutex> G(A6);
  if (C) {
    B6.lock();
    B6.unlock();
  }
}
void ba6(int N) {
  std::lock_guard<std::mutex> G(B6);
  for (int I = 0; I < N; ++I) {
    A6.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'A6' is acquired while holding 'B6', but elsewhere 'B6' is acquired while holding 'A6'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
    // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'B6' acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'A6' acquired while holding 'B6' here
    // CHECK-MESSAGES: :[[@LINE-13]]:31: note: 'A6' acquired here
    // CHECK-MESSAGES: :[[@LINE-12]]:5: note: 'B6' acquired while holding 'A6' here
    A6.unlock();
  }
}

// A namespaced global pair is named with its namespace.
namespace io {
std::mutex In, Out;
} // namespace io
void inThenOut() {
  std::lock_guard<std::mutex> G(io::In);
  std::lock_guard<std::mutex> H(io::Out);
}
void outThenIn() {
  std::lock_guard<std::mutex> G(io::Out);
  std::lock_guard<std::mutex> H(io::In);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'io::In' is acquired while holding 'io::Out', but elsewhere 'io::Out' is acquired while holding 'io::In'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'io::Out' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'io::In' acquired while holding 'io::Out' here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'io::In' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'io::Out' acquired while holding 'io::In' here
}

// The two orders on the two paths of one function, chosen by a flag: two
// threads passing different flags deadlock.
std::mutex A7, B7;
void eitherOrder(bool Forward) {
  if (Forward)
    A7.lock();
  B7.lock();
  if (!Forward)
    A7.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'A7' is acquired while holding 'B7', but elsewhere 'B7' is acquired while holding 'A7'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'B7' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'A7' acquired while holding 'B7' here
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: 'A7' acquired here
  // CHECK-MESSAGES: :[[@LINE-7]]:3: note: 'B7' acquired while holding 'A7' here
  A7.unlock();
  B7.unlock();
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: the same order everywhere.
std::mutex C1, D1;
void cd1() {
  std::lock_guard<std::mutex> G(C1);
  std::lock_guard<std::mutex> H(D1);
}
void cd1Again() {
  C1.lock();
  D1.lock();
  D1.unlock();
  C1.unlock();
}

// Negative: the first lock is released before the second is taken.
std::mutex C2, D2;
void cd2() {
  std::lock_guard<std::mutex> G(C2);
  std::lock_guard<std::mutex> H(D2);
}
void dc2Released() {
  D2.lock();
  D2.unlock();
  C2.lock();
  C2.unlock();
}

// Negative: the guard's scope ends before the other lock.
std::mutex C3, D3;
void cd3() {
  std::lock_guard<std::mutex> G(C3);
  std::lock_guard<std::mutex> H(D3);
}
void dc3Scoped() {
  {
    std::lock_guard<std::mutex> G(D3);
  }
  std::lock_guard<std::mutex> H(C3);
}

// Negative: a unique_lock unlocked before the other lock.
std::mutex C4, D4;
void cd4() {
  std::lock_guard<std::mutex> G(C4);
  std::lock_guard<std::mutex> H(D4);
}
void dc4Unlocked() {
  std::unique_lock<std::mutex> G(D4);
  G.unlock();
  std::lock_guard<std::mutex> H(C4);
}

// Negative: both taken together with std::scoped_lock in the other order.
std::mutex C5, D5;
void cd5() {
  std::lock_guard<std::mutex> G(C5);
  std::lock_guard<std::mutex> H(D5);
}
void dc5Scoped() { std::scoped_lock L(D5, C5); }

// Negative: std::lock of both in the other order.
std::mutex C6, D6;
void cd6() {
  std::lock_guard<std::mutex> G(C6);
  std::lock_guard<std::mutex> H(D6);
}
void dc6StdLock() {
  std::lock(D6, C6);
  std::lock_guard<std::mutex> G(D6, std::adopt_lock);
  std::lock_guard<std::mutex> H(C6, std::adopt_lock);
}

// Negative: std::lock over deferred unique_locks.
std::mutex C7, D7;
void cd7() {
  std::lock_guard<std::mutex> G(C7);
  std::lock_guard<std::mutex> H(D7);
}
void dc7Deferred() {
  std::unique_lock<std::mutex> G(D7, std::defer_lock);
  std::unique_lock<std::mutex> H(C7, std::defer_lock);
  std::lock(G, H);
}

// Negative: the reverse order is only ever try-locked, with back-off.
std::mutex C8, D8;
void cd8() {
  std::lock_guard<std::mutex> G(C8);
  std::lock_guard<std::mutex> H(D8);
}
bool dc8TryBackOff() {
  D8.lock();
  if (!C8.try_lock()) {
    D8.unlock();
    return false;
  }
  C8.unlock();
  D8.unlock();
  return true;
}

// Negative: a try_to_lock guard in the reverse order.
std::mutex C9, D9;
void cd9() {
  std::lock_guard<std::mutex> G(C9);
  std::lock_guard<std::mutex> H(D9);
}
void dc9TryGuard() {
  std::lock_guard<std::mutex> G(D9);
  std::unique_lock<std::mutex> H(C9, std::try_to_lock);
}

// Negative: only readers take the two shared mutexes in opposite orders.
std::shared_mutex R10, S10;
void rs10() {
  std::shared_lock<std::shared_mutex> G(R10);
  std::shared_lock<std::shared_mutex> H(S10);
}
void sr10() {
  S10.lock_shared();
  R10.lock_shared();
  R10.unlock_shared();
  S10.unlock_shared();
}

// Negative: a gate lock is held around both orders.
std::mutex Gate11, C11, D11;
void cd11() {
  std::lock_guard<std::mutex> Gate(Gate11);
  std::lock_guard<std::mutex> G(C11);
  std::lock_guard<std::mutex> H(D11);
}
void dc11() {
  std::lock_guard<std::mutex> Gate(Gate11);
  std::lock_guard<std::mutex> G(D11);
  std::lock_guard<std::mutex> H(C11);
}

// Negative: two locks only ever taken one at a time.
std::mutex C12, D12;
void oneAtATime(bool Flag) {
  if (Flag) {
    std::lock_guard<std::mutex> G(C12);
  } else {
    std::lock_guard<std::mutex> G(D12);
  }
  std::lock_guard<std::mutex> G(C12);
}
void oneAtATimeReverse() {
  {
    std::lock_guard<std::mutex> G(D12);
  }
  std::lock_guard<std::mutex> G(C12);
}
