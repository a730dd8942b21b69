// RUN: %check_clang_tidy %s deadlock-missing-unlock %t -- -- -I%inputs

#include <cstdlib>
#include <mutex>

std::mutex Mu;

void work();
bool ready();
[[noreturn]] void fatal(const char *Msg);

//===----------------------------------------------------------------------===//
// Positive cases
//===----------------------------------------------------------------------===//

// A return inside a loop that is entered with the lock held.
void returnInLoop(const int *Items, int N) {
  Mu.lock();
  for (int I = 0; I < N; ++I) {
    if (Items[I] < 0)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'Mu' acquired here
    work();
  }
  Mu.unlock();
}

// Lock taken per iteration, leaked by a return in the middle of the body.
void lockPerIterationReturn(int N) {
  for (int I = 0; I < N; ++I) {
    Mu.lock();
    if (!ready())
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'Mu' acquired here
    Mu.unlock();
  }
}

// 'break' leaves the loop with the lock held; the normal loop exit does not.
void breakWhileHeld(const int *Items, int N) {
  for (int I = 0; I < N; ++I) {
    Mu.lock();
    if (Items[I] == 0)
      break;
    Mu.unlock();
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'Mu' is still held at the end of the function but released on other paths [deadlock-missing-unlock]
// CHECK-MESSAGES: :[[@LINE-7]]:5: note: 'Mu' acquired here

// 'continue' skips the unlock, so the loop can exit with the lock held.
void continueWhileHeld(const int *Items, int N) {
  for (int I = 0; I < N; ++I) {
    Mu.lock();
    if (Items[I] == 0)
      continue;
    Mu.unlock();
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'Mu' is still held at the end of the function but released on other paths [deadlock-missing-unlock]
// CHECK-MESSAGES: :[[@LINE-7]]:5: note: 'Mu' acquired here

// One switch case returns without unlocking.
int switchLeak(int Op) {
  Mu.lock();
  switch (Op) {
  case 0:
    Mu.unlock();
    return 10;
  case 1:
    return 11;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-8]]:3: note: 'Mu' acquired here
  default:
    break;
  }
  Mu.unlock();
  return 12;
}

// 'goto' to an error label that returns without unlocking.
void gotoErrorLeak(bool Bad) {
  Mu.lock();
  if (Bad)
    goto fail;
  work();
  Mu.unlock();
  return;
fail:
  work();
  return;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: 'Mu' acquired here
}

// A do-while loop whose body can return with the lock held.
void doWhileLeak(int N) {
  Mu.lock();
  do {
    if (N == 42)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'Mu' acquired here
    --N;
  } while (N > 0);
  Mu.unlock();
}

// Nested conditions: only the innermost early return leaks.
void nestedLeak(bool A, bool B) {
  Mu.lock();
  if (A) {
    if (B)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'Mu' acquired here
    work();
  }
  Mu.unlock();
}

// The body of a lambda is a function of its own.
void lambdaLeak(bool Bad) {
  auto F = [Bad] {
    Mu.lock();
    if (Bad)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Mu' is still held at this return but released on other paths [deadlock-missing-unlock]
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'Mu' acquired here
    Mu.unlock();
  };
  F();
}

// Lock and unlock under unrelated conditions: held at the end when C && !D.
void uncorrelated(bool C, bool D) {
  if (C)
    Mu.lock();
  work();
  if (D)
    Mu.unlock();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'Mu' is still held at the end of the function but released on other paths [deadlock-missing-unlock]
// CHECK-MESSAGES: :[[@LINE-6]]:5: note: 'Mu' acquired here

//===----------------------------------------------------------------------===//
// Negative cases
//===----------------------------------------------------------------------===//

// Negative: lock and unlock in every iteration, 'continue' after the unlock.
void perIterationBalanced(const int *Items, int N) {
  for (int I = 0; I < N; ++I) {
    Mu.lock();
    bool Skip = Items[I] == 0;
    Mu.unlock();
    if (Skip)
      continue;
    work();
  }
}

// Negative: every switch case unlocks before leaving.
int switchBalanced(int Op) {
  Mu.lock();
  switch (Op) {
  case 0:
    Mu.unlock();
    return 10;
  case 1:
    Mu.unlock();
    return 11;
  default:
    break;
  }
  Mu.unlock();
  return 12;
}

// Negative: goto-cleanup pattern that unlocks at the single exit.
int gotoCleanup(bool Bad) {
  int Rc = 0;
  Mu.lock();
  if (Bad) {
    Rc = -1;
    goto out;
  }
  work();
out:
  Mu.unlock();
  return Rc;
}

// Negative: spinning on try_lock until it succeeds holds it on every exit.
void spinUntilLocked() {
  while (true) {
    if (Mu.try_lock())
      break;
  }
}

// Negative: a noreturn user function in the error branch.
void fatalWhileHeld(bool Bad) {
  Mu.lock();
  if (Bad)
    fatal("corrupt");
  Mu.unlock();
}

// Negative: a flag records whether the lock was taken.
void flagCorrelated(bool C) {
  bool Locked = false;
  if (C) {
    Mu.lock();
    Locked = true;
  }
  work();
  if (Locked)
    Mu.unlock();
}

// Negative: early return before the lock is taken.
void returnBeforeLock(bool Bad) {
  if (Bad)
    return;
  Mu.lock();
  work();
  Mu.unlock();
}

// Negative: a lock_guard in a nested scope is released before the early return.
void nestedScopeGuard(bool Bad) {
  {
    std::lock_guard<std::mutex> G(Mu);
    work();
  }
  if (Bad)
    return;
  work();
}

// Negative: the only path that ends holding Mu deadlocked on itself first
// (when C, the second lock() never returns).
void heldOnlyAfterSelfDeadlock(bool C) {
  if (C)
    Mu.lock();
  Mu.lock();
  Mu.unlock();
}
