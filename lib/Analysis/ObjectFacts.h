//===--- ObjectFacts.h - What a function knows of the objects it makes ----===//
//
// Just enough object sensitivity for destructors. A destructor's records
// say which fields they need non-null (`if (signaler_) delete signaler_;`,
// from the path facts); a constructor's summary says which pointer fields
// it leaves null; and `delete s` of an object the same function made with
// `new` and never let escape names the constructors that made it. The
// composition puts them together, so destroying a fresh object does not do
// what destroying a used one would.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_ANALYSIS_OBJECTFACTS_H
#define CLANG_DEADLOCK_ANALYSIS_OBJECTFACTS_H

#include "Core/Summary.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang {
class ASTContext;
class CXXConstructorDecl;
class Expr;
class FieldDecl;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace deadlock {

class SymbolMap;

/// The field of `*this` that \p E names (`p_`, `this->p_`), if it names one.
const clang::FieldDecl *fieldOfThis(const clang::Expr *E);

/// The pointer fields \p Ctor initialises to null and does not set again,
/// with its base (or delegated-to) constructors for the composition to
/// resolve. Empty if `this` escapes the constructor: a member function it
/// calls could set any field.
NullFieldFacts nullFieldFacts(const clang::CXXConstructorDecl *Ctor,
                              clang::ASTContext &Ctx, SymbolMap &Symbols);

/// The fields of `*this` that \p FD may set to something other than null
/// (assigned, address taken, bound to a non-const reference). A test of
/// such a field in \p FD says nothing about the value it had on entry.
llvm::SmallPtrSet<const clang::FieldDecl *, 4>
fieldsSetNonNull(const clang::FunctionDecl *FD, clang::ASTContext &Ctx);

using FreshLocals =
    llvm::DenseMap<const clang::VarDecl *,
                   llvm::SmallVector<const clang::CXXConstructorDecl *, 1>>;

/// The local pointer variables of \p Body that only ever hold null or an
/// object made there with `new`, and are only tested, deleted, returned or
/// used to reach a non-pointer field: the object never escapes before it is
/// deleted, so its pointer fields are what its constructor left. Each with
/// the constructors of those objects.
FreshLocals freshLocals(const clang::Stmt *Body, clang::ASTContext &Ctx);

} // namespace deadlock

#endif
