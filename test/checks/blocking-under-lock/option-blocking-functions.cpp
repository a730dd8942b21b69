// RUN: %check_clang_tidy %s deadlock-blocking-under-lock %t -- \
// RUN:   -config="{CheckOptions: {BlockingFunctions: 'ns::waitForDevice; Legacy::drain; rpc_call', NonBlockingFunctions: 'Cache::refresh; napWithBudget; usleep'}}" -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' \
// RUN:   -config="{CheckOptions: {BlockingFunctions: 'ns::waitForDevice; Legacy::drain; rpc_call', NonBlockingFunctions: 'Cache::refresh; napWithBudget; usleep'}}" \
// RUN:   %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DEFAULT --implicit-check-not='{{warning|error}}:'

// BlockingFunctions names functions that block (no wake-up known, so never
// certain); NonBlockingFunctions names functions never treated as
// blocking, built-in or inferred, and so not their callers either. The
// last RUN line (prefix DEFAULT, every warning without the options) shows
// what the options change.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace ns {
void waitForDevice(int Id);
} // namespace ns
namespace other {
void waitForDevice(int Id);
} // namespace other
struct Legacy {
  void drain();
  void flush();
};
extern "C" int rpc_call(const char *Method);

// A declared blocking function under a lock.
std::mutex DevMuA;
void deviceA() {
  std::lock_guard<std::mutex> Lock(DevMuA);
  ns::waitForDevice(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'DevMuA' is held while calling blocking function 'ns::waitForDevice'; every other thread that needs 'DevMuA' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'DevMuA' acquired here
}

// A declared blocking method and a declared C function.
struct Port {
  std::mutex Mu;
  Legacy Dev;
  void shutdown() {
    std::lock_guard<std::mutex> Lock(Mu);
    Dev.drain();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is held while calling blocking function 'Legacy::drain'; every other thread that needs 'this->Mu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'this->Mu' acquired here
    Dev.flush();
    rpc_call("stop");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is held while calling blocking function 'rpc_call'; every other thread that needs 'this->Mu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
    // CHECK-MESSAGES: :[[@LINE-7]]:33: note: 'this->Mu' acquired here
  }
};

// A declared blocking function reached through a call (depth 2).
std::mutex DevMuC;
void probeC() { ns::waitForDevice(3); }
void resetC() { probeC(); }
void deviceThroughCallsC() {
  DevMuC.lock();
  resetC();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'DevMuC' is held across a call to 'resetC', which blocks; every other thread that needs 'DevMuC' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'DevMuC' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to 'resetC' here
  // CHECK-MESSAGES: :[[@LINE-7]]:17: note: in call to 'probeC' here
  // CHECK-MESSAGES: :[[@LINE-9]]:17: note: 'probeC' blocks here, calling blocking function 'ns::waitForDevice'
  DevMuC.unlock();
}

// Negative: a same-named function in another namespace, and the declared
// blocking function with no lock held.
std::mutex DevMuD;
void otherDeviceD() {
  std::lock_guard<std::mutex> Lock(DevMuD);
  other::waitForDevice(4);
}
void deviceNoLockD() { ns::waitForDevice(5); }

// Negative: Cache::refresh blocks (it waits on a condition variable), but it
// is listed as non-blocking, and so is its caller.
class Cache {
  std::mutex Mu;
  std::condition_variable Cv;
  bool Fresh = false;

public:
  void refresh() {
    std::unique_lock<std::mutex> Lock(Mu);
    Cv.wait(Lock, [this] { return Fresh; });
  }
  void update() {
    std::lock_guard<std::mutex> Lock(Mu);
    Fresh = true;
    Cv.notify_all();
  }
};
std::mutex CacheMuE;
Cache TheCache;
void refreshUnderLockE() {
  std::lock_guard<std::mutex> Lock(CacheMuE);
  TheCache.refresh();
  // DEFAULT: :[[@LINE-1]]:3: warning: 'CacheMuE' is held across a call to 'refresh', which blocks; every other thread that needs 'CacheMuE' is blocked as long as this thread waits [deadlock-blocking-under-lock]
}
void refreshAllE() { TheCache.refresh(); }
void refreshAllUnderLockE() {
  std::lock_guard<std::mutex> Lock(CacheMuE);
  refreshAllE();
  // DEFAULT: :[[@LINE-1]]:3: warning: 'CacheMuE' is held across a call to 'refreshAllE', which blocks; every other thread that needs 'CacheMuE' is blocked as long as this thread waits [deadlock-blocking-under-lock]
}

// Negative: an inferred-blocking free function listed as non-blocking.
std::mutex NapMuF;
void napWithBudget() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }
void napUnderLockF() {
  std::lock_guard<std::mutex> Lock(NapMuF);
  napWithBudget();
  // DEFAULT: :[[@LINE-1]]:3: warning: 'NapMuF' is held across a call to 'napWithBudget', which blocks; every other thread that needs 'NapMuF' is blocked as long as this thread waits [deadlock-blocking-under-lock]
}

// Negative: a built-in blocking call listed as non-blocking.
std::mutex SpinMuG;
void spinG() {
  std::lock_guard<std::mutex> Lock(SpinMuG);
  usleep(10);
  // DEFAULT: :[[@LINE-1]]:3: warning: 'SpinMuG' is held while sleeping in 'usleep'; every other thread that needs 'SpinMuG' is blocked as long as this thread waits [deadlock-blocking-under-lock]
}

// Control: a blocking function that is not listed stays reported.
std::mutex NapMuH;
void otherNap() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }
void napUnderLockH() {
  std::lock_guard<std::mutex> Lock(NapMuH);
  otherNap();
  // DEFAULT: :[[@LINE-1]]:3: warning: 'NapMuH' is held across a call to 'otherNap', which blocks; every other thread that needs 'NapMuH' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'NapMuH' is held across a call to 'otherNap', which blocks; every other thread that needs 'NapMuH' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'NapMuH' acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: blocking in call to 'otherNap' here
  // CHECK-MESSAGES: :[[@LINE-8]]:19: note: 'otherNap' blocks here, sleeping in 'std::this_thread::sleep_for'
}
