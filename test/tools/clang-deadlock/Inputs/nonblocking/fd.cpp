#include <fcntl.h>

void makeNonBlocking(int Fd) {
  int Flags = fcntl(Fd, F_GETFL, 0);
  fcntl(Fd, F_SETFL, Flags | O_NONBLOCK);
}
