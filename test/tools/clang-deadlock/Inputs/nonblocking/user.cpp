#include "signaler.h"
#include <mutex>

std::mutex Mu;

void poll(Signaler &S, PipeReader &R, Mailbox &M) {
  std::lock_guard<std::mutex> G(Mu);
  S.drain();
  R.readOne();
  M.drain();
}
