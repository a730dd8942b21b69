#include <mutex>

std::mutex mu;
std::mutex other;

void twice() {
  mu.lock(); // first
  mu.lock(); // second
  mu.unlock();
}

// Off in this project's .clang-tidy: never shown.
void sometimes(bool early) {
  other.lock();
  if (early)
    return;
  other.unlock();
}

int broken() {
  int x = "not an int";
  return x;
}
