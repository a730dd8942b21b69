#include "socket.h"
#include <unistd.h>

Signaler::~Signaler() { usleep(1000); }
