// Seed 004 (how go-deadlock reports "inconsistent locking"): one thread takes
// Mu1 then Mu2, another takes Mu2 then Mu1. Each can hold its first lock and
// wait forever for the other's. Here the two orders live in different
// functions, one of them behind a helper call.
//
// Fix: agree on one order, or take both with std::scoped_lock.
#include <mutex>

std::mutex Mu1;
std::mutex Mu2;
int Shared;

void touchSecond() {
  std::lock_guard<std::mutex> Second(Mu2);
  ++Shared;
}

void firstThread() {
  std::lock_guard<std::mutex> First(Mu1);
  touchSecond(); // Mu1 -> Mu2
}

void secondThread() {
  std::lock_guard<std::mutex> Second(Mu2);
  std::lock_guard<std::mutex> First(Mu1); // Mu2 -> Mu1
  ++Shared;
}
