#include <mutex>

std::mutex GoodMu;

void goodTwice() {
  GoodMu.lock();
  GoodMu.lock();
}
