// RUN: %check_clang_tidy %s deadlock-double-lock,deadlock-missing-unlock %t -- \
// RUN:   -config="{CheckOptions: {LockFunctions: 'SpinLock::acquire=acquire; SpinLock::release=release; spin_trylock=try-acquire:0; rd_lock=acquire-shared; rd_unlock=release'}}"

// A house lock the built-in catalog does not know: the option adds its rows.
struct SpinLock {
  void acquire();
  void release();
};
int spin_trylock(SpinLock *L);
void rd_lock(SpinLock &L);
void rd_unlock(SpinLock &L);

SpinLock Spin;

void doubleAcquire() {
  Spin.acquire();
  Spin.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Spin' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Spin' first acquired here
  Spin.release();
}

bool leakOnError(bool Bad) {
  Spin.acquire();
  if (Bad)
    return false;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Spin' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Spin' acquired here
  Spin.release();
  return true;
}

// A free function's lock is its first argument; `:0` means 0 is success.
void freeFunctionRows() {
  rd_lock(Spin);
  Spin.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Spin' is acquired exclusively while this thread holds it shared; the upgrade waits for this thread's own shared lock and deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Spin' first acquired shared here
  Spin.release();
  rd_unlock(Spin);
}

// Negative: balanced use, and a try-acquire whose failure path holds nothing.
void balanced() {
  Spin.acquire();
  Spin.release();
  Spin.acquire();
  Spin.release();
}

void tryAcquire() {
  if (spin_trylock(&Spin) != 0)
    return;
  Spin.release();
}
