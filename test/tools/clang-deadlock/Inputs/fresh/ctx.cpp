#include "socket.h"
#include <mutex>

std::mutex SlotSync;

Socket *createSocket(int Type) {
  std::lock_guard<std::mutex> G(SlotSync);
  return Socket::create(Type);
}

void destroySocket(Socket *S) {
  std::lock_guard<std::mutex> G(SlotSync);
  delete S;
}
