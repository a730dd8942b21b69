//===--- Conditions.h - Branch conditions as facts --------------*- C++ -*-===//
//
// Path sensitivity for the lockset analysis. A branch condition is reduced
// to an atom with a polarity ("the try_lock at line 12 succeeded", "`c` is
// true"), or to a question about a guard ("`lk` owns its lock"). Each path
// the analysis follows carries the facts it assumed, so
// `if (c) mu.lock(); ... if (c) mu.unlock();` has no path that locks
// without unlocking, and a try_lock's failure path holds nothing.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_ANALYSIS_CONDITIONS_H
#define CLANG_DEADLOCK_ANALYSIS_CONDITIONS_H

#include "Core/PathState.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/FoldingSet.h"
#include <functional>
#include <map>
#include <vector>

namespace clang {
class ASTContext;
class Decl;
class Expr;
class FieldDecl;
class ValueDecl;
class VarDecl;
} // namespace clang

namespace deadlock {

class Conditions {
public:
  /// Recognises the calls whose result is a try-acquire outcome, and the
  /// guard ownership queries; supplied by the lockset analysis.
  using TryCallFn =
      std::function<std::optional<SuccessValue>(const clang::Expr *)>;
  using GuardQueryFn = std::function<GuardKey(const clang::Expr *)>;

  Conditions(clang::ASTContext &Ctx, TryCallFn IsTryCall,
             GuardQueryFn IsGuardQuery)
      : Ctx(Ctx), IsTryCall(std::move(IsTryCall)),
        IsGuardQuery(std::move(IsGuardQuery)) {}

  BranchTest analyze(const clang::Expr *Cond);

  /// The atom "this try-acquire call succeeded".
  unsigned tryAtom(const clang::Expr *Call);

  /// `bool ok = mu.try_lock();` makes `ok` stand for the call. Only for
  /// variables that are never assigned again.
  void addAlias(const clang::VarDecl *Var, const clang::Expr *TryCall) {
    Aliases[Var] = TryCall;
  }

  /// The atom "variable \p VD is true (nonzero)", so that assignments of
  /// constants (`bool locked = false; ... locked = true;`) become facts.
  unsigned variableAtom(const clang::VarDecl *VD);

  /// The pointer field of `*this` that atom \p Atom tests (`if (p_)`),
  /// if it tests one: the atom is true when the field is non-null.
  const clang::FieldDecl *testedThisField(unsigned Atom) const {
    return ThisFieldAtoms.lookup(Atom);
  }

  /// Atoms whose value may change when \p D is written.
  llvm::ArrayRef<unsigned> atomsReading(const clang::Decl *D) const;

  /// The value a `return E;` yields on a path with the given facts, if it
  /// is a constant or a known try-acquire outcome.
  std::optional<int64_t>
  returnValue(const clang::Expr *E,
              const std::function<std::optional<bool>(unsigned)> &FactOf);

private:
  BranchTest analyzeStripped(const clang::Expr *E, unsigned Depth);
  /// Try-call (possibly through an alias) behind \p E, if any.
  const clang::Expr *tryCallBehind(const clang::Expr *E, SuccessValue &Success);
  std::optional<unsigned> valueAtom(const clang::Expr *E);

  clang::ASTContext &Ctx;
  TryCallFn IsTryCall;
  GuardQueryFn IsGuardQuery;
  llvm::DenseMap<const clang::VarDecl *, const clang::Expr *> Aliases;
  llvm::DenseMap<const clang::Expr *, unsigned> CallAtoms;
  std::map<llvm::FoldingSetNodeID, unsigned> ValueAtoms;
  llvm::DenseMap<const clang::VarDecl *, unsigned> VariableAtoms;
  llvm::DenseMap<const clang::Decl *, llvm::SmallVector<unsigned, 2>> Readers;
  llvm::DenseMap<unsigned, const clang::FieldDecl *> ThisFieldAtoms;
  unsigned NextAtom = 1;
};

} // namespace deadlock

#endif
