//===--- PathState.h - Locks held along one path ----------------*- C++ -*-===//
//
// The lockset analysis follows a bounded set of paths through a function.
// Each PathState is what one path knows: the locks it holds, the caller's
// locks it released, the RAII guards alive on it, and the branch facts it
// assumed. Paths holding the same locks are merged at joins, keeping only
// the facts they agree on; a branch whose condition contradicts a path's
// facts is not taken by that path.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_CORE_PATHSTATE_H
#define CLANG_DEADLOCK_CORE_PATHSTATE_H

#include "Summary.h"
#include <optional>
#include <vector>

namespace deadlock {

/// A guard is keyed by whatever identifies it to the front end (a variable
/// declaration, or the expression constructing a temporary).
using GuardKey = const void *;

struct GuardState {
  GuardKey Key = nullptr;
  /// The locks the guard is associated with (what `unique_lock::mutex()`
  /// would return).
  llvm::SmallVector<HeldLock, 1> Locks;
  LockMode Mode = LockMode::Exclusive;
  bool Owns = false;

  bool sameShape(const GuardState &O) const;
};

/// What a branch tests, reduced by the front end.
struct BranchTest {
  enum Kind : uint8_t {
    Unknown,   ///< Nothing known: both branches stay possible.
    Fact,      ///< An atom (a condition or a try-acquire outcome).
    GuardOwns, ///< Whether a guard owns its lock.
  } TestKind = Unknown;
  unsigned Atom = 0;
  GuardKey Guard = nullptr;
  /// The condition is true exactly when the atom (or ownership) equals this.
  bool Polarity = true;
};

struct PathState {
  llvm::SmallVector<HeldLock, 4> Held;
  /// The caller's locks this function has released.
  llvm::SmallVector<LockPath, 1> Released;
  llvm::SmallVector<GuardState, 1> Guards;
  /// Branch facts assumed on this path, sorted by atom.
  llvm::SmallVector<std::pair<unsigned, bool>, 4> Facts;
  /// The thread deadlocked on itself here: nothing after happens.
  bool Stuck = false;

  const HeldLock *findHeld(const LockPath &P) const;
  bool isHeld(const LockPath &P) const { return findHeld(P) != nullptr; }
  /// Removes the most recent acquisition of \p P; false if not held.
  bool releaseHeld(const LockPath &P);

  GuardState *guard(GuardKey K);
  void eraseGuard(GuardKey K);

  std::optional<bool> fact(unsigned Atom) const;
  void setFact(unsigned Atom, bool Value);
  void dropFact(unsigned Atom);

  /// Whether this path may take the branch of \p Test selected by
  /// \p Branch; a newly learnt fact is recorded.
  bool assume(const BranchTest &Test, bool Branch);

  /// Same locks, releases and guards (facts and sites aside).
  bool sameShape(const PathState &O) const;
  bool operator==(const PathState &O) const {
    return sameShape(O) && Facts == O.Facts;
  }
};

using PathSet = std::vector<PathState>;

/// Adds \p P to \p Into, merging it with a path of the same shape (keeping
/// the facts both agree on).
void mergePath(PathSet &Into, PathState P);

/// Keeps \p Paths within \p Limit: first by forgetting facts (so paths that
/// hold the same locks merge), then by dropping paths. Returns false if
/// paths were dropped.
bool boundPaths(PathSet &Paths, unsigned Limit);

} // namespace deadlock

#endif
