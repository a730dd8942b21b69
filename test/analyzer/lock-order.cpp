// RUN: %clang_analyze -std=c++17 -Xclang -analyzer-checker=deadlock.LockOrderInversion \
// RUN:   -Xclang -verify %s

// deadlock.LockOrderInversion: lock-order edges seen on feasible paths feed
// the same cycle search as clang-tidy's; the report has a note per edge.
#include <mutex>

std::mutex A, B, C, D;
void work();

void takeB() { std::lock_guard<std::mutex> G(B); } // expected-note {{'B' acquired here}}
void abOrder() {
  std::lock_guard<std::mutex> G(A); // expected-note {{'A' acquired here}}
  takeB(); // expected-note {{'B' acquired while holding 'A' in call to 'takeB' here}}
}
void baOrder() {
  std::lock_guard<std::mutex> G(B); // expected-note {{'B' acquired here}}
  std::lock_guard<std::mutex> H(A); // expected-warning {{'A' is acquired while holding 'B', but elsewhere 'B' is acquired while holding 'A'; two threads taking them in these orders deadlock}} expected-note {{'A' acquired while holding 'B' here}} expected-note {{'A' is acquired while holding 'B', but elsewhere}}
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// The C-then-D edge is on a path that cannot run: the engine never sees it,
// so D-then-C alone is no cycle.
void cdOnlyWhenBoth(bool X) {
  if (X)
    C.lock();
  if (X && !X)
    D.lock();
  work();
  if (X && !X)
    D.unlock();
  if (X)
    C.unlock();
}
void dcOrder() {
  std::lock_guard<std::mutex> G(D);
  std::lock_guard<std::mutex> H(C);
}

// std::scoped_lock takes both without an order.
void scopedBoth() { std::scoped_lock Both(C, D); }
