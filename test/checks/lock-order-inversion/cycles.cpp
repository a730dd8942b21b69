// RUN: %check_clang_tidy %s deadlock-lock-order-inversion %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-lock-order-inversion' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Cycles of three and four locks. The cycle is reported once, at the
// acquisition that closes it (the edge whose acquisition comes last in the
// file); the message lists the cycle starting at the lock that acquisition
// takes, so the closing edge is the last arrow. Notes give every edge, the
// closing edge first, then the others in cycle order.

#include <mutex>

// Three global locks, three functions: A -> B, B -> C, C -> A.
std::mutex A1, B1, C1;
void ab1() {
  std::lock_guard<std::mutex> G(A1);
  std::lock_guard<std::mutex> H(B1);
}
void bc1() {
  std::lock_guard<std::mutex> G(B1);
  std::lock_guard<std::mutex> H(C1);
}
void ca1() {
  std::lock_guard<std::mutex> G(C1);
  std::lock_guard<std::mutex> H(A1);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'A1' is acquired while holding 'C1', closing the lock-order cycle 'A1' -> 'B1' -> 'C1' -> 'A1'; threads taking these locks in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'C1' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'A1' acquired while holding 'C1' here
  // CHECK-MESSAGES: :[[@LINE-13]]:31: note: 'A1' acquired here
  // CHECK-MESSAGES: :[[@LINE-13]]:31: note: 'B1' acquired while holding 'A1' here
  // CHECK-MESSAGES: :[[@LINE-11]]:31: note: 'B1' acquired here
  // CHECK-MESSAGES: :[[@LINE-11]]:31: note: 'C1' acquired while holding 'B1' here
}

// The same three-lock shape, but the function whose acquisition comes last
// in the file takes B2 while holding A2; the cycle reads from B2.
std::mutex A2, B2, C2;
void bc2() {
  B2.lock();
  C2.lock();
  C2.unlock();
  B2.unlock();
}
void ca2() {
  C2.lock();
  A2.lock();
  A2.unlock();
  C2.unlock();
}
void ab2() {
  A2.lock();
  B2.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'B2' is acquired while holding 'A2', closing the lock-order cycle 'B2' -> 'C2' -> 'A2' -> 'B2'; threads taking these locks in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'A2' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'B2' acquired while holding 'A2' here
  // CHECK-MESSAGES: :[[@LINE-17]]:3: note: 'B2' acquired here
  // CHECK-MESSAGES: :[[@LINE-17]]:3: note: 'C2' acquired while holding 'B2' here
  // CHECK-MESSAGES: :[[@LINE-13]]:3: note: 'C2' acquired here
  // CHECK-MESSAGES: :[[@LINE-13]]:3: note: 'A2' acquired while holding 'C2' here
  B2.unlock();
  A2.unlock();
}

// Four locks, with two of the edges made through calls.
std::mutex A3, B3, C3, D3;
void takeB3() { std::lock_guard<std::mutex> G(B3); }
void takeD3() { D3.lock(); D3.unlock(); }
void takeD3Via() { takeD3(); }
void ab3() {
  std::lock_guard<std::mutex> G(A3);
  takeB3();
}
void bc3() {
  std::lock_guard<std::mutex> G(B3);
  std::lock_guard<std::mutex> H(C3);
}
void cd3() {
  std::lock_guard<std::mutex> G(C3);
  takeD3Via();
}
void da3() {
  std::lock_guard<std::mutex> G(D3);
  std::lock_guard<std::mutex> H(A3);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'A3' is acquired while holding 'D3', closing the lock-order cycle 'A3' -> 'B3' -> 'C3' -> 'D3' -> 'A3'; threads taking these locks in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'D3' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'A3' acquired while holding 'D3' here
  // CHECK-MESSAGES: :[[@LINE-17]]:31: note: 'A3' acquired here
  // CHECK-MESSAGES: :[[@LINE-17]]:3: note: 'B3' acquired while holding 'A3' in call to 'takeB3' here
  // CHECK-MESSAGES: :[[@LINE-23]]:45: note: 'B3' acquired here
  // CHECK-MESSAGES: :[[@LINE-16]]:31: note: 'B3' acquired here
  // CHECK-MESSAGES: :[[@LINE-16]]:31: note: 'C3' acquired while holding 'B3' here
  // CHECK-MESSAGES: :[[@LINE-14]]:31: note: 'C3' acquired here
  // CHECK-MESSAGES: :[[@LINE-14]]:3: note: 'D3' acquired while holding 'C3' in call to 'takeD3Via' here
  // CHECK-MESSAGES: :[[@LINE-26]]:20: note: in call to 'takeD3' here
  // CHECK-MESSAGES: :[[@LINE-28]]:17: note: 'D3' acquired here
}

// Three classes' member locks: the cycle is named by lock class.
struct Window;
struct Document;
struct App {
  std::mutex Mu;
  Window *Win = nullptr;
  void refresh();
};
struct Window {
  std::mutex Mu;
  Document *Doc = nullptr;
  void redraw();
};
struct Document {
  std::mutex Mu;
  App *Owner = nullptr;
  void save();
};
void App::refresh() {
  std::lock_guard<std::mutex> G(Mu);
  std::lock_guard<std::mutex> H(Win->Mu);
}
void Window::redraw() {
  std::lock_guard<std::mutex> G(Mu);
  std::lock_guard<std::mutex> H(Doc->Mu);
}
void Document::save() {
  std::lock_guard<std::mutex> G(Mu);
  std::lock_guard<std::mutex> H(Owner->Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'this->Owner->Mu' (class 'App::Mu') is acquired while holding 'this->Mu' (class 'Document::Mu'), closing the lock-order cycle 'App::Mu' -> 'Window::Mu' -> 'Document::Mu' -> 'App::Mu'; threads taking these locks in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'this->Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'this->Owner->Mu' acquired while holding 'this->Mu' here
  // CHECK-MESSAGES: :[[@LINE-13]]:31: note: 'this->Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-13]]:31: note: 'this->Win->Mu' acquired while holding 'this->Mu' here
  // CHECK-MESSAGES: :[[@LINE-11]]:31: note: 'this->Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-11]]:31: note: 'this->Doc->Mu' acquired while holding 'this->Mu' here
}

// A three-lock cycle all inside one function's three sequential sections.
std::mutex A4, B4, C4;
void threeSections() {
  {
    std::lock_guard<std::mutex> G(A4);
    std::lock_guard<std::mutex> H(B4);
  }
  {
    std::lock_guard<std::mutex> G(B4);
    std::lock_guard<std::mutex> H(C4);
  }
  {
    std::lock_guard<std::mutex> G(C4);
    std::lock_guard<std::mutex> H(A4);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'A4' is acquired while holding 'C4', closing the lock-order cycle 'A4' -> 'B4' -> 'C4' -> 'A4'; threads taking these locks in these orders deadlock [deadlock-lock-order-inversion]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'C4' acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'A4' acquired while holding 'C4' here
    // CHECK-MESSAGES: :[[@LINE-13]]:33: note: 'A4' acquired here
    // CHECK-MESSAGES: :[[@LINE-13]]:33: note: 'B4' acquired while holding 'A4' here
    // CHECK-MESSAGES: :[[@LINE-11]]:33: note: 'B4' acquired here
    // CHECK-MESSAGES: :[[@LINE-11]]:33: note: 'C4' acquired while holding 'B4' here
  }
}

// A gate lock held on only two of the three edges does not protect the
// cycle: the third edge can run concurrently with either.
std::mutex Gate5, A5, B5, C5;
void ab5() {
  std::lock_guard<std::mutex> Gate(Gate5);
  std::lock_guard<std::mutex> G(A5);
  std::lock_guard<std::mutex> H(B5);
}
void bc5() {
  std::lock_guard<std::mutex> Gate(Gate5);
  std::lock_guard<std::mutex> G(B5);
  std::lock_guard<std::mutex> H(C5);
}
void ca5() {
  std::lock_guard<std::mutex> G(C5);
  std::lock_guard<std::mutex> H(A5);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'A5' is acquired while holding 'C5', closing the lock-order cycle 'A5' -> 'B5' -> 'C5' -> 'A5'; threads taking these locks in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'C5' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'A5' acquired while holding 'C5' here
  // CHECK-MESSAGES: :[[@LINE-14]]:31: note: 'A5' acquired here
  // CHECK-MESSAGES: :[[@LINE-14]]:31: note: 'B5' acquired while holding 'A5' here
  // CHECK-MESSAGES: :[[@LINE-11]]:31: note: 'B5' acquired here
  // CHECK-MESSAGES: :[[@LINE-11]]:31: note: 'C5' acquired while holding 'B5' here
}

// Two elementary cycles sharing the edge X6 -> Y6: the two-lock cycle closes
// in yx6(), the three-lock one in zx6(); each is reported once.
std::mutex X6, Y6, Z6;
void xy6() {
  std::lock_guard<std::mutex> G(X6);
  std::lock_guard<std::mutex> H(Y6);
}
void yx6() {
  std::lock_guard<std::mutex> G(Y6);
  std::lock_guard<std::mutex> H(X6);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'X6' is acquired while holding 'Y6', but elsewhere 'Y6' is acquired while holding 'X6'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Y6' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'X6' acquired while holding 'Y6' here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'X6' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'Y6' acquired while holding 'X6' here
}
void yz6() {
  std::lock_guard<std::mutex> G(Y6);
  std::lock_guard<std::mutex> H(Z6);
}
void zx6() {
  std::lock_guard<std::mutex> G(Z6);
  std::lock_guard<std::mutex> H(X6);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'X6' is acquired while holding 'Z6', closing the lock-order cycle 'X6' -> 'Y6' -> 'Z6' -> 'X6'; threads taking these locks in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Z6' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'X6' acquired while holding 'Z6' here
  // CHECK-MESSAGES: :[[@LINE-22]]:31: note: 'X6' acquired here
  // CHECK-MESSAGES: :[[@LINE-22]]:31: note: 'Y6' acquired while holding 'X6' here
  // CHECK-MESSAGES: :[[@LINE-11]]:31: note: 'Y6' acquired here
  // CHECK-MESSAGES: :[[@LINE-11]]:31: note: 'Z6' acquired while holding 'Y6' here
}

// An edge witnessed in two functions: the cycle is still reported once, and
// the notes show the first witness in the file.
std::mutex X7, Y7;
void xy7First() {
  std::lock_guard<std::mutex> G(X7);
  std::lock_guard<std::mutex> H(Y7);
}
void xy7Second() {
  X7.lock();
  Y7.lock();
  Y7.unlock();
  X7.unlock();
}
void yx7() {
  std::lock_guard<std::mutex> G(Y7);
  std::lock_guard<std::mutex> H(X7);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'X7' is acquired while holding 'Y7', but elsewhere 'Y7' is acquired while holding 'X7'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Y7' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'X7' acquired while holding 'Y7' here
  // CHECK-MESSAGES: :[[@LINE-15]]:31: note: 'X7' acquired here
  // CHECK-MESSAGES: :[[@LINE-15]]:31: note: 'Y7' acquired while holding 'X7' here
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: a chain A -> B -> C -> D with no edge back.
std::mutex P1, Q1, R1, S1;
void pq1() {
  std::lock_guard<std::mutex> G(P1);
  std::lock_guard<std::mutex> H(Q1);
}
void qr1() {
  std::lock_guard<std::mutex> G(Q1);
  std::lock_guard<std::mutex> H(R1);
}
void rs1() {
  std::lock_guard<std::mutex> G(R1);
  std::lock_guard<std::mutex> H(S1);
}
void ps1() {
  std::lock_guard<std::mutex> G(P1);
  std::lock_guard<std::mutex> H(S1);
}

// Negative: every edge of a three-lock cycle happens under one gate lock.
std::mutex Gate2, P2, Q2, R2;
void pq2() {
  std::lock_guard<std::mutex> Gate(Gate2);
  std::lock_guard<std::mutex> G(P2);
  std::lock_guard<std::mutex> H(Q2);
}
void qr2() {
  std::lock_guard<std::mutex> Gate(Gate2);
  std::lock_guard<std::mutex> G(Q2);
  std::lock_guard<std::mutex> H(R2);
}
void rp2() {
  std::lock_guard<std::mutex> Gate(Gate2);
  std::lock_guard<std::mutex> G(R2);
  std::lock_guard<std::mutex> H(P2);
}

// Negative: the closing edge's first lock is released before the second.
std::mutex P3, Q3, R3;
void pq3() {
  std::lock_guard<std::mutex> G(P3);
  std::lock_guard<std::mutex> H(Q3);
}
void qr3() {
  std::lock_guard<std::mutex> G(Q3);
  std::lock_guard<std::mutex> H(R3);
}
void rp3Released() {
  R3.lock();
  R3.unlock();
  std::lock_guard<std::mutex> H(P3);
}

// Negative: the closing edge is only a try-lock with back-off.
std::mutex P4, Q4, R4;
void pq4() {
  std::lock_guard<std::mutex> G(P4);
  std::lock_guard<std::mutex> H(Q4);
}
void qr4() {
  std::lock_guard<std::mutex> G(Q4);
  std::lock_guard<std::mutex> H(R4);
}
bool rp4TryBackOff() {
  std::lock_guard<std::mutex> G(R4);
  if (!P4.try_lock())
    return false;
  P4.unlock();
  return true;
}

// Negative: one edge of the cycle takes both locks with std::scoped_lock.
std::mutex P5, Q5, R5;
void pq5() {
  std::lock_guard<std::mutex> G(P5);
  std::lock_guard<std::mutex> H(Q5);
}
void qr5() {
  std::lock_guard<std::mutex> G(Q5);
  std::lock_guard<std::mutex> H(R5);
}
void rp5Scoped() { std::scoped_lock Both(R5, P5); }

// Negative: the gate is taken by a wrapper on every edge of a four-cycle.
std::mutex Gate6, P6, Q6, R6, S6;
void enter6() { Gate6.lock(); }
void leave6() { Gate6.unlock(); }
void pq6() {
  enter6();
  P6.lock();
  Q6.lock();
  Q6.unlock();
  P6.unlock();
  leave6();
}
void qr6() {
  enter6();
  Q6.lock();
  R6.lock();
  R6.unlock();
  Q6.unlock();
  leave6();
}
void rs6() {
  enter6();
  R6.lock();
  S6.lock();
  S6.unlock();
  R6.unlock();
  leave6();
}
void sp6() {
  enter6();
  S6.lock();
  P6.lock();
  P6.unlock();
  S6.unlock();
  leave6();
}
