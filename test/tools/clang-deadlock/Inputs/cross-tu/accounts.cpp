#include "locks.h"

std::mutex AccountsMu;
std::mutex LedgerMu;

void lockAccounts() { AccountsMu.lock(); }

// AccountsMu, then LedgerMu.
void transfer() {
  std::lock_guard<std::mutex> Accounts(AccountsMu);
  std::lock_guard<std::mutex> Ledger(LedgerMu);
}
