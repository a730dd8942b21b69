// RUN: %check_clang_tidy %s deadlock-blocking-under-lock %t
// RUN: %clang_tidy -checks='-*,deadlock-blocking-under-lock' %s -- -std=c++17 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{warning|error|note}}:'

// I/O on a descriptor in non-blocking mode returns at once: it is not a
// blocking operation. The mode is learnt from fcntl(F_SETFL, O_NONBLOCK)
// and ioctl(FIONBIO) on that descriptor, in the function itself, or for a
// member in any function of the program (a constructor, a helper it
// calls).
#include <fcntl.h>
#include <mutex>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

std::mutex Mu;

void setNonBlocking(int Fd) {
  int Flags = fcntl(Fd, F_GETFL, 0);
  fcntl(Fd, F_SETFL, Flags | O_NONBLOCK);
}

class Signaler {
public:
  explicit Signaler(int Fd) : ReadFd(Fd) { setNonBlocking(ReadFd); }
  void drain() {
    char Byte;
    while (read(ReadFd, &Byte, 1) == 1) {
    }
  }

private:
  int ReadFd;
};

class Socket {
public:
  explicit Socket(int Fd) : Fd(Fd) {
    int On = 1;
    ioctl(this->Fd, FIONBIO, &On);
  }
  long receive(char *Buf, unsigned long N) { return recv(Fd, Buf, N, 0); }

private:
  int Fd;
};

class Pipe {
public:
  long readSome(char *Buf, unsigned long N) { return read(Fd, Buf, N); }
  int Fd = -1;
};

// Positive: nothing makes the pipe's descriptor non-blocking.
long readUnderLock(Pipe &P, char *Buf) {
  std::lock_guard<std::mutex> G(Mu);
  return P.readSome(Buf, 16);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Mu' is held across a call to 'readSome', which blocks; every other thread that needs 'Mu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Mu' acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: blocking in call to 'readSome' here
  // CHECK-MESSAGES: :[[@LINE-11]]:54: note: 'readSome' blocks here, blocking in I/O call 'read'
}

// Positive: F_GETFL reads the mode, it does not set it.
long onlyQueried(int Fd, char *Buf) {
  std::lock_guard<std::mutex> G(Mu);
  int Flags = fcntl(Fd, F_GETFL, 0);
  (void)Flags;
  return read(Fd, Buf, 16);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Mu' is held while blocking in I/O call 'read'; every other thread that needs 'Mu' is blocked as long as this thread waits [deadlock-blocking-under-lock]
  // CHECK-MESSAGES: :[[@LINE-5]]:31: note: 'Mu' acquired here
}

// Negative: the signaler's descriptor is made non-blocking by its
// constructor, through a helper.
void drainUnderLock(Signaler &S) {
  std::lock_guard<std::mutex> G(Mu);
  S.drain();
}

// Negative: ioctl(FIONBIO) in the socket's constructor.
long receiveUnderLock(Socket &S, char *Buf) {
  std::lock_guard<std::mutex> G(Mu);
  return S.receive(Buf, 16);
}

// Negative: a local descriptor switched before the read.
long localNonBlocking(int Fd, char *Buf) {
  std::lock_guard<std::mutex> G(Mu);
  fcntl(Fd, F_SETFL, O_NONBLOCK);
  return read(Fd, Buf, 16);
}
