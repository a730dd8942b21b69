#ifndef LEDGER_H
#define LEDGER_H

// Included by ledger.cpp only.
inline int ledgerPageSize() { return 64; }

#endif
