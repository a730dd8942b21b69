// RUN: %check_clang_tidy %s deadlock-* %t
// RUN: %clang_tidy -checks='-*,deadlock-*' %s -- -std=c++17 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// leveldb's port::Mutex and MutexLock: a capability whose Lock() has a
// body, and a scoped guard whose constructor both carries the acquire
// attribute and calls Lock(). The lock is taken once, not once for the
// attribute and again for the body (the analyzer plugin took it twice).
#include <mutex>
#include <set>
#include <string>

#define CAPABILITY(x) __attribute__((capability(x)))
#define SCOPED_CAPABILITY __attribute__((scoped_lockable))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))
#define EXCLUDES(...) __attribute__((locks_excluded(__VA_ARGS__)))

class CAPABILITY("mutex") Mutex {
public:
  void Lock() ACQUIRE() { Mu.lock(); }
  void Unlock() RELEASE() { Mu.unlock(); }

private:
  std::mutex Mu;
};

class SCOPED_CAPABILITY MutexLock {
public:
  explicit MutexLock(Mutex *M) ACQUIRE(M) : M(M) { this->M->Lock(); }
  ~MutexLock() RELEASE() { this->M->Unlock(); }

private:
  Mutex *const M;
};

class LockTable {
public:
  bool insert(const std::string &Name) EXCLUDES(Mu) {
    MutexLock L(&Mu);
    return Names.insert(Name).second;
  }
  void remove(const std::string &Name) EXCLUDES(Mu) {
    MutexLock L(&Mu);
    Names.erase(Name);
  }
  void insertTwice(const std::string &Name) {
    MutexLock L(&Mu);
    insert(Name);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'this->Mu' first acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'this->Mu' acquired again in call to 'insert' here
    // CHECK-MESSAGES: :[[@LINE-13]]:15: note: 'this->Mu' acquired here
  }

private:
  Mutex Mu;
  std::set<std::string> Names;
};

// Negative: two calls that each take and release the table's lock.
struct Env {
  LockTable Locks;
  int lockFile(const std::string &Name) {
    if (!Locks.insert(Name))
      return 1;
    Locks.remove(Name);
    return 0;
  }
};
