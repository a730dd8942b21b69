// RUN: %check_clang_tidy %s deadlock-lock-order-inversion %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-lock-order-inversion' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Member locks: the graph is over lock classes (the declaring field, e.g.
// `Account::Mu`), so `this->Mu` in one method and `A->Mu` in another
// function are the same node. The first part of the message names the locks
// as the reporting function sees them, the "elsewhere" part by class.

#include <mutex>
#include <shared_mutex>

// A method holds this->Mu and calls into another class that locks its own
// member; that class calls back while holding its lock.
class Bank;
class Account {
public:
  std::mutex Mu;
  int Balance = 0;
  Bank *Owner = nullptr;
  void audit();
  void deposit(int N) {
    std::lock_guard<std::mutex> G(Mu);
    Balance += N;
  }
};
class Bank {
public:
  std::mutex Mu;
  int Total = 0;
  void credit(Account *A, int N) {
    std::lock_guard<std::mutex> G(Mu);
    A->deposit(N);
    Total += N;
  }
  void record() {
    std::lock_guard<std::mutex> G(Mu);
    ++Total;
  }
};
void Account::audit() {
  std::lock_guard<std::mutex> G(Mu);
  Owner->record();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'this->Owner->Mu' (class 'Bank::Mu') is acquired while holding 'this->Mu' (class 'Account::Mu'), but elsewhere 'Account::Mu' is acquired while holding 'Bank::Mu'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'this->Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'this->Owner->Mu' acquired while holding 'this->Mu' in call to 'record' here
  // CHECK-MESSAGES: :[[@LINE-10]]:33: note: 'this->Owner->Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-16]]:33: note: 'this->Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-16]]:5: note: 'A->Mu' acquired while holding 'this->Mu' in call to 'deposit' here
  // CHECK-MESSAGES: :[[@LINE-27]]:33: note: 'A->Mu' acquired here
}

// Free functions taking two different classes by pointer and reference.
struct Cache {
  std::mutex Mu;
  int Hits = 0;
};
struct Disk {
  std::mutex Mu;
  int Reads = 0;
};
void fillCache(Cache *C, Disk &D) {
  std::lock_guard<std::mutex> G(C->Mu);
  std::lock_guard<std::mutex> H(D.Mu);
}
void flushCache(Cache &C, Disk *D) {
  std::lock_guard<std::mutex> G(D->Mu);
  std::lock_guard<std::mutex> H(C.Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'C.Mu' (class 'Cache::Mu') is acquired while holding 'D->Mu' (class 'Disk::Mu'), but elsewhere 'Disk::Mu' is acquired while holding 'Cache::Mu'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'D->Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'C.Mu' acquired while holding 'D->Mu' here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'C->Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'D.Mu' acquired while holding 'C->Mu' here
}

// A member lock against a global lock.
std::mutex LogMu;
class Session {
  std::mutex Mu;
  int State = 0;

public:
  void log() {
    std::lock_guard<std::mutex> G(Mu);
    std::lock_guard<std::mutex> H(LogMu);
  }
  friend void rotateLogs(Session &S);
};
void rotateLogs(Session &S) {
  std::lock_guard<std::mutex> G(LogMu);
  std::lock_guard<std::mutex> H(S.Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'S.Mu' (class 'Session::Mu') is acquired while holding 'LogMu', but elsewhere 'LogMu' is acquired while holding 'Session::Mu'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'LogMu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'S.Mu' acquired while holding 'LogMu' here
  // CHECK-MESSAGES: :[[@LINE-11]]:33: note: 'this->Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-11]]:33: note: 'LogMu' acquired while holding 'this->Mu' here
}

// Two mutex members of one class taken in opposite orders by two methods.
class Pipeline {
  std::mutex In;
  std::mutex Out;

public:
  void push() {
    std::lock_guard<std::mutex> G(In);
    std::lock_guard<std::mutex> H(Out);
  }
  void drain() {
    std::lock_guard<std::mutex> G(Out);
    std::lock_guard<std::mutex> H(In);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'this->In' (class 'Pipeline::In') is acquired while holding 'this->Out' (class 'Pipeline::Out'), but elsewhere 'Pipeline::Out' is acquired while holding 'Pipeline::In'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'this->Out' acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'this->In' acquired while holding 'this->Out' here
    // CHECK-MESSAGES: :[[@LINE-9]]:33: note: 'this->In' acquired here
    // CHECK-MESSAGES: :[[@LINE-9]]:33: note: 'this->Out' acquired while holding 'this->In' here
  }
};

// A member of a member: Outer::Inner::Mu against Outer::Mu, through a call.
struct Stats {
  std::mutex Mu;
  void bump() { std::lock_guard<std::mutex> G(Mu); }
};
struct Server {
  std::mutex Mu;
  Stats S;
  void handle() {
    std::lock_guard<std::mutex> G(Mu);
    S.bump();
  }
  void report() {
    std::lock_guard<std::mutex> G(S.Mu);
    std::lock_guard<std::mutex> H(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'this->Mu' (class 'Server::Mu') is acquired while holding 'this->S.Mu' (class 'Stats::Mu'), but elsewhere 'Stats::Mu' is acquired while holding 'Server::Mu'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'this->S.Mu' acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'this->Mu' acquired while holding 'this->S.Mu' here
    // CHECK-MESSAGES: :[[@LINE-9]]:33: note: 'this->Mu' acquired here
    // CHECK-MESSAGES: :[[@LINE-9]]:5: note: 'this->S.Mu' acquired while holding 'this->Mu' in call to 'bump' here
    // CHECK-MESSAGES: :[[@LINE-17]]:45: note: 'this->S.Mu' acquired here
  }
};

// Namespaced classes are named with their namespace.
namespace net {
struct Conn {
  std::mutex Mu;
};
struct Pool {
  std::mutex Mu;
};
} // namespace net
void acquireConn(net::Pool &P, net::Conn &C) {
  std::lock_guard<std::mutex> G(P.Mu);
  std::lock_guard<std::mutex> H(C.Mu);
}
void releaseConn(net::Pool &P, net::Conn &C) {
  std::lock_guard<std::mutex> G(C.Mu);
  std::lock_guard<std::mutex> H(P.Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'P.Mu' (class 'net::Pool::Mu') is acquired while holding 'C.Mu' (class 'net::Conn::Mu'), but elsewhere 'net::Conn::Mu' is acquired while holding 'net::Pool::Mu'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'C.Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'P.Mu' acquired while holding 'C.Mu' here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'P.Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'C.Mu' acquired while holding 'P.Mu' here
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: two classes locked in the same class order everywhere, through
// pointers, references and methods.
struct Parent;
struct Child {
  std::mutex Mu;
  void touch() { std::lock_guard<std::mutex> G(Mu); }
};
struct Parent {
  std::mutex Mu;
  Child *Kid = nullptr;
  void update() {
    std::lock_guard<std::mutex> G(Mu);
    Kid->touch();
  }
};
void updateBoth(Parent &P, Child &C) {
  std::lock_guard<std::mutex> G(P.Mu);
  std::lock_guard<std::mutex> H(C.Mu);
}

// Negative: the subscriber releases its own lock before calling back into
// the publisher, so only the order Publisher::Mu -> Subscriber::Mu exists.
struct Publisher;
struct Subscriber {
  std::mutex Mu;
  Publisher *Pub = nullptr;
  void onMessage() { std::lock_guard<std::mutex> G(Mu); }
  void unsubscribe();
};
struct Publisher {
  std::mutex Mu;
  Subscriber *Sub = nullptr;
  void publish() {
    std::lock_guard<std::mutex> G(Mu);
    Sub->onMessage();
  }
  void remove() { std::lock_guard<std::mutex> G(Mu); }
};
void Subscriber::unsubscribe() {
  {
    std::lock_guard<std::mutex> G(Mu);
  }
  Pub->remove();
}

// Negative: readers only, on shared_mutex members of two classes.
struct Index {
  std::shared_mutex Rw;
};
struct Table {
  std::shared_mutex Rw;
};
int lookupIndexFirst(Index &I, Table &T) {
  std::shared_lock<std::shared_mutex> A(I.Rw);
  std::shared_lock<std::shared_mutex> B(T.Rw);
  return 0;
}
int lookupTableFirst(Index &I, Table &T) {
  std::shared_lock<std::shared_mutex> B(T.Rw);
  std::shared_lock<std::shared_mutex> A(I.Rw);
  return 0;
}

// Negative: a scoped_lock of members of two classes in the other order.
struct Left {
  std::mutex Mu;
};
struct Right {
  std::mutex Mu;
};
void leftThenRight(Left &L, Right &R) {
  std::lock_guard<std::mutex> G(L.Mu);
  std::lock_guard<std::mutex> H(R.Mu);
}
void rightAndLeft(Left &L, Right &R) { std::scoped_lock Both(R.Mu, L.Mu); }

// Negative: a gate member lock of a third class held around both orders.
struct Up {
  std::mutex Mu;
};
struct Down {
  std::mutex Mu;
};
struct Coordinator {
  std::mutex Gate;
  void upDown(Up &U, Down &D) {
    std::lock_guard<std::mutex> G(Gate);
    std::lock_guard<std::mutex> A(U.Mu);
    std::lock_guard<std::mutex> B(D.Mu);
  }
  void downUp(Up &U, Down &D) {
    std::lock_guard<std::mutex> G(Gate);
    std::lock_guard<std::mutex> B(D.Mu);
    std::lock_guard<std::mutex> A(U.Mu);
  }
};
