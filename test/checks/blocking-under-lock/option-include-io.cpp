// RUN: %check_clang_tidy %s deadlock-blocking-under-lock %t -- \
// RUN:   -config="{CheckOptions: {deadlock-blocking-under-lock.IncludeIO: false}}" -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' \
// RUN:   -config="{CheckOptions: {deadlock-blocking-under-lock.IncludeIO: false}}" %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DEFAULT --implicit-check-not='{{warning|error}}:'

// IncludeIO=false drops blocking I/O (direct or through calls) but keeps
// every other blocking operation. The last RUN line (prefix DEFAULT, every
// warning of a run without the option) proves the I/O findings are there
// by default.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdio.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

// I/O under a lock: dropped by the option.
std::mutex IoMuA;
void readUnderLockA(int Fd) {
  char Buf[32];
  std::lock_guard<std::mutex> Lock(IoMuA);
  read(Fd, Buf, sizeof Buf);
  // DEFAULT: :[[@LINE-1]]:3: warning: 'IoMuA' is held while blocking in I/O call 'read'; every other thread that needs 'IoMuA' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // DEFAULT: :[[@LINE-3]]:31: note: 'IoMuA' acquired here
  recv(Fd, Buf, sizeof Buf, 0);
  // DEFAULT: :[[@LINE-1]]:3: warning: 'IoMuA' is held while blocking in I/O call 'recv'; every other thread that needs 'IoMuA' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // DEFAULT: :[[@LINE-6]]:31: note: 'IoMuA' acquired here
}

// I/O through a call under a lock: dropped by the option too.
std::mutex IoMuB;
size_t slurpB(FILE *F, char *Buf, size_t N) { return fread(Buf, 1, N, F); }
void readThroughCallB(FILE *F) {
  char Buf[32];
  std::lock_guard<std::mutex> Lock(IoMuB);
  slurpB(F, Buf, sizeof Buf);
  // DEFAULT: :[[@LINE-1]]:3: warning: 'IoMuB' is held across a call to 'slurpB', which blocks; every other thread that needs 'IoMuB' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // DEFAULT: :[[@LINE-3]]:31: note: 'IoMuB' acquired here
  // DEFAULT: :[[@LINE-3]]:3: note: blocking in call to 'slurpB' here
  // DEFAULT: :[[@LINE-8]]:54: note: 'slurpB' blocks here, blocking in I/O call 'fread'
}

// A sleep under a lock: kept.
std::mutex SleepMuC;
void sleepC() {
  std::lock_guard<std::mutex> Lock(SleepMuC);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // DEFAULT: :[[@LINE-1]]:3: warning: 'SleepMuC' is held while sleeping in 'std::this_thread::sleep_for'; every other thread that needs 'SleepMuC' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'SleepMuC' is held while sleeping in 'std::this_thread::sleep_for'; every other thread that needs 'SleepMuC' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'SleepMuC' acquired here
}

// A certain condition-variable deadlock: kept.
std::mutex OuterD, InnerD;
std::condition_variable CvD;
bool ReadyD;
void waitD() {
  std::lock_guard<std::mutex> Outer(OuterD);
  std::unique_lock<std::mutex> Inner(InnerD);
  CvD.wait(Inner, [] { return ReadyD; });
  // DEFAULT: :[[@LINE-1]]:3: warning: 'OuterD' is held while waiting on condition variable 'CvD', but what would wake it up needs 'OuterD': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'OuterD' is held while waiting on condition variable 'CvD', but what would wake it up needs 'OuterD': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:31: note: 'OuterD' acquired here
  // CHECK-MESSAGES: :[[@LINE+4]]:31: note: 'OuterD' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: 'CvD' is notified here while 'OuterD' is held
}
void notifyD() {
  std::lock_guard<std::mutex> Outer(OuterD);
  ReadyD = true;
  CvD.notify_one();
}

// A function that both reads and sleeps, called under a lock: reported
// once by default; with the option, the sleep alone still makes it
// blocking.
std::mutex MixedMuE;
void readThenNapE(int Fd) {
  char C;
  read(Fd, &C, 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
}
void mixedE(int Fd) {
  std::lock_guard<std::mutex> Lock(MixedMuE);
  readThenNapE(Fd);
  // DEFAULT: :[[@LINE-1]]:3: warning: 'MixedMuE' is held across a call to 'readThenNapE', which blocks; every other thread that needs 'MixedMuE' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // DEFAULT: :[[@LINE-3]]:31: note: 'MixedMuE' acquired here
  // DEFAULT: :[[@LINE-3]]:3: note: blocking in call to 'readThenNapE' here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: 'MixedMuE' is held across a call to 'readThenNapE', which blocks; every other thread that needs 'MixedMuE' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-6]]:31: note: 'MixedMuE' acquired here
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: blocking in call to 'readThenNapE' here
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: 'readThenNapE' blocks here, sleeping in 'std::this_thread::sleep_for'
}

// Negative in every run: I/O with no lock held.
void readNoLock(int Fd) {
  char Buf[8];
  read(Fd, Buf, sizeof Buf);
}
