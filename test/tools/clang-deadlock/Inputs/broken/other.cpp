#include <mutex>

std::mutex OtherMu;

void otherTwice() {
  OtherMu.lock();
  OtherMu.lock();
}
