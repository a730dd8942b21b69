#include "bank.h"

std::mutex LedgerMu;
static int Entries;

void appendToLedger(int Amount) {
  std::lock_guard<std::mutex> Guard(LedgerMu);
  Entries += Amount != 0;
}

void audit() {
  std::lock_guard<std::mutex> Guard(LedgerMu);
  refreshAccounts(); // LedgerMu -> AccountsMu: inverts transfer()
}

void reconcile() {
  std::lock_guard<std::mutex> Guard(AccountsMu);
  refreshAccounts(); // takes AccountsMu again
}
