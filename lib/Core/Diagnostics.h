//===--- Diagnostics.h - Wording of findings --------------------*- C++ -*-===//
//
// Builds Findings with their messages and notes. Every front end renders
// these, so users read the same words in clang-tidy, the Static Analyzer,
// the whole-program driver and their editor.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_CORE_DIAGNOSTICS_H
#define CLANG_DEADLOCK_CORE_DIAGNOSTICS_H

#include "Finding.h"
#include "Summary.h"

namespace deadlock {

/// A lock acquired again while this thread holds it. \p At is where the
/// second acquisition happens in the reporting function (the operation, or
/// the call that leads to it); \p Again is the chain from there to the
/// operation. Shared-after-shared is a recursive-shared-lock finding;
/// anything else is a double lock.
Finding makeReacquisition(const LockPath &Lock, const HeldLock &Held,
                          LockMode Mode, Site At, const ChainLink *Again);

/// A lock still held at one return of a function but not at another.
Finding makeMissingUnlock(const HeldLock &Held, Site Exit,
                          bool AtEndOfFunction);

/// A lock-order cycle, reported at the acquisition of \p Closing (one of
/// the cycle's edges) with notes for every edge.
struct OrderEdge;
Finding makeOrderInversion(llvm::ArrayRef<const OrderEdge *> Cycle,
                           unsigned Closing);

/// Two locks of one class taken together (`transfer(a, b)`), not through a
/// deadlock-avoiding primitive or in address order.
Finding makeSameClassOrder(const HeldLock &Held, const HeldLock &Acquired);

/// What makes a blocking operation under a lock a certain deadlock: a
/// wake-up that happens while the same lock class is held, or a thread
/// function that takes it.
struct WakeWitness {
  /// The lock held at the wake-up (in the waker's terms), and the wake-up.
  HeldLock HeldByWaker;
  const ChainLink *Wake = nullptr;
  std::string Activity;
  /// For joins: the thread function and its acquisition of the lock.
  const Symbol *ThreadFunction = nullptr;
};

/// Blocking while holding \p Held: \p Op (chain from the reporting
/// function; through \p Callee if it happens in a call).
Finding makeBlockingUnderLock(const HeldLock &Held, const BlockingOp &Op,
                              const Symbol *Callee,
                              const WakeWitness *Certain);

/// A bound on the analysis of \p Function was hit.
Finding makeAnalysisLimit(const Symbol &Function, Site Loc,
                          llvm::StringRef Bound, unsigned Limit);

/// Appends the notes that show how the operation at the end of \p Chain is
/// reached: "<What> here" for a direct operation, otherwise
/// "<What> in call to 'f' here", "in call to 'g' here", ..., and
/// "<Lock> acquired here" at the operation itself.
void appendChainNotes(Finding &F, const ChainLink *Chain,
                      llvm::StringRef What, llvm::StringRef OperationNote);

llvm::StringRef modeAdverb(LockMode Mode); // "" or " shared"

} // namespace deadlock

#endif
