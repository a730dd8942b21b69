// RUN: %check_clang_tidy %s deadlock-lock-order-inversion,deadlock-blocking-under-lock %t -- -- -I%inputs

#include <mutex>
#include <poll.h>
#include <shared_mutex>

struct Account {
  std::mutex Mu;
  int Balance;
};

// Positive: comparing a balance with an amount is not ordering the two
// accounts.
void transfer(Account &From, Account &To, int Amount) {
  if (From.Balance < Amount)
    return;
  std::lock_guard<std::mutex> A(From.Mu);
  std::lock_guard<std::mutex> B(To.Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'To.Mu' is acquired while holding 'From.Mu', another lock of class 'Account::Mu'; two threads doing this with the objects swapped deadlock (take both with std::scoped_lock, or order them by address) [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'From.Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'To.Mu' acquired while holding 'From.Mu' here
  for (int I = 0; I < Amount; ++I)
    From.Balance -= 1;
}

struct Ledger {
  std::mutex Mu;
  int Id;
};

// Negative: ordered by a key of the two objects.
void transferById(Ledger &A, Ledger &B) {
  Ledger &First = A.Id < B.Id ? A : B;
  Ledger &Second = A.Id < B.Id ? B : A;
  std::lock_guard<std::mutex> L1(First.Mu);
  std::lock_guard<std::mutex> L2(Second.Mu);
}

struct Vault {
  std::mutex Mu;
};
std::mutex Bank;

// Negative: every pair of vaults is taken under the Bank gate.
void moveBetween(Vault &X, Vault &Y) {
  std::lock_guard<std::mutex> G(Bank);
  std::lock_guard<std::mutex> A(X.Mu);
  std::lock_guard<std::mutex> B(Y.Mu);
}

// Positive: parameters are the caller's locks; the two orders of
// lockBoth's arguments are an inversion.
std::mutex M1, M2;
void lockBoth(std::mutex &A, std::mutex &B) {
  std::lock_guard<std::mutex> LA(A);
  std::lock_guard<std::mutex> LB(B);
}
void oneWay() { lockBoth(M1, M2); }
void otherWay() {
  lockBoth(M2, M1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'M1' is acquired while holding 'M2', but elsewhere 'M2' is acquired while holding 'M1'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
}

// Positive: an order seen first between readers, later between writers.
std::shared_mutex R1, R2;
void readBoth() {
  std::shared_lock<std::shared_mutex> A(R1);
  std::shared_lock<std::shared_mutex> B(R2);
}
void readBothReversed() {
  std::shared_lock<std::shared_mutex> A(R2);
  std::shared_lock<std::shared_mutex> B(R1);
}
void writeBothReversed() {
  std::unique_lock<std::shared_mutex> A(R2);
  std::unique_lock<std::shared_mutex> B(R1);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'R1' is acquired while holding 'R2', but elsewhere 'R2' is acquired while holding 'R1'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
}

// Negative: poll with a zero timeout does not block.
std::mutex IoMu;
int pollNow(struct pollfd *Fds) {
  std::lock_guard<std::mutex> G(IoMu);
  return poll(Fds, 1, 0);
}
// Positive: with a timeout it does.
int pollWait(struct pollfd *Fds) {
  std::lock_guard<std::mutex> G(IoMu);
  return poll(Fds, 1, 100);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'IoMu' is held while blocking in I/O call 'poll'; every other thread that needs 'IoMu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'IoMu' acquired here
}
