//===--- Composition.h - From summaries to findings -------------*- C++ -*-===//
//
// Composes function summaries bottom-up over the call graph and reports
// every finding. The same code runs on one translation unit's summaries
// (clang-tidy) and on a whole program's merged summaries.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_CORE_COMPOSITION_H
#define CLANG_DEADLOCK_CORE_COMPOSITION_H

#include "Summary.h"

namespace deadlock {

/// Reports every finding of \p Program to \p Handler, each once.
void reportFindings(ProgramSummaries &Program, DeadlockHandler &Handler);

} // namespace deadlock

#endif
