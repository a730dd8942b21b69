#include "bank.h"

std::mutex AccountsMu;
static int Balance;

void refreshAccounts() {
  std::lock_guard<std::mutex> Guard(AccountsMu);
  Balance += 0;
}

void transfer(int Amount) {
  std::lock_guard<std::mutex> Guard(AccountsMu);
  Balance -= Amount;
  appendToLedger(Amount); // AccountsMu -> LedgerMu
}
