//===--- Symbol.h - Declarations the analysis talks about -------*- C++ -*-===//
//
// The analysis core never sees Clang declarations. Front ends map each
// declaration that matters (a lock field, a global, a parameter, a function)
// to a Symbol; everything in lib/Core is written in Symbols, so it can be
// tested, serialized and merged across translation units without an AST.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_CORE_SYMBOL_H
#define CLANG_DEADLOCK_CORE_SYMBOL_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <deque>
#include <string>

namespace deadlock {

enum class SymbolKind : uint8_t {
  Field,     ///< A data member: the usual lock class.
  Global,    ///< A variable with static storage duration.
  Local,     ///< A variable with automatic storage duration.
  Parameter, ///< A function parameter.
  Function,  ///< A function (callee of a call, or origin of a returned lock).
};

struct Symbol {
  SymbolKind Kind;
  /// The name as users write it: "mu_", "acct", "Size".
  std::string Name;
  /// The fully qualified name: "Account::mu_", "HashSet::Size".
  std::string QualifiedName;
  /// A stable identity across translation units (a USR). Symbols with the
  /// same non-empty key denote the same entity.
  std::string Key;
  /// The position of a parameter.
  unsigned ParamIndex = 0;
  /// A lock class known to be recursive from how it is initialised
  /// (pthread_mutexattr_settype(..., PTHREAD_MUTEX_RECURSIVE), mtx_recursive).
  bool KnownRecursive = false;
  /// A member that is the lock (or wait queue) of a wrapper class: a lock
  /// reached through it belongs to the class of the field holding the
  /// wrapper (see LockPath::lockClass).
  bool Wrapped = false;
};

/// Owns Symbols at stable addresses; symbols are compared by address.
class SymbolTable {
public:
  Symbol &create(SymbolKind Kind, llvm::StringRef Name,
                 llvm::StringRef QualifiedName, llvm::StringRef Key = "");
  /// The symbol with this key, creating it if needed (for readers of
  /// serialized summaries, where keys are the identity).
  Symbol &getOrCreate(SymbolKind Kind, llvm::StringRef Name,
                      llvm::StringRef QualifiedName, llvm::StringRef Key);
  Symbol *lookup(llvm::StringRef Key) const { return ByKey.lookup(Key); }
  size_t size() const { return Storage.size(); }

private:
  std::deque<Symbol> Storage;
  llvm::StringMap<Symbol *> ByKey;
};

} // namespace deadlock

#endif
