#include "ledger.h"
#include "locks.h"

// LedgerMu, then AccountsMu: the reverse of transfer() in accounts.cpp.
void audit() {
  std::lock_guard<std::mutex> Ledger(LedgerMu);
  std::lock_guard<std::mutex> Accounts(AccountsMu);
}

// AccountsMu is held when lockAccounts() (accounts.cpp) acquires it again.
void reconcile() {
  AccountsMu.lock();
  lockAccounts();
  AccountsMu.unlock();
}
