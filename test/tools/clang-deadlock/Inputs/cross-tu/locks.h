#ifndef LOCKS_H
#define LOCKS_H

#include <mutex>

// Both defined in accounts.cpp and used in both translation units.
extern std::mutex AccountsMu;
extern std::mutex LedgerMu;

// Acquires AccountsMu and returns with it held; defined in accounts.cpp.
void lockAccounts();

#endif
