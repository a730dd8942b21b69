#include <mutex>

std::mutex CleanMu;

void clean() {
  std::lock_guard<std::mutex> Guard(CleanMu);
}
