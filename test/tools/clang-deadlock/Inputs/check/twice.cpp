#include <mutex>
std::mutex mu;
void twice() {
  mu.lock();
  mu.lock();
  mu.unlock();
}
#ifndef FROM_DATABASE
void noDatabase() { mu.lock(); mu.lock(); }
#endif
