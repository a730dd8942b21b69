// RUN: %check_clang_tidy %s deadlock-* %t -- -- -I%inputs

// Negative: leveldb's writer queue (DBImpl::Write). Each writer's condition
// variable is built with the database's mutex and waited on after the
// writer was handed to the queue. The analyzer plugin forgot, once the
// writer had escaped to the queue, which mutex the condition variable's
// `Mutex *const` member holds, and reported the mutex held across the wait;
// the parity test runs this file through it.
#include "leveldb-port.h"
#include <deque>

using port::CondVar;
using port::Mutex;

class DB {
  struct Writer {
    explicit Writer(Mutex *mu) : done(false), cv(mu) {}
    bool done;
    CondVar cv;
  };
public:
  virtual ~DB() = default;
  virtual int Write(int X) {
    Writer w(&mutex_);
    MutexLock l(&mutex_);
    writers_.push_back(&w);
    while (!w.done && &w != writers_.front())
      w.cv.Wait();
    writers_.pop_front();
    if (!writers_.empty())
      writers_.front()->cv.Signal();
    return X;
  }
  int Put(int X) { return Write(X); }
private:
  Mutex mutex_;
  std::deque<Writer *> writers_;
};
