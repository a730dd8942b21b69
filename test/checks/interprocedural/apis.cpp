// RUN: %check_clang_tidy %s deadlock-double-lock,deadlock-recursive-shared-lock,deadlock-missing-unlock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-double-lock,deadlock-recursive-shared-lock,deadlock-missing-unlock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Interprocedural double locks for every lock family: pthread, absl, Qt,
// Boost and types carrying Clang's thread-safety attributes.

#include <pthread.h>

#include "absl.h"
#include "boost.h"
#include "qt.h"
#include "tsa.h"

pthread_mutex_t PMu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t PRec = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
pthread_rwlock_t PRw = PTHREAD_RWLOCK_INITIALIZER;
absl::Mutex AMu;
QMutex QMu;
QRecursiveMutex QRec;
QReadWriteLock QRw;
boost::mutex BMu;
Lock TMu;
ReentrantLock TRe;

// pthread: a helper locks the mutex the caller holds.
void pthreadHelper() {
  pthread_mutex_lock(&PMu);
  pthread_mutex_unlock(&PMu);
}
void pthreadCaller() {
  pthread_mutex_lock(&PMu);
  pthreadHelper();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'PMu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'PMu' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'PMu' acquired again in call to 'pthreadHelper' here
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'PMu' acquired here
  pthread_mutex_unlock(&PMu);
}

// pthread rwlock: a reader helper under the reader lock.
void rwReader() {
  pthread_rwlock_rdlock(&PRw);
  pthread_rwlock_unlock(&PRw);
}
void rwCaller() {
  pthread_rwlock_rdlock(&PRw);
  rwReader();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'PRw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'PRw' first acquired shared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'PRw' acquired shared again in call to 'rwReader' here
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'PRw' acquired shared here
  pthread_rwlock_unlock(&PRw);
}

// absl: a MutexLock in the caller, Lock() in the callee's callee.
void abslInner() {
  AMu.Lock();
  AMu.Unlock();
}
void abslMiddle() { abslInner(); }
void abslCaller() {
  absl::MutexLock L(&AMu);
  abslMiddle();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'AMu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'AMu' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'AMu' acquired again in call to 'abslMiddle' here
  // CHECK-MESSAGES: :[[@LINE-7]]:21: note: in call to 'abslInner' here
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: 'AMu' acquired here
}

// absl: reader lock through a call.
int abslRead() {
  absl::ReaderMutexLock L(&AMu);
  return 0;
}
int abslReadCaller() {
  AMu.ReaderLock();
  int V = abslRead();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'AMu' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'AMu' first acquired shared here
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: 'AMu' acquired shared again in call to 'abslRead' here
  // CHECK-MESSAGES: :[[@LINE-9]]:25: note: 'AMu' acquired shared here
  AMu.ReaderUnlock();
  return V;
}

// Qt: a QMutexLocker in the caller, a locker in the callee.
void qtHelper() { QMutexLocker<QMutex> L(&QMu); }
void qtCaller() {
  QMutexLocker<QMutex> L(&QMu);
  qtHelper();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'QMu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:24: note: 'QMu' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'QMu' acquired again in call to 'qtHelper' here
  // CHECK-MESSAGES: :[[@LINE-7]]:40: note: 'QMu' acquired here
}

// Qt: reader locks on a QReadWriteLock through a call.
void qtReader() { QReadLocker L(&QRw); }
void qtReadCaller() {
  QRw.lockForRead();
  qtReader();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'QRw' is acquired shared while this thread already holds it shared; a writer queued between the two acquisitions blocks both and deadlocks [deadlock-recursive-shared-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'QRw' first acquired shared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'QRw' acquired shared again in call to 'qtReader' here
  // CHECK-MESSAGES: :[[@LINE-7]]:31: note: 'QRw' acquired shared here
  QRw.unlock();
}

// Boost: a lock_guard in the caller, lock() in the callee.
void boostHelper() {
  BMu.lock();
  BMu.unlock();
}
void boostCaller() {
  boost::lock_guard<boost::mutex> G(BMu);
  boostHelper();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'BMu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:35: note: 'BMu' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'BMu' acquired again in call to 'boostHelper' here
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'BMu' acquired here
}

// Thread-safety attributes: an AutoLock in the caller, Acquire() in the callee.
void tsaHelper() {
  TMu.Acquire();
  TMu.Release();
}
void tsaCaller() {
  AutoLock L(TMu);
  tsaHelper();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'TMu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'TMu' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'TMu' acquired again in call to 'tsaHelper' here
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'TMu' acquired here
}

// Thread-safety attributes: an unannotated acquire wrapper around an
// annotated lock, and a missing release on an early return.
void tsaLockAll() { TMu.Acquire(); }
void tsaUnlockAll() { TMu.Release(); }
int tsaEarly(bool Fail) {
  tsaLockAll();
  if (Fail)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'TMu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'TMu' acquired in call to 'tsaLockAll' here
  // CHECK-MESSAGES: :[[@LINE-8]]:21: note: 'TMu' acquired here
  tsaUnlockAll();
  return 0;
}

// pthread: an acquire wrapper, then a blocking lock in the same function.
void pthreadLockAll() { pthread_mutex_lock(&PMu); }
void pthreadWrapperTwice() {
  pthreadLockAll();
  pthread_mutex_lock(&PMu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'PMu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'PMu' first acquired in call to 'pthreadLockAll' here
  // CHECK-MESSAGES: :[[@LINE-6]]:25: note: 'PMu' acquired here
  pthread_mutex_unlock(&PMu);
  pthread_mutex_unlock(&PMu);
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: a recursive pthread mutex taken again through a call.
void pthreadRecHelper() {
  pthread_mutex_lock(&PRec);
  pthread_mutex_unlock(&PRec);
}
void pthreadRecCaller() {
  pthread_mutex_lock(&PRec);
  pthreadRecHelper();
  pthread_mutex_unlock(&PRec);
}

// Negative: QRecursiveMutex taken again through a call.
void qtRecHelper() { QMutexLocker<QRecursiveMutex> L(&QRec); }
void qtRecCaller() {
  QMutexLocker<QRecursiveMutex> L(&QRec);
  qtRecHelper();
}

// Negative: an annotated reentrant capability taken again through a call.
void tsaReHelper() {
  TRe.Acquire();
  TRe.Release();
}
void tsaReCaller() {
  TRe.Acquire();
  tsaReHelper();
  TRe.Release();
}

// Negative: the callee only try-locks (pthread, absl, Qt, tsa).
void pthreadTry() {
  if (pthread_mutex_trylock(&PMu) == 0)
    pthread_mutex_unlock(&PMu);
}
void abslTry() {
  if (AMu.TryLock())
    AMu.Unlock();
}
void qtTry() {
  if (QMu.tryLock())
    QMu.unlock();
}
void tsaTry() {
  if (TMu.Try())
    TMu.Release();
}
void tryCallees() {
  pthread_mutex_lock(&PMu);
  pthreadTry();
  pthread_mutex_unlock(&PMu);
  AMu.Lock();
  abslTry();
  AMu.Unlock();
  QMu.lock();
  qtTry();
  QMu.unlock();
  TMu.Acquire();
  tsaTry();
  TMu.Release();
}

// Negative: the absl guard's scope ends before the call.
void abslScoped() {
  {
    absl::MutexLock L(&AMu);
  }
  abslMiddle();
}

// Negative: the annotated wrappers balance each other on every path.
int tsaBalanced(bool Fail) {
  tsaLockAll();
  if (Fail) {
    tsaUnlockAll();
    return -1;
  }
  tsaUnlockAll();
  return 0;
}

// Negative: Qt locker unlocked before the helper and relocked after.
void qtUnlockAround() {
  QMutexLocker<QMutex> L(&QMu);
  L.unlock();
  qtHelper();
  L.relock();
}
