#include <mutex>
std::mutex Mu;
void work();
void lockTwiceWhen(bool C) {
  if (C)
    Mu.lock();
  work();
  if (C)
    Mu.lock();
  Mu.unlock();
}
