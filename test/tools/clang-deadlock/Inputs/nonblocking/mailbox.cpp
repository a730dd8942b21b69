#include "signaler.h"

Mailbox::Mailbox(int ReadEnd) : ReadFd(ReadEnd) { unblockSocket(ReadFd); }
