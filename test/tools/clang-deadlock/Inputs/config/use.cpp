#include "spin.h"
#include <mutex>

std::mutex First, Second;

void firstThenSecond() {
  std::lock_guard<std::mutex> A(First);
  std::lock_guard<std::mutex> B(Second);
}

void secondThenFirst() {
  std::lock_guard<std::mutex> B(Second);
  std::lock_guard<std::mutex> A(First);
}

// A double lock only if SpinLock::acquire is known to acquire.
void spinTwice() {
  Spin.acquire();
  grabSpin();
  Spin.release();
}
