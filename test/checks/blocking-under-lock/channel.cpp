// RUN: %check_clang_tidy %s deadlock-blocking-under-lock %t -- -- -I%inputs
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' %s -- -std=c++17 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// A home-made channel built on a condition variable: recv() waits on
// NotEmpty (so it blocks, inferred), send() and close() notify it (so they
// are what wakes it). Blocking is reported at the call that leads to the
// wait, through call chains of depth 1 to 3. The second RUN line proves that
// no note is printed beyond the ones listed.

#include <condition_variable>
#include <deque>
#include <mutex>

template <typename T> class Channel {
public:
  void send(T Value) {
    {
      std::lock_guard<std::mutex> Guard(Mu);
      Items.push_back(Value);
    }
    NotEmpty.notify_one();
  }
  void close() {
    {
      std::lock_guard<std::mutex> Guard(Mu);
      Closed = true;
    }
    NotEmpty.notify_all();
  }
  bool recv(T &Out) {
    std::unique_lock<std::mutex> Lock(Mu);
    NotEmpty.wait(Lock, [this] { return !Items.empty() || Closed; });
    if (Items.empty())
      return false;
    Out = Items.front();
    Items.pop_front();
    return true;
  }

private:
  std::mutex Mu;
  std::condition_variable NotEmpty;
  std::deque<T> Items;
  bool Closed = false;
};

// GoKer etcd#7902: the follower holds Mu and receives; only the leader
// closes the channel, and the leader must take Mu first.
struct Round {
  std::mutex Mu;
  Channel<int> *Next = nullptr;

  void follower() {
    std::lock_guard<std::mutex> Guard(Mu);
    int Value;
    Next->recv(Value);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is held across a call to 'recv', which blocks, but what would wake it up needs 'this->Mu': deadlock [deadlock-blocking-under-lock]
    // CHECK-MESSAGES: :[[@LINE-4]]:33: note: 'this->Mu' acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: blocking in call to 'recv' here
    // CHECK-MESSAGES: :[[@LINE-28]]:5: note: 'recv' blocks here, waiting on condition variable 'this->NotEmpty'
    // CHECK-MESSAGES: :[[@LINE+5]]:33: note: 'this->Mu' acquired by the waker here
    // CHECK-MESSAGES: :[[@LINE+5]]:5: note: woken while 'this->Mu' is held in call to 'close' here
    // CHECK-MESSAGES: :[[@LINE-35]]:5: note: 'this->NotEmpty' is notified here
  }
  void leader() {
    std::lock_guard<std::mutex> Guard(Mu);
    Next->close();
  }
};

// Certain, with the waker outside the class: the lock and the channel are
// named as the waker's function sees them.
struct Term {
  std::mutex Mu;
  Channel<unsigned char> Votes;

  void tally() {
    std::unique_lock<std::mutex> Lock(Mu);
    unsigned char V;
    Votes.recv(V);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is held across a call to 'recv', which blocks, but what would wake it up needs 'this->Mu': deadlock [deadlock-blocking-under-lock]
    // CHECK-MESSAGES: :[[@LINE-4]]:34: note: 'this->Mu' acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: blocking in call to 'recv' here
    // CHECK-MESSAGES: :[[@LINE-52]]:5: note: 'recv' blocks here, waiting on condition variable 'this->NotEmpty'
    // CHECK-MESSAGES: :[[@LINE+6]]:31: note: 'T.Mu' acquired by the waker here
    // CHECK-MESSAGES: :[[@LINE+6]]:3: note: woken while 'T.Mu' is held in call to 'send' here
    // CHECK-MESSAGES: :[[@LINE-66]]:5: note: 'this->NotEmpty' is notified here
  }
};
void vote(Term &T) {
  std::lock_guard<std::mutex> Lock(T.Mu);
  T.Votes.send(1);
}

// Soft: nobody sends on Inbox while holding Mailbox::Mu, so nothing proves a
// deadlock, but every thread that needs Mu still waits for the receive.
struct Mailbox {
  std::mutex Mu;
  Channel<long> Inbox;
  long Last = 0;

  void take() {
    std::lock_guard<std::mutex> Guard(Mu);
    Inbox.recv(Last);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->Mu' is held across a call to 'recv', which blocks; every other thread that needs 'this->Mu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'this->Mu' acquired here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: blocking in call to 'recv' here
    // CHECK-MESSAGES: :[[@LINE-76]]:5: note: 'recv' blocks here, waiting on condition variable 'this->NotEmpty'
  }
  void give(long V) { Inbox.send(V); }
};

// Depth 2: the lock holder calls a helper, the helper receives.
std::mutex Depth2Mu;
Channel<short> Depth2Chan;
short depth2Helper() {
  short V = 0;
  Depth2Chan.recv(V);
  return V;
}
void depth2() {
  std::lock_guard<std::mutex> Guard(Depth2Mu);
  depth2Helper();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Depth2Mu' is held across a call to 'depth2Helper', which blocks; every other thread that needs 'Depth2Mu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Depth2Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to 'depth2Helper' here
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: in call to 'recv' here
  // CHECK-MESSAGES: :[[@LINE-96]]:5: note: 'recv' blocks here, waiting on condition variable 'this->NotEmpty'
}

// Depth 3, certain: the waiter reaches recv() through two helpers; the
// waker takes the same lock and reaches close() through a helper of its own.
std::mutex Depth3Mu;
Channel<char> Depth3Chan;
void depth3Inner() {
  char C;
  Depth3Chan.recv(C);
}
void depth3Middle() { depth3Inner(); }
void depth3Waiter() {
  Depth3Mu.lock();
  depth3Middle();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Depth3Mu' is held across a call to 'depth3Middle', which blocks, but what would wake it up needs 'Depth3Mu': deadlock [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Depth3Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to 'depth3Middle' here
  // CHECK-MESSAGES: :[[@LINE-7]]:23: note: in call to 'depth3Inner' here
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: in call to 'recv' here
  // CHECK-MESSAGES: :[[@LINE-116]]:5: note: 'recv' blocks here, waiting on condition variable 'this->NotEmpty'
  // CHECK-MESSAGES: :[[@LINE+8]]:3: note: 'Depth3Mu' acquired by the waker here
  // CHECK-MESSAGES: :[[@LINE+8]]:3: note: woken while 'Depth3Mu' is held in call to 'depth3Shutdown' here
  // CHECK-MESSAGES: :[[@LINE+4]]:25: note: in call to 'close' here
  // CHECK-MESSAGES: :[[@LINE-124]]:5: note: 'this->NotEmpty' is notified here
  Depth3Mu.unlock();
}
void depth3Shutdown() { Depth3Chan.close(); }
void depth3Closer() {
  Depth3Mu.lock();
  depth3Shutdown();
  Depth3Mu.unlock();
}

// The lock is taken inside a helper that returns with it held.
std::mutex HelperMu;
Channel<float> HelperChan;
void lockHelper() { HelperMu.lock(); }
void lockedThroughCall() {
  lockHelper();
  float F;
  HelperChan.recv(F);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'HelperMu' is held across a call to 'recv', which blocks; every other thread that needs 'HelperMu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'HelperMu' acquired in call to 'lockHelper' here
  // CHECK-MESSAGES: :[[@LINE-7]]:21: note: 'HelperMu' acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: blocking in call to 'recv' here
  // CHECK-MESSAGES: :[[@LINE-142]]:5: note: 'recv' blocks here, waiting on condition variable 'this->NotEmpty'
  HelperMu.unlock();
}

// Negative: a blocking helper chain called with no lock held.
Channel<double> FreeChan;
double freeHelper() {
  double D = 0;
  FreeChan.recv(D);
  return D;
}
void freeCaller() { freeHelper(); }

// Negative: the channel itself is the normal producer/consumer pattern (the
// wait releases the channel's own Mu); sending and closing without an outer
// lock is silent.
void freeSender() {
  FreeChan.send(1.0);
  FreeChan.close();
}

// Negative: the lock is released at the end of the guard's scope, before
// the receive.
std::mutex ScopedMu;
Channel<unsigned> ScopedChan;
void scopedThenRecv() {
  {
    std::lock_guard<std::mutex> Guard(ScopedMu);
  }
  unsigned U;
  ScopedChan.recv(U);
}

// Negative: the lock is released with unlock() before the receive.
std::mutex UnlockedMu;
Channel<bool> UnlockedChan;
void unlockThenRecv() {
  UnlockedMu.lock();
  UnlockedMu.unlock();
  bool B;
  UnlockedChan.recv(B);
}
