#include "signaler.h"
#include <fcntl.h>

Signaler::Signaler(int ReadEnd) : ReadFd(ReadEnd) {
  int Flags = fcntl(ReadFd, F_GETFL, 0);
  fcntl(ReadFd, F_SETFL, Flags | O_NONBLOCK);
}

void unblockSocket(int Fd) {
  int Flags = fcntl(Fd, F_GETFL, 0);
  fcntl(Fd, F_SETFL, Flags | O_NONBLOCK);
}
