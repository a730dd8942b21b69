// A bank split over two translation units: each half is consistent on its
// own; only the whole program shows the inversion and the double lock.
#pragma once
#include <mutex>

extern std::mutex AccountsMu; // accounts.cpp
extern std::mutex LedgerMu;   // ledger.cpp

void appendToLedger(int Amount); // ledger.cpp: takes LedgerMu
void refreshAccounts();          // accounts.cpp: takes AccountsMu
