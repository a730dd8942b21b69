//===--- LockGraph.h - Lock-order graph over lock classes -------*- C++ -*-===//
//
// An edge A -> B says "some thread acquired B while holding A", with the
// places that show it. Cycles are potential deadlocks: threads following the
// edges of a cycle can each hold one lock and wait for the next. Nodes are
// lock classes (as in lockdep), so inversions between different instances
// of the same classes are found.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_CORE_LOCKGRAPH_H
#define CLANG_DEADLOCK_CORE_LOCKGRAPH_H

#include "Summary.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace deadlock {

/// One place where the order From -> To happens: in Function, Held was held
/// when Acquired was taken (both with chains from Function).
struct OrderWitness {
  const Symbol *Function = nullptr;
  HeldLock Held;
  HeldLock Acquired;
};

struct OrderEdge {
  const Symbol *From = nullptr;
  const Symbol *To = nullptr;
  /// The first few witnesses (more add nothing to a report).
  llvm::SmallVector<OrderWitness, 2> Witnesses;
  /// Lock classes held at every witness besides From: a lock all threads
  /// take before this order (a gate lock) makes it harmless.
  llvm::SmallVector<const Symbol *, 2> Gates;
  /// Every witness had both locks shared (readers do not block readers).
  bool SharedOnly = true;

  /// The witness to show: one where a writer is involved, if any.
  const OrderWitness &representative() const;
};

class LockGraph {
public:
  static constexpr unsigned MaxWitnessesPerEdge = 2;

  /// Records that \p W.Acquired was taken while \p W.Held was held, with
  /// \p AlsoHeld the classes of every other lock held at that moment.
  void addEdge(const OrderWitness &W, llvm::ArrayRef<const Symbol *> AlsoHeld);

  const OrderEdge *edge(const Symbol *From, const Symbol *To) const;
  size_t edgeCount() const { return Edges.size(); }

  /// Every elementary cycle through two or more classes, each once, at most
  /// \p MaxLength long; stops after \p MaxCycles cycles or \p MaxSteps
  /// search steps and says so through \p Complete.
  std::vector<std::vector<const OrderEdge *>>
  cycles(unsigned MaxLength, unsigned MaxCycles, unsigned MaxSteps,
         bool &Complete) const;

private:
  /// The strongly connected component of each of \p Nodes (from 1).
  llvm::DenseMap<const Symbol *, unsigned>
  components(llvm::ArrayRef<const Symbol *> Nodes) const;

  std::vector<OrderEdge> Edges;
  llvm::DenseMap<std::pair<const Symbol *, const Symbol *>, unsigned> Index;
  llvm::DenseMap<const Symbol *, llvm::SmallVector<unsigned, 4>> Outgoing;
};

/// True if some lock outside the cycle is held at every edge of it.
bool isGated(llvm::ArrayRef<const OrderEdge *> Cycle);

} // namespace deadlock

#endif
