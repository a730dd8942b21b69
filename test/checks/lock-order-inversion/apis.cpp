// RUN: %check_clang_tidy %s deadlock-lock-order-inversion %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-lock-order-inversion' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Lock-order inversions for every lock family: pthread, absl, Qt, Boost and
// types carrying Clang's thread-safety attributes.

#include <pthread.h>

#include "absl.h"
#include "boost.h"
#include "qt.h"
#include "tsa.h"

// pthread mutexes.
pthread_mutex_t PA = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t PB = PTHREAD_MUTEX_INITIALIZER;
void pthreadAB() {
  pthread_mutex_lock(&PA);
  pthread_mutex_lock(&PB);
  pthread_mutex_unlock(&PB);
  pthread_mutex_unlock(&PA);
}
void pthreadBA() {
  pthread_mutex_lock(&PB);
  pthread_mutex_lock(&PA);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'PA' is acquired while holding 'PB', but elsewhere 'PB' is acquired while holding 'PA'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'PB' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'PA' acquired while holding 'PB' here
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: 'PA' acquired here
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: 'PB' acquired while holding 'PA' here
  pthread_mutex_unlock(&PA);
  pthread_mutex_unlock(&PB);
}

// pthread mutex members of a C-style struct, through a helper.
struct Queue {
  pthread_mutex_t Lock;
  int Size;
};
struct Pool {
  pthread_mutex_t Lock;
  int Free;
};
void queuePush(struct Queue *Q) {
  pthread_mutex_lock(&Q->Lock);
  Q->Size++;
  pthread_mutex_unlock(&Q->Lock);
}
void poolRelease(struct Pool *P, struct Queue *Q) {
  pthread_mutex_lock(&P->Lock);
  queuePush(Q);
  pthread_mutex_unlock(&P->Lock);
}
void queueDrain(struct Queue *Q, struct Pool *P) {
  pthread_mutex_lock(&Q->Lock);
  pthread_mutex_lock(&P->Lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'P->Lock' (class 'Pool::Lock') is acquired while holding 'Q->Lock' (class 'Queue::Lock'), but elsewhere 'Queue::Lock' is acquired while holding 'Pool::Lock'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Q->Lock' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'P->Lock' acquired while holding 'Q->Lock' here
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: 'P->Lock' acquired here
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: 'Q->Lock' acquired while holding 'P->Lock' in call to 'queuePush' here
  // CHECK-MESSAGES: :[[@LINE-17]]:3: note: 'Q->Lock' acquired here
  pthread_mutex_unlock(&P->Lock);
  pthread_mutex_unlock(&Q->Lock);
}

// pthread rwlock: a writer against a reader is enough.
pthread_rwlock_t RwA = PTHREAD_RWLOCK_INITIALIZER;
pthread_rwlock_t RwB = PTHREAD_RWLOCK_INITIALIZER;
void rwWriteAB() {
  pthread_rwlock_wrlock(&RwA);
  pthread_rwlock_rdlock(&RwB);
  pthread_rwlock_unlock(&RwB);
  pthread_rwlock_unlock(&RwA);
}
void rwReadBA() {
  pthread_rwlock_rdlock(&RwB);
  pthread_rwlock_wrlock(&RwA);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'RwA' is acquired while holding 'RwB', but elsewhere 'RwB' is acquired while holding 'RwA'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'RwB' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'RwA' acquired while holding 'RwB' here
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: 'RwA' acquired here
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: 'RwB' acquired while holding 'RwA' here
  pthread_rwlock_unlock(&RwA);
  pthread_rwlock_unlock(&RwB);
}

// absl: MutexLock guards and Lock() calls.
absl::Mutex AbslA, AbslB;
void abslAB() {
  absl::MutexLock L1(&AbslA);
  absl::MutexLock L2(&AbslB);
}
void abslBA() {
  AbslB.Lock();
  AbslA.Lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'AbslA' is acquired while holding 'AbslB', but elsewhere 'AbslB' is acquired while holding 'AbslA'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'AbslB' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'AbslA' acquired while holding 'AbslB' here
  // CHECK-MESSAGES: :[[@LINE-9]]:19: note: 'AbslA' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:19: note: 'AbslB' acquired while holding 'AbslA' here
  AbslA.Unlock();
  AbslB.Unlock();
}

// Qt: QMutexLocker and lock().
QMutex QtA, QtB;
void qtAB() {
  QMutexLocker<QMutex> L1(&QtA);
  QMutexLocker<QMutex> L2(&QtB);
}
void qtBA() {
  QMutexLocker<QMutex> L1(&QtB);
  QtA.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'QtA' is acquired while holding 'QtB', but elsewhere 'QtB' is acquired while holding 'QtA'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:24: note: 'QtB' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'QtA' acquired while holding 'QtB' here
  // CHECK-MESSAGES: :[[@LINE-9]]:24: note: 'QtA' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:24: note: 'QtB' acquired while holding 'QtA' here
  QtA.unlock();
}

// Qt: a writer locker against a reader locker on two QReadWriteLocks.
QReadWriteLock QRwA, QRwB;
void qtRwAB() {
  QWriteLocker W(&QRwA);
  QReadLocker R(&QRwB);
}
void qtRwBA() {
  QReadLocker R(&QRwB);
  QWriteLocker W(&QRwA);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'QRwA' is acquired while holding 'QRwB', but elsewhere 'QRwB' is acquired while holding 'QRwA'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'QRwB' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'QRwA' acquired while holding 'QRwB' here
  // CHECK-MESSAGES: :[[@LINE-9]]:16: note: 'QRwA' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:15: note: 'QRwB' acquired while holding 'QRwA' here
}

// Boost: lock_guard and unique_lock.
boost::mutex BoostA, BoostB;
void boostAB() {
  boost::lock_guard<boost::mutex> G1(BoostA);
  boost::lock_guard<boost::mutex> G2(BoostB);
}
void boostBA() {
  boost::unique_lock<boost::mutex> G1(BoostB);
  boost::unique_lock<boost::mutex> G2(BoostA);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'BoostA' is acquired while holding 'BoostB', but elsewhere 'BoostB' is acquired while holding 'BoostA'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'BoostB' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'BoostA' acquired while holding 'BoostB' here
  // CHECK-MESSAGES: :[[@LINE-9]]:35: note: 'BoostA' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:35: note: 'BoostB' acquired while holding 'BoostA' here
}

// Thread-safety attributes: AutoLock and Acquire() on capability members of
// two classes.
class Scene;
class Renderer {
public:
  Lock Mu;
  void draw() {
    Mu.Acquire();
    Mu.Release();
  }
  void present(Scene &S);
};
class Scene {
public:
  Lock Mu;
  Renderer *R = nullptr;
  void update() {
    AutoLock L(Mu);
    R->draw();
  }
  void touch() { AutoLock L(Mu); }
};
void Renderer::present(Scene &S) {
  Mu.Acquire();
  S.touch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'S.Mu' (class 'Scene::Mu') is acquired while holding 'this->Mu' (class 'Renderer::Mu'), but elsewhere 'Renderer::Mu' is acquired while holding 'Scene::Mu'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'this->Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'S.Mu' acquired while holding 'this->Mu' in call to 'touch' here
  // CHECK-MESSAGES: :[[@LINE-8]]:27: note: 'S.Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-12]]:14: note: 'this->Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-12]]:5: note: 'this->R->Mu' acquired while holding 'this->Mu' in call to 'draw' here
  // CHECK-MESSAGES: :[[@LINE-24]]:5: note: 'this->R->Mu' acquired here
  Mu.Release();
}

// Thread-safety attributes: global capabilities.
Lock TsaA, TsaB;
void tsaAB() {
  AutoLock L1(TsaA);
  AutoLock L2(TsaB);
}
void tsaBA() {
  TsaB.Acquire();
  TsaA.Acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'TsaA' is acquired while holding 'TsaB', but elsewhere 'TsaB' is acquired while holding 'TsaA'; two threads taking them in these orders deadlock [deadlock-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'TsaB' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'TsaA' acquired while holding 'TsaB' here
  // CHECK-MESSAGES: :[[@LINE-9]]:12: note: 'TsaA' acquired here
  // CHECK-MESSAGES: :[[@LINE-9]]:12: note: 'TsaB' acquired while holding 'TsaA' here
  TsaA.Release();
  TsaB.Release();
}

//===----------------------------------------------------------------------===//
// Negative cases.
//===----------------------------------------------------------------------===//

// Negative: pthread try-lock back-off in the reverse order.
pthread_mutex_t PC = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t PD = PTHREAD_MUTEX_INITIALIZER;
void pthreadCD() {
  pthread_mutex_lock(&PC);
  pthread_mutex_lock(&PD);
  pthread_mutex_unlock(&PD);
  pthread_mutex_unlock(&PC);
}
int pthreadDCTry() {
  pthread_mutex_lock(&PD);
  if (pthread_mutex_trylock(&PC) != 0) {
    pthread_mutex_unlock(&PD);
    return -1;
  }
  pthread_mutex_unlock(&PC);
  pthread_mutex_unlock(&PD);
  return 0;
}

// Negative: pthread rwlock readers only.
pthread_rwlock_t RwC = PTHREAD_RWLOCK_INITIALIZER;
pthread_rwlock_t RwD = PTHREAD_RWLOCK_INITIALIZER;
void rwReadCD() {
  pthread_rwlock_rdlock(&RwC);
  pthread_rwlock_rdlock(&RwD);
  pthread_rwlock_unlock(&RwD);
  pthread_rwlock_unlock(&RwC);
}
void rwReadDC() {
  pthread_rwlock_rdlock(&RwD);
  pthread_rwlock_rdlock(&RwC);
  pthread_rwlock_unlock(&RwC);
  pthread_rwlock_unlock(&RwD);
}

// Negative: absl readers only.
absl::Mutex AbslC, AbslD;
void abslReadCD() {
  absl::ReaderMutexLock L1(&AbslC);
  absl::ReaderMutexLock L2(&AbslD);
}
void abslReadDC() {
  AbslD.ReaderLock();
  AbslC.ReaderLock();
  AbslC.ReaderUnlock();
  AbslD.ReaderUnlock();
}

// Negative: absl TryLock back-off.
absl::Mutex AbslE, AbslF;
void abslEF() {
  absl::MutexLock L1(&AbslE);
  absl::MutexLock L2(&AbslF);
}
bool abslFETry() {
  absl::MutexLock L(&AbslF);
  if (!AbslE.TryLock())
    return false;
  AbslE.Unlock();
  return true;
}

// Negative: Qt tryLock in the reverse order.
QMutex QtC, QtD;
void qtCD() {
  QMutexLocker<QMutex> L1(&QtC);
  QMutexLocker<QMutex> L2(&QtD);
}
bool qtDCTry() {
  QMutexLocker<QMutex> L(&QtD);
  if (!QtC.tryLock())
    return false;
  QtC.unlock();
  return true;
}

// Negative: Qt locker unlocked before the other lock.
QMutex QtE, QtF;
void qtEF() {
  QMutexLocker<QMutex> L1(&QtE);
  QMutexLocker<QMutex> L2(&QtF);
}
void qtFEUnlocked() {
  QMutexLocker<QMutex> L(&QtF);
  L.unlock();
  QMutexLocker<QMutex> L2(&QtE);
}

// Negative: Qt readers only.
QReadWriteLock QRwC, QRwD;
void qtReadCD() {
  QReadLocker R1(&QRwC);
  QReadLocker R2(&QRwD);
}
void qtReadDC() {
  QRwD.lockForRead();
  QRwC.lockForRead();
  QRwC.unlock();
  QRwD.unlock();
}

// Negative: thread-safety attributes, consistent order through a call.
Lock TsaC, TsaD;
void tsaTakeD() { AutoLock L(TsaD); }
void tsaCD() {
  AutoLock L(TsaC);
  tsaTakeD();
}
void tsaCDDirect() {
  TsaC.Acquire();
  TsaD.Acquire();
  TsaD.Release();
  TsaC.Release();
}

// Negative: thread-safety attributes, Try() back-off.
Lock TsaE, TsaF;
void tsaEF() {
  AutoLock L1(TsaE);
  AutoLock L2(TsaF);
}
bool tsaFETry() {
  AutoLock L(TsaF);
  if (!TsaE.Try())
    return false;
  TsaE.Release();
  return true;
}

// Negative: thread-safety attributes, shared acquisitions only.
Lock TsaG, TsaH;
void tsaReadGH() {
  AutoReaderLock R1(TsaG);
  AutoReaderLock R2(TsaH);
}
void tsaReadHG() {
  TsaH.AcquireShared();
  TsaG.AcquireShared();
  TsaG.ReleaseShared();
  TsaH.ReleaseShared();
}

// Negative: boost gate lock around both orders.
boost::mutex BoostGate, BoostC, BoostD;
void boostGatedCD() {
  boost::lock_guard<boost::mutex> Gate(BoostGate);
  boost::lock_guard<boost::mutex> G1(BoostC);
  boost::lock_guard<boost::mutex> G2(BoostD);
}
void boostGatedDC() {
  boost::lock_guard<boost::mutex> Gate(BoostGate);
  boost::lock_guard<boost::mutex> G1(BoostD);
  boost::lock_guard<boost::mutex> G2(BoostC);
}

// Negative: a recursive pthread mutex taken twice is no lock-order pair.
pthread_mutex_t PRec = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
void pthreadRecursiveOnly() {
  pthread_mutex_lock(&PRec);
  pthread_mutex_lock(&PRec);
  pthread_mutex_unlock(&PRec);
  pthread_mutex_unlock(&PRec);
}
