// RUN: %check_clang_tidy %s deadlock-blocking-under-lock %t
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' %s -- -std=c++17 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// Deleting an object this function just made (zeromq's socket_base_t::create
// deleting a socket whose mailbox failed) runs its destructor on the fields
// its constructor left: a destructor's `if (Signal) delete Signal;` does
// nothing when the constructor set Signal to null and nothing set it since.
#include <mutex>
#include <unistd.h>

std::mutex Mu;

struct Signaler {
  ~Signaler() { usleep(100); } // Retries close() after EAGAIN.
};

class Socket {
public:
  Socket() : Signal(nullptr), Ok(false) {}
  virtual ~Socket() {
    if (Signal)
      delete Signal;
  }
  void startReaping() { Signal = new Signaler(); }
  bool Ok;
  int Count = 0;

private:
  Signaler *Signal;
};

class PairSocket : public Socket {
public:
  PairSocket() : Peer(nullptr) {}

private:
  Socket *Peer;
};

// Made, tested, deleted: the signaler is still null.
Socket *create(int Type) {
  Socket *S = nullptr;
  switch (Type) {
  case 0:
    S = new Socket();
    break;
  case 1:
    S = new PairSocket();
    break;
  default:
    return nullptr;
  }
  if (!S->Ok) {
    S->Count = 1;
    delete S;
    return nullptr;
  }
  return S;
}

void createUnderLock() {
  std::lock_guard<std::mutex> G(Mu);
  create(1);
}

// The same object after a call that may set the signaler: its destructor
// may sleep.
void destroyUsed() {
  Socket *S = new Socket();
  S->startReaping();
  std::lock_guard<std::mutex> G(Mu);
  delete S;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is held across a call to '~Socket', which blocks; {{.*}}
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to '~Socket' here
  // CHECK-MESSAGES: :23:7: note: in call to '~Signaler' here
  // CHECK-MESSAGES: :15:17: note: '~Signaler' blocks here, sleeping in 'usleep'
}

// A socket that came from elsewhere: nothing known about its fields.
void destroyGiven(Socket *S) {
  std::lock_guard<std::mutex> G(Mu);
  delete S;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is held across a call to '~Socket', which blocks; {{.*}}
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to '~Socket' here
  // CHECK-MESSAGES: :23:7: note: in call to '~Signaler' here
  // CHECK-MESSAGES: :15:17: note: '~Signaler' blocks here, sleeping in 'usleep'
}

// A constructor that lets `this` escape may set any field.
void registerSocket(Socket *S);
class Registered : public Socket {
public:
  Registered() { registerSocket(this); }
};

void destroyRegistered() {
  Socket *S = new Registered();
  std::lock_guard<std::mutex> G(Mu);
  delete S;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is held across a call to '~Socket', which blocks; {{.*}}
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to '~Socket' here
  // CHECK-MESSAGES: :23:7: note: in call to '~Signaler' here
  // CHECK-MESSAGES: :15:17: note: '~Signaler' blocks here, sleeping in 'usleep'
}

// A fresh object whose pointer is copied elsewhere may have been changed.
void keep(Socket *S);
void destroyShared() {
  Socket *S = new Socket();
  keep(S);
  std::lock_guard<std::mutex> G(Mu);
  delete S;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is held across a call to '~Socket', which blocks; {{.*}}
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to '~Socket' here
  // CHECK-MESSAGES: :23:7: note: in call to '~Signaler' here
  // CHECK-MESSAGES: :15:17: note: '~Signaler' blocks here, sleeping in 'usleep'
}

// Fresh, and deleted under the lock: nothing to wait for.
void destroyFresh() {
  Socket *S = new PairSocket();
  std::lock_guard<std::mutex> G(Mu);
  delete S;
}

// Clearing the field after deleting it (zeromq's LIBZMQ_DELETE) keeps the
// test meaningful.
class Clearing {
public:
  Clearing() : Signal(nullptr) {}
  ~Clearing() {
    if (Signal) {
      delete Signal;
      Signal = nullptr;
    }
  }

private:
  Signaler *Signal;
};

void destroyClearing() {
  Clearing *C = new Clearing();
  std::lock_guard<std::mutex> G(Mu);
  delete C;
}

// A destructor that sets the field itself before testing it: the test
// says nothing about what the constructor left.
class Resetting {
public:
  Resetting() : Signal(nullptr) {}
  ~Resetting() {
    Signal = new Signaler();
    if (Signal)
      delete Signal;
  }

private:
  Signaler *Signal;
};

void destroyResetting() {
  Resetting *R = new Resetting();
  std::lock_guard<std::mutex> G(Mu);
  delete R;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is held across a call to '~Resetting', which blocks; {{.*}}
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to '~Resetting' here
  // CHECK-MESSAGES: :[[@LINE-14]]:7: note: in call to '~Signaler' here
  // CHECK-MESSAGES: :15:17: note: '~Signaler' blocks here, sleeping in 'usleep'
}

// The test may sit in a member function the destructor calls on itself.
class Tidying {
public:
  Tidying() : Signal(nullptr) {}
  ~Tidying() { cleanUp(); }
  void cleanUp() {
    if (Signal)
      delete Signal;
  }

private:
  Signaler *Signal;
};

void destroyFreshTidying() {
  Tidying *T = new Tidying();
  std::lock_guard<std::mutex> G(Mu);
  delete T;
}

void destroyGivenTidying(Tidying *T) {
  std::lock_guard<std::mutex> G(Mu);
  delete T;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is held across a call to '~Tidying', which blocks; {{.*}}
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to '~Tidying' here
  // CHECK-MESSAGES: :[[@LINE-22]]:16: note: in call to 'cleanUp' here
  // CHECK-MESSAGES: :[[@LINE-20]]:7: note: in call to '~Signaler' here
  // CHECK-MESSAGES: :15:17: note: '~Signaler' blocks here, sleeping in 'usleep'
}

// A derived constructor that sets the field its base left null.
class Base {
public:
  Base() : Signal(nullptr) {}
  virtual ~Base() {
    if (Signal)
      delete Signal;
  }

protected:
  Signaler *Signal;
};

class Eager : public Base {
public:
  Eager() { Signal = new Signaler(); }
};

void destroyFreshEager() {
  Base *B = new Eager();
  std::lock_guard<std::mutex> G(Mu);
  delete B;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is held across a call to '~Base', which blocks; {{.*}}
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to '~Base' here
  // CHECK-MESSAGES: :[[@LINE-19]]:7: note: in call to '~Signaler' here
  // CHECK-MESSAGES: :15:17: note: '~Signaler' blocks here, sleeping in 'usleep'
}

// Its base alone leaves it null.
void destroyFreshBase() {
  Base *B = new Base();
  std::lock_guard<std::mutex> G(Mu);
  delete B;
}

// A pointer field set through the new object's pointer is no longer what
// the constructor left.
struct Open {
  Open() : Signal(nullptr) {}
  ~Open() {
    if (Signal)
      delete Signal;
  }
  Signaler *Signal;
};

void destroyOpenedFresh() {
  Open *O = new Open();
  O->Signal = new Signaler();
  std::lock_guard<std::mutex> G(Mu);
  delete O;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Mu' is held across a call to '~Open', which blocks; {{.*}}
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: blocking in call to '~Open' here
  // CHECK-MESSAGES: :[[@LINE-13]]:7: note: in call to '~Signaler' here
  // CHECK-MESSAGES: :15:17: note: '~Signaler' blocks here, sleeping in 'usleep'
}
