#include "signaler.h"
#include <unistd.h>

void Signaler::drain() {
  char Byte;
  while (read(ReadFd, &Byte, 1) == 1) {
  }
}

void PipeReader::readOne() {
  char Byte;
  read(Fd, &Byte, 1);
}

void Mailbox::drain() {
  char Byte;
  while (read(ReadFd, &Byte, 1) == 1) {
  }
}
