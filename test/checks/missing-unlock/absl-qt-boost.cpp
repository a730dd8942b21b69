// RUN: %check_clang_tidy %s deadlock-missing-unlock %t -- -- -I%inputs

#include "absl.h"
#include "boost.h"
#include "qt.h"

absl::Mutex AMu;
QMutex QMu;
QReadWriteLock QRW;
boost::mutex BMu;
boost::shared_mutex BRW;

void work();

//===----------------------------------------------------------------------===//
// Positive cases
//===----------------------------------------------------------------------===//

// absl::Mutex::Lock with an early return that skips Unlock.
void abslEarlyReturn(bool Bad) {
  AMu.Lock();
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'AMu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'AMu' acquired here
  AMu.Unlock();
}

// absl ReaderLock is a shared acquisition.
void abslReaderLeak(bool Bad) {
  AMu.ReaderLock();
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'AMu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'AMu' acquired shared here
  AMu.ReaderUnlock();
}

// A successful absl TryLock leaked on one branch.
void abslTryLockLeak(bool Bad) {
  if (!AMu.TryLock())
    return;
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'AMu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-5]]:8: note: 'AMu' acquired here
  AMu.Unlock();
}

// QMutex::lock with an early return.
void qtEarlyReturn(bool Bad) {
  QMu.lock();
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'QMu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'QMu' acquired here
  QMu.unlock();
}

// QReadWriteLock::lockForRead is shared; held at the end of the function.
void qtReadHeldAtEnd(bool Done) {
  QRW.lockForRead();
  if (Done) {
    QRW.unlock();
    return;
  }
  work();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'QRW' is still held at the end of the function but released on other paths [deadlock-missing-unlock]
// CHECK-MESSAGES: :[[@LINE-8]]:3: note: 'QRW' acquired shared here

// boost::mutex with an early return.
void boostEarlyReturn(bool Bad) {
  BMu.lock();
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'BMu' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'BMu' acquired here
  BMu.unlock();
}

// boost::shared_mutex lock_shared leaked.
void boostSharedLeak(bool Bad) {
  BRW.lock_shared();
  if (Bad)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'BRW' is still held at this return but released on other paths [deadlock-missing-unlock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'BRW' acquired shared here
  BRW.unlock_shared();
}

//===----------------------------------------------------------------------===//
// Negative cases
//===----------------------------------------------------------------------===//

// Negative: absl::MutexLock releases at every return.
void abslGuard(bool Bad) {
  absl::MutexLock L(&AMu);
  if (Bad)
    return;
  work();
}

// Negative: absl::ReaderMutexLock releases at every return.
void abslReaderGuard(bool Bad) {
  absl::ReaderMutexLock L(&AMu);
  if (Bad)
    return;
  work();
}

// Negative: ReleasableMutexLock released early on one path, by the destructor on the other.
void abslReleasable(bool Early) {
  absl::ReleasableMutexLock L(&AMu);
  if (Early) {
    L.Release();
    work();
    return;
  }
  work();
}

// Negative: absl try-lock wrapper.
bool abslTryWrapper() { return AMu.TryLock(); }

// Negative: QMutexLocker releases at every return.
void qtLocker(bool Bad) {
  QMutexLocker<QMutex> L(&QMu);
  if (Bad)
    return;
  work();
}

// Negative: QWriteLocker unlocked early, released by the destructor otherwise.
void qtWriteLockerUnlock(bool Early) {
  QWriteLocker L(&QRW);
  if (Early) {
    L.unlock();
    return;
  }
  work();
}

// Negative: Qt try-lock wrapper.
bool qtTryWrapper() {
  if (!QMu.tryLock(100))
    return false;
  return true;
}

// Negative: boost::lock_guard releases at every return.
void boostGuard(bool Bad) {
  boost::lock_guard<boost::mutex> G(BMu);
  if (Bad)
    return;
  work();
}

// Negative: boost::unique_lock with try_to_lock bails out when not owned.
void boostTryToLock() {
  boost::unique_lock<boost::mutex> L(BMu, boost::try_to_lock);
  if (!L.owns_lock())
    return;
  work();
}

// Negative: boost::shared_lock releases at every return.
void boostSharedGuard(bool Bad) {
  boost::shared_lock<boost::shared_mutex> L(BRW);
  if (Bad)
    return;
  work();
}
