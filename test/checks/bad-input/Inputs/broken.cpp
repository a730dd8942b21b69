#include <mutex>
std::mutex Mu;

void broken() {
  Mu.lock();
  undeclared_lock.lock();
  Mu.lock(
}

int x = ;
