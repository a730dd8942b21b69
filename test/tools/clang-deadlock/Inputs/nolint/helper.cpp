#include "helper.h"
std::mutex HelperMu;
void lockHelper() { HelperMu.lock(); }
