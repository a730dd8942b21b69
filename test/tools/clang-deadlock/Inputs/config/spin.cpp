#include "spin.h"

SpinLock Spin;

void grabSpin() { Spin.acquire(); }
