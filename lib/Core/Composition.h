//===--- Composition.h - From summaries to findings -------------*- C++ -*-===//
//
// Composes function summaries bottom-up over the call graph (recursive SCCs
// iterated to a bounded fixpoint): each function's transitive acquisitions
// are its own plus its callees', instantiated at each call site. Checking
// those against the locks held at the call finds double locks through call
// chains; every "held A, acquired B" becomes an edge of the lock graph,
// whose cycles are lock-order inversions. The same code runs on one
// translation unit's summaries (clang-tidy) and on a whole program's.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_CORE_COMPOSITION_H
#define CLANG_DEADLOCK_CORE_COMPOSITION_H

#include "Summary.h"
#include <functional>

namespace deadlock {

struct CompositionLimits {
  /// Distinct transitive acquisitions kept per function.
  unsigned MaxAcquisitionsPerFunction = 1024;
  /// Passes over a recursive cycle of functions.
  unsigned MaxRecursionRounds = 8;
  unsigned MaxCycleLength = 6;
  unsigned MaxCycles = 1000;
  unsigned MaxCycleSearchSteps = 1000000;
  /// Source order of sites, to report a cycle where it closes. By default
  /// the raw order (source order within a file for Clang's locations); the
  /// whole-program merge passes file/line/column order, so that the report
  /// does not depend on the order summaries were read.
  std::function<bool(Site, Site)> SiteLess = [](Site A, Site B) {
    return A < B;
  };
};

/// What the composition learns from all summaries together: the members
/// wrapper classes expose as their lock or wait queue (Symbol::Wrapped) and
/// the descriptors callees put in non-blocking mode for their callers.
/// reportFindings does this; a front end that drops or replaces summaries
/// first (the analyzer, for functions it inlined) does it before.
void deriveProgramFacts(ProgramSummaries &Program);

/// Reports every finding of \p Program to \p Handler, each once.
void reportFindings(ProgramSummaries &Program, DeadlockHandler &Handler,
                    const CompositionLimits &Limits = {});

} // namespace deadlock

#endif
