#include <mutex>

std::mutex BadMu;

void twice() {
  BadMu.lock();
  BadMu.lock();
  BadMu.unlock();
}
