#include <mutex>
std::mutex M1, M2, M3;

void manyPaths(bool X, bool Y, bool Z) {
  if (X) M1.lock();
  if (Y) M2.lock();
  if (Z) M3.lock();
  if (Z) M3.unlock();
  if (Y) M2.unlock();
  if (X) M1.unlock();
}
