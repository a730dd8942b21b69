#ifndef HELPER_H
#define HELPER_H
#include <mutex>
extern std::mutex HelperMu;
// Returns with HelperMu held; defined in helper.cpp.
void lockHelper();
#endif
