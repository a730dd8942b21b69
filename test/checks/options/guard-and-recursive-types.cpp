// RUN: %check_clang_tidy %s deadlock-double-lock,deadlock-missing-unlock %t -- \
// RUN:   -config="{CheckOptions: {LockFunctions: 'HouseMutex::Lock=acquire;HouseMutex::Unlock=release;HouseRecursive::Lock=acquire;HouseRecursive::Unlock=release', GuardTypes: 'HouseGuard; HouseReader=shared', RecursiveLockTypes: 'HouseRecursive'}}"

struct HouseMutex {
  void Lock();
  void Unlock();
};
struct HouseRecursive {
  void Lock();
  void Unlock();
};
// Guards the catalog does not know, added by GuardTypes.
struct HouseGuard {
  explicit HouseGuard(HouseMutex &M);
  ~HouseGuard();
};
struct HouseReader {
  explicit HouseReader(HouseMutex &M);
  ~HouseReader();
};

HouseMutex Mu;
HouseRecursive Rec;

void guardThenLock() {
  HouseGuard G(Mu);
  Mu.Lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: 'Mu' first acquired here
}

void readerThenWriter() {
  HouseReader R(Mu);
  HouseGuard W(Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Mu' is acquired exclusively while this thread holds it shared; the upgrade waits for this thread's own shared lock and deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'Mu' first acquired shared here
}

// Negative: guards release at scope exit; RecursiveLockTypes exempts Rec.
void guardsInSequence() {
  { HouseGuard G(Mu); }
  { HouseGuard G(Mu); }
  Mu.Lock();
  Mu.Unlock();
}

void recursiveTwice() {
  Rec.Lock();
  Rec.Lock();
  Rec.Unlock();
  Rec.Unlock();
}
