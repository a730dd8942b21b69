// RUN: %check_clang_tidy %s deadlock-* %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-*' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// leveldb's DBImpl: a condition-variable wrapper member constructed with
// the address of the object's mutex, waited on in other methods. The wait
// releases that mutex, so it is not held across the wait (the analyzer
// plugin, analysing each method apart from the constructor, did not know
// which mutex the wrapper holds; the parity test runs this file through it).
#include "leveldb-port.h"

using port::CondVar;
using port::Mutex;

class DB {
public:
  DB() : signal_(&mutex_) {}
  void waitDone() {
    mutex_.Lock();
    while (!done_)
      signal_.Wait();
    mutex_.Unlock();
  }
  void finish() {
    mutex_.Lock();
    done_ = true;
    signal_.SignalAll();
    mutex_.Unlock();
  }
private:
  Mutex mutex_;
  CondVar signal_;
  bool done_ = false;
};

// Positive, to keep the negative honest: a second mutex held across the
// wait is not released by it.
class Two {
public:
  Two() : signal_(&mutex_) {}
  void waitHoldingOther() {
    other_.Lock();
    mutex_.Lock();
    signal_.Wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->other_' is held across a call to 'Wait', which blocks; every other thread that needs 'this->other_' is blocked as long as this thread waits [deadlock-blocking-under-lock]
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'this->other_' acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: blocking in call to 'Wait' here
    // CHECK-MESSAGES: leveldb-port.h:27:5: note: 'Wait' blocks here, waiting on condition variable 'this->cv_'
    mutex_.Unlock();
    other_.Unlock();
  }

private:
  Mutex mutex_, other_;
  CondVar signal_;
};

