// RUN: %check_clang_tidy %s deadlock-lock-order-inversion %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-lock-order-inversion' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Two locks of the same class on different objects, taken one after the
// other: another thread doing the same with the objects swapped deadlocks.
// Not reported when both are taken together (std::scoped_lock, std::lock),
// when the function orders the objects, or for container elements.

#include <map>
#include <mutex>
#include <shared_mutex>
#include <vector>

struct Account {
  std::mutex Mu;
  int Balance = 0;
  int Id = 0;
  void deposit(int N) {
    std::lock_guard<std::mutex> G(Mu);
    Balance += N;
  }
};

// The classic transfer with two references.
void transfer(Account &From, Account &To, int N) {
  std::lock_guard<std::mutex> A(From.Mu);
  std::lock_guard<std::mutex> B(To.Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'To.Mu' is acquired while holding 'From.Mu', another lock of class 'Account::Mu'; two threads doing this with the objects swapped deadlock (take both with std::scoped_lock, or order them by address) [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'From.Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'To.Mu' acquired while holding 'From.Mu' here
  From.Balance -= N;
  To.Balance += N;
}

// Through pointers, with lock()/unlock().
void transferPtr(Account *From, Account *To, int N) {
  From->Mu.lock();
  To->Mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'To->Mu' is acquired while holding 'From->Mu', another lock of class 'Account::Mu'; two threads doing this with the objects swapped deadlock (take both with std::scoped_lock, or order them by address) [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'From->Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'To->Mu' acquired while holding 'From->Mu' here
  From->Balance -= N;
  To->Balance += N;
  To->Mu.unlock();
  From->Mu.unlock();
}

// The second lock is taken by a method of the other object.
void transferViaDeposit(Account &From, Account &To, int N) {
  std::lock_guard<std::mutex> A(From.Mu);
  From.Balance -= N;
  To.deposit(N);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'To.Mu' is acquired while holding 'From.Mu', another lock of class 'Account::Mu'; two threads doing this with the objects swapped deadlock (take both with std::scoped_lock, or order them by address) [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'From.Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'To.Mu' acquired while holding 'From.Mu' in call to 'deposit' here
  // CHECK-MESSAGES: :[[@LINE-37]]:33: note: 'To.Mu' acquired here
}

// A method holding its own lock locks another instance's.
struct Node {
  std::mutex Mu;
  int Value = 0;
  void copyFrom(Node &Other) {
    std::lock_guard<std::mutex> Mine(Mu);
    std::lock_guard<std::mutex> Theirs(Other.Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'Other.Mu' is acquired while holding 'this->Mu', another lock of class 'Node::Mu'; two threads doing this with the objects swapped deadlock (take both with std::scoped_lock, or order them by address) [deadlock-lock-order-inversion]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'this->Mu' acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'Other.Mu' acquired while holding 'this->Mu' here
    Value = Other.Value;
  }
};

// Two global instances of one class.
Account Checking, Savings;
void sweep() {
  std::lock_guard<std::mutex> A(Checking.Mu);
  std::lock_guard<std::mutex> B(Savings.Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'Savings.Mu' is acquired while holding 'Checking.Mu', another lock of class 'Account::Mu'; two threads doing this with the objects swapped deadlock (take both with std::scoped_lock, or order them by address) [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Checking.Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Savings.Mu' acquired while holding 'Checking.Mu' here
}

// A helper that locks its parameter, called with the second account.
void lockOne(Account *A) { A->Mu.lock(); }
void unlockOne(Account *A) { A->Mu.unlock(); }
void transferHelpers(Account &From, Account &To) {
  lockOne(&From);
  lockOne(&To);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'To.Mu' is acquired while holding 'From.Mu', another lock of class 'Account::Mu'; two threads doing this with the objects swapped deadlock (take both with std::scoped_lock, or order them by address) [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'From.Mu' acquired in call to 'lockOne' here
  // CHECK-MESSAGES: :[[@LINE-7]]:28: note: 'From.Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'To.Mu' acquired while holding 'From.Mu' in call to 'lockOne' here
  // CHECK-MESSAGES: :[[@LINE-9]]:28: note: 'To.Mu' acquired here
  unlockOne(&To);
  unlockOne(&From);
}

// Exclusive locks of one shared_mutex class on two objects.
struct Table {
  std::shared_mutex Rw;
};
void mergeTables(Table &Dst, Table &Src) {
  std::unique_lock<std::shared_mutex> W(Dst.Rw);
  std::shared_lock<std::shared_mutex> R(Src.Rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'Src.Rw' is acquired while holding 'Dst.Rw', another lock of class 'Table::Rw'; two threads doing this with the objects swapped deadlock (take both with std::scoped_lock, or order them by address) [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'Dst.Rw' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'Src.Rw' acquired while holding 'Dst.Rw' here
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: both taken together with std::scoped_lock.
void transferScoped(Account &From, Account &To, int N) {
  std::scoped_lock Both(From.Mu, To.Mu);
  From.Balance -= N;
  To.Balance += N;
}

// Negative: both taken together with std::lock and adopted.
void transferStdLock(Account &From, Account &To, int N) {
  std::lock(From.Mu, To.Mu);
  std::lock_guard<std::mutex> A(From.Mu, std::adopt_lock);
  std::lock_guard<std::mutex> B(To.Mu, std::adopt_lock);
  From.Balance -= N;
  To.Balance += N;
}

// Negative: std::lock over two deferred unique_locks.
void transferDeferred(Account &From, Account &To) {
  std::unique_lock<std::mutex> A(From.Mu, std::defer_lock);
  std::unique_lock<std::mutex> B(To.Mu, std::defer_lock);
  std::lock(A, B);
}

// Negative: ordered by address.
void transferOrdered(Account &From, Account &To, int N) {
  Account *First = &From < &To ? &From : &To;
  Account *Second = &From < &To ? &To : &From;
  std::lock_guard<std::mutex> A(First->Mu);
  std::lock_guard<std::mutex> B(Second->Mu);
  From.Balance -= N;
  To.Balance += N;
}

// Negative: ordered by address with an if.
void transferIfOrdered(Account *From, Account *To) {
  if (From < To) {
    From->Mu.lock();
    To->Mu.lock();
  } else {
    To->Mu.lock();
    From->Mu.lock();
  }
  To->Mu.unlock();
  From->Mu.unlock();
}

// Negative: ordered by a key.
void transferByKey(Account &From, Account &To) {
  if (From.Id < To.Id) {
    std::lock_guard<std::mutex> A(From.Mu);
    std::lock_guard<std::mutex> B(To.Mu);
  } else {
    std::lock_guard<std::mutex> B(To.Mu);
    std::lock_guard<std::mutex> A(From.Mu);
  }
}

// Negative: container elements are not reported.
void lockNeighbours(std::vector<Account> &V, unsigned I) {
  std::lock_guard<std::mutex> A(V[I].Mu);
  std::lock_guard<std::mutex> B(V[I + 1].Mu);
}

// Negative: map elements are not reported either.
void lockTwoEntries(std::map<int, Account> &M) {
  std::lock_guard<std::mutex> A(M[1].Mu);
  std::lock_guard<std::mutex> B(M[2].Mu);
}

// Negative: the first lock is released before the second.
void transferSequential(Account &From, Account &To, int N) {
  {
    std::lock_guard<std::mutex> A(From.Mu);
    From.Balance -= N;
  }
  std::lock_guard<std::mutex> B(To.Mu);
  To.Balance += N;
}

// Negative: try-lock back-off on the second object.
bool transferTry(Account &From, Account &To) {
  std::lock_guard<std::mutex> A(From.Mu);
  if (!To.Mu.try_lock())
    return false;
  To.Mu.unlock();
  return true;
}

// Negative: readers only on two instances.
int sumTables(Table &A, Table &B) {
  std::shared_lock<std::shared_mutex> RA(A.Rw);
  std::shared_lock<std::shared_mutex> RB(B.Rw);
  return 0;
}

// Negative: the same object twice is a double lock, not a pair (and not
// this check's business).
void sameObjectDifferentCheck(Account &A) {
  std::unique_lock<std::mutex> G(A.Mu);
  G.unlock();
  std::lock_guard<std::mutex> H(A.Mu);
}

// Home-made mutex classes that expose their member through lock()/unlock():
// two of them reached through parameters are two instances of one class,
// the wrapped member's, whichever parameters name them.
class HomeMutex {
public:
  void lock() { Mu.lock(); }
  void unlock() { Mu.unlock(); }
  int get() {
    std::lock_guard<std::mutex> G(Mu);
    return 0;
  }

private:
  std::mutex Mu;
};
int readOther(HomeMutex &Held, HomeMutex &Other) {
  Held.lock();
  int V = Other.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'Other.Mu' is acquired while holding 'Held.Mu', another lock of class 'HomeMutex::Mu'; two threads doing this with the objects swapped deadlock (take both with std::scoped_lock, or order them by address) [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Held.Mu' acquired in call to 'lock' here
  // CHECK-MESSAGES: :[[@LINE-15]]:17: note: 'Held.Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:11: note: 'Other.Mu' acquired while holding 'Held.Mu' in call to 'get' here
  // CHECK-MESSAGES: :[[@LINE-14]]:33: note: 'Other.Mu' acquired here
  Held.unlock();
  return V;
}

// Negative: the second pair is taken only after this thread deadlocked on
// the first object: it never runs, so it orders nothing.
void afterSelfDeadlock(Account &A, Account &B) {
  std::lock_guard<std::mutex> G(A.Mu);
  A.Mu.lock();
  B.Mu.lock();
  B.Mu.unlock();
  A.Mu.unlock();
}
