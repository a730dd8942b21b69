//===--- LockPathBuilder.h - Expressions to lock paths ----------*- C++ -*-===//

#ifndef CLANG_DEADLOCK_ANALYSIS_LOCKPATHBUILDER_H
#define CLANG_DEADLOCK_ANALYSIS_LOCKPATHBUILDER_H

#include "Core/LockPath.h"
#include "SymbolMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang {
class CallExpr;
class CXXConstructExpr;
class Expr;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace deadlock {

class LockPathBuilder {
public:
  /// \p Reassigned lists the local variables and parameters that are
  /// assigned after their initialisation (or whose address escapes): a
  /// pointer held in one of them may point to different locks over time, so
  /// locks reached through it get no precise path.
  LockPathBuilder(SymbolMap &Symbols,
                  const llvm::DenseSet<const clang::VarDecl *> *Reassigned)
      : Symbols(Symbols), Reassigned(Reassigned) {}

  /// What expression \p E denotes: an object, or the address of one.
  std::optional<PathValue> value(const clang::Expr *E, unsigned Depth = 0);

  /// The lock an operand of a lock function denotes: the pointee of a
  /// pointer (`pthread_mutex_lock(&mu)`), else the object (`std::lock(a, b)`).
  LockPath lockObject(const clang::Expr *E);

  /// The object a pointer value points to.
  static PathValue pointee(const PathValue &Pointer);

  /// How a call binds its callee's `this` and parameters.
  CallBindings bindings(const clang::CallExpr *Call,
                        const clang::FunctionDecl *Callee);
  CallBindings bindings(const clang::CXXConstructExpr *Construct,
                        std::optional<PathValue> Object);

private:
  std::optional<PathValue> variable(const clang::VarDecl *VD, unsigned Depth);
  /// The object \p Base (whose value is \p V) points to; unknown when Base
  /// is a variable that changes (a loop's pointer or iterator).
  PathValue derefOf(const clang::Expr *Base, const PathValue &V) const;

  SymbolMap &Symbols;
  const llvm::DenseSet<const clang::VarDecl *> *Reassigned;
};

} // namespace deadlock

#endif
