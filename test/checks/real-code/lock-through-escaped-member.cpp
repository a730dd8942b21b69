// RUN: %check_clang_tidy %s deadlock-* %t

// zeromq's mailbox_safe_t::send: a lock reached through a member pointer,
// taken, and released after a call that may have been handed the object.
// The analyzer plugin forgets the pointer's value at that call and used to
// miss the release (a missing-unlock on the path through the call); the
// parity test runs this file through it.
#include <pthread.h>
class Mutex {
public:
  void lock() { pthread_mutex_lock(&M); }
  void unlock() { pthread_mutex_unlock(&M); }
private:
  pthread_mutex_t M;
};
struct Box;
void publish(Box *B);
struct Box {
  Mutex *Sync;
  int Pending = 0;
  void send() {
    Sync->lock();
    if (Pending)
      publish(this);
    Sync->unlock();
  }
};
