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

/// Marks the members that wrapper classes expose as their lock or wait
/// queue (Symbol::Wrapped), from what \p Program's summaries do with them.
/// reportFindings does this; a front end that drops summaries first (the
/// analyzer drops those of functions it inlined) does it before.
void markWrappers(ProgramSummaries &Program);

/// Adds to each function's NonBlockingDescriptors those its callees put in
/// non-blocking mode through its arguments. reportFindings does this; a
/// front end that drops callee summaries first does it before.
void propagateNonBlockingDescriptors(ProgramSummaries &Program);

/// Reports every finding of \p Program to \p Handler, each once.
void reportFindings(ProgramSummaries &Program, DeadlockHandler &Handler,
                    const CompositionLimits &Limits = {});

} // namespace deadlock

#endif
