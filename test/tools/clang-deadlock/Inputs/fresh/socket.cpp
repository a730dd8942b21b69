#include "socket.h"

Socket::Socket() : Reaper(nullptr) {}

Socket::~Socket() {
  if (Reaper)
    delete Reaper;
  std::lock_guard<std::mutex> Lock(MonitorSync);
}

void Socket::startReaping() { Reaper = new Signaler(); }

Socket *Socket::create(int Type) {
  Socket *S = nullptr;
  if (Type == 1)
    S = new PairSocket();
  else
    S = new Socket();
  if (!S->MailboxOk) {
    delete S;
    return nullptr;
  }
  return S;
}
