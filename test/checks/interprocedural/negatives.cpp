// RUN: %check_clang_tidy %s deadlock-double-lock,deadlock-recursive-shared-lock,deadlock-missing-unlock %t -- -- -I%inputs

// Negative cases through calls: none of these deadlock, so the checks stay
// silent (the file has no CHECK line; any warning fails the test).

#include <chrono>
#include <mutex>
#include <shared_mutex>

std::recursive_mutex Rec;
std::recursive_timed_mutex RecTimed;
std::mutex Mu, Other;
std::timed_mutex Timed;
std::shared_mutex Rw;

void work();

// Negative: a recursive mutex held while a callee takes it again.
void takeRec() { std::lock_guard<std::recursive_mutex> G(Rec); }
void recursiveThroughCall() {
  std::lock_guard<std::recursive_mutex> G(Rec);
  takeRec();
}

// Negative: a recursive mutex taken again three calls down.
void takeRecDeep3() { Rec.lock(); Rec.unlock(); }
void takeRecDeep2() { takeRecDeep3(); }
void takeRecDeep1() { takeRecDeep2(); }
void recursiveThroughChain() {
  Rec.lock();
  takeRecDeep1();
  Rec.unlock();
}

// Negative: a recursive timed mutex taken again by a recursive function.
void recurseTimed(int N) {
  std::unique_lock<std::recursive_timed_mutex> G(RecTimed);
  if (N > 0)
    recurseTimed(N - 1);
}

// Negative: the callee only try-locks the held mutex (it never blocks).
void tryTake() {
  if (Mu.try_lock()) {
    work();
    Mu.unlock();
  }
}
void tryLockInCallee() {
  std::lock_guard<std::mutex> G(Mu);
  tryTake();
}

// Negative: the callee try-locks with a std::try_to_lock guard.
void tryGuard() {
  std::unique_lock<std::mutex> L(Mu, std::try_to_lock);
  if (L.owns_lock())
    work();
}
void tryGuardInCallee() {
  Mu.lock();
  tryGuard();
  Mu.unlock();
}

// Negative: a timed try-lock in a callee two levels down.
void tryTimed() {
  if (Timed.try_lock_for(std::chrono::milliseconds(5)))
    Timed.unlock();
}
void tryTimedVia() { tryTimed(); }
void timedTryInCallee() {
  std::lock_guard<std::timed_mutex> G(Timed);
  tryTimedVia();
}

// Negative: the lock is released before the call.
void takeMu() { std::lock_guard<std::mutex> G(Mu); }
void releasedBeforeCall() {
  Mu.lock();
  work();
  Mu.unlock();
  takeMu();
}

// Negative: a unique_lock unlocked before the call and relocked after it.
void unlockAroundCall() {
  std::unique_lock<std::mutex> L(Mu);
  L.unlock();
  takeMu();
  L.lock();
}

// Negative: the callee releases the caller's lock before calling a function
// that takes it, and reacquires it afterwards.
void dropAndCall() {
  Mu.unlock();
  takeMu();
  Mu.lock();
}
void holdsAcrossDrop() {
  std::lock_guard<std::mutex> G(Mu);
  dropAndCall();
}

// Negative: different objects: A.Mu is held, the callee locks B.Mu.
struct Account {
  std::mutex Mu;
  int Balance = 0;
  void deposit(int N) {
    std::lock_guard<std::mutex> G(Mu);
    Balance += N;
  }
};
void depositOther(Account &A, Account &B) {
  std::lock_guard<std::mutex> G(A.Mu);
  B.deposit(1);
}

// Negative: a member function called on another object than this.
struct Node {
  std::mutex Mu;
  Node *Next = nullptr;
  void touch() { std::lock_guard<std::mutex> G(Mu); }
  void touchNext() {
    std::lock_guard<std::mutex> G(Mu);
    if (Next)
      Next->touch();
  }
};

// Negative: a caller holding Other calls a function locking Mu.
void differentLock() {
  std::lock_guard<std::mutex> G(Other);
  takeMu();
}

// Negative: the callee is reached only on the path that does not hold the lock.
void branchCall(bool Locked) {
  if (Locked) {
    Mu.lock();
    work();
    Mu.unlock();
    return;
  }
  takeMu();
}

// Negative: a correlated condition: lock and call are on exclusive paths.
void correlated(bool UseLock) {
  if (UseLock)
    Mu.lock();
  if (!UseLock)
    takeMu();
  if (UseLock)
    Mu.unlock();
}

// Negative: the shared lock is released before a callee reads again.
int readRw() {
  std::shared_lock<std::shared_mutex> L(Rw);
  return 0;
}
int sharedReleasedBefore() {
  {
    std::shared_lock<std::shared_mutex> L(Rw);
  }
  return readRw();
}

// Negative: the callee try-locks the reader lock.
bool tryRead() {
  if (!Rw.try_lock_shared())
    return false;
  Rw.unlock_shared();
  return true;
}
bool tryReadUnderReader() {
  std::shared_lock<std::shared_mutex> L(Rw);
  return tryRead();
}

// Negative: the exclusive lock is taken by the callee after the caller
// released its shared hold.
void writeRw() { std::unique_lock<std::shared_mutex> L(Rw); }
void readThenWrite() {
  Rw.lock_shared();
  Rw.unlock_shared();
  writeRw();
}
