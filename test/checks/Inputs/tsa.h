// Wrappers annotated with Clang's thread-safety attributes, as Chromium's
// base::Lock or a house mutex would be. No catalog row names them.
#pragma once
#define CAPABILITY(x) __attribute__((capability(x)))
#define SCOPED_CAPABILITY __attribute__((scoped_lockable))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define ACQUIRE_SHARED(...) __attribute__((acquire_shared_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))
#define RELEASE_SHARED(...) __attribute__((release_shared_capability(__VA_ARGS__)))
#define RELEASE_GENERIC(...) __attribute__((release_generic_capability(__VA_ARGS__)))
#define TRY_ACQUIRE(...) __attribute__((try_acquire_capability(__VA_ARGS__)))
// Clang 19 does not know reentrant_capability and ignores it; the checks
// read it from the source.
#define REENTRANT_CAPABILITY __attribute__((reentrant_capability))

class CAPABILITY("mutex") Lock {
public:
  void Acquire() ACQUIRE();
  void Release() RELEASE();
  bool Try() TRY_ACQUIRE(true);
  void AcquireShared() ACQUIRE_SHARED();
  void ReleaseShared() RELEASE_SHARED();
};

class REENTRANT_CAPABILITY CAPABILITY("mutex") ReentrantLock {
public:
  void Acquire() ACQUIRE();
  void Release() RELEASE();
};

class SCOPED_CAPABILITY AutoLock {
public:
  explicit AutoLock(Lock &L) ACQUIRE(L);
  ~AutoLock() RELEASE();
};

class SCOPED_CAPABILITY AutoReaderLock {
public:
  explicit AutoReaderLock(Lock &L) ACQUIRE_SHARED(L);
  ~AutoReaderLock() RELEASE();
};

class SCOPED_CAPABILITY ReleasableAutoLock {
public:
  explicit ReleasableAutoLock(Lock *L) ACQUIRE(L);
  ~ReleasableAutoLock() RELEASE();
  void Release() RELEASE();
};

// Free functions naming their capability argument.
void LockBoth(Lock &A, Lock &B) ACQUIRE(A, B);
void UnlockBoth(Lock &A, Lock &B) RELEASE(A, B);
