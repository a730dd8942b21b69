//===--- SymbolMap.h - Clang declarations to core Symbols -------*- C++ -*-===//

#ifndef CLANG_DEADLOCK_ANALYSIS_SYMBOLMAP_H
#define CLANG_DEADLOCK_ANALYSIS_SYMBOLMAP_H

#include "Core/Site.h"
#include "Core/Symbol.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace clang {
class Decl;
class SourceManager;
class FunctionDecl;
class ValueDecl;
} // namespace clang

namespace deadlock {

class SymbolMap {
public:
  explicit SymbolMap(SymbolTable &Table) : Table(Table) {}

  const Symbol *function(const clang::FunctionDecl *FD);
  /// A field, variable or parameter.
  const Symbol *variable(const clang::ValueDecl *VD);

  /// Gives every symbol created so far its cross-TU key (a USR). Only
  /// needed when summaries leave the process, so it is not done eagerly.
  void assignKeys();

  /// The declaration a symbol of this map stands for.
  const clang::Decl *declOf(const Symbol *S) const { return Decls.lookup(S); }

  /// Marks the lock class of \p VD recursive (pthread/C11 initialisation).
  void markRecursive(const clang::ValueDecl *VD);

private:
  Symbol &create(const clang::Decl *D);

  SymbolTable &Table;
  llvm::DenseMap<const clang::Decl *, Symbol *> Map;
  llvm::DenseMap<const Symbol *, const clang::Decl *> Decls;
  std::vector<std::pair<const clang::Decl *, Symbol *>> Created;
};

/// Resolves Sites made from SourceLocations (see siteOf) to the presumed
/// file, line and column of their expansion.
class ClangSiteResolver : public SiteResolver {
public:
  explicit ClangSiteResolver(const clang::SourceManager &SM) : SM(SM) {}
  Location resolve(Site S) const override;

private:
  const clang::SourceManager &SM;
};

/// "HashSet::Size", "Cache::mu_": qualified, with the template arguments of
/// enclosing class specializations left out, so catalog rows and messages
/// name `std::unique_lock::lock`, not `std::unique_lock<std::mutex>::lock`.
std::string qualifiedNameOf(const clang::Decl *D);

} // namespace deadlock

#endif
