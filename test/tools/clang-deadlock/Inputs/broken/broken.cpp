#include <mutex>

std::mutex BrokenMu;

void brokenTwice() {
  BrokenMu.lock();
  undeclared_lock(BrokenMu);
}
