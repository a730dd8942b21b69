//===--- LockPath.h - Naming lock instances relative to a function -*- C++ -*-//
//
// A lock path names a lock object relative to the function that touches it:
// a root (a global, `*this`, a parameter, a local, or something unknown)
// followed by field accesses, dereferences and element accesses. Summaries
// are written in lock paths, so a callee's `this->mu_` becomes the caller's
// `acct->mu_` when the summary is instantiated at a call site.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_CORE_LOCKPATH_H
#define CLANG_DEADLOCK_CORE_LOCKPATH_H

#include "Symbol.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace deadlock {

enum class RootKind : uint8_t {
  Global,    ///< Symbol is the variable.
  This,      ///< The object `*this`; no symbol.
  Parameter, ///< Symbol is the parameter; the root is its value.
  Local,     ///< Symbol is the local variable.
  Unknown,   ///< Not nameable; Symbol (optional) is where it came from,
             ///< e.g. the function whose result was locked.
};

enum class StepKind : uint8_t {
  Field, ///< `.f` (or `->f` after a Deref).
  Deref, ///< `*p`.
  Index, ///< `[*]`: any element of an array or container.
};

struct PathStep {
  StepKind Kind;
  const Symbol *Field = nullptr; ///< Only for StepKind::Field.
  friend bool operator==(const PathStep &A, const PathStep &B) {
    return A.Kind == B.Kind && A.Field == B.Field;
  }
  friend bool operator!=(const PathStep &A, const PathStep &B) {
    return !(A == B);
  }
};

class LockPath {
public:
  /// Longer paths (built by instantiating recursive summaries) are cut off
  /// and become unknown, which keeps composition finite.
  static constexpr unsigned MaxSteps = 8;

  LockPath() = default;
  static LockPath global(const Symbol *Var) {
    return LockPath(RootKind::Global, Var);
  }
  static LockPath thisObject() { return LockPath(RootKind::This, nullptr); }
  static LockPath parameter(const Symbol *Param) {
    return LockPath(RootKind::Parameter, Param);
  }
  static LockPath local(const Symbol *Var) {
    return LockPath(RootKind::Local, Var);
  }
  static LockPath unknown(const Symbol *Origin = nullptr) {
    return LockPath(RootKind::Unknown, Origin);
  }

  RootKind root() const { return Root; }
  const Symbol *rootSymbol() const { return RootSym; }
  llvm::ArrayRef<PathStep> steps() const { return Steps; }

  LockPath field(const Symbol *F) const;
  LockPath deref() const;
  LockPath index() const;
  /// This path with \p Steps appended.
  LockPath append(llvm::ArrayRef<PathStep> More) const;
  /// The same root with only the first \p N steps.
  LockPath prefix(size_t N) const;

  /// True if two equal paths certainly denote the same object on one
  /// thread: no unknown root and no `[*]` element. Double-lock findings need
  /// must-alias evidence, so they only compare precise paths.
  bool isPrecise() const;
  bool isUnknown() const { return Root == RootKind::Unknown; }

  /// The lock class (as in lockdep): the declaration that owns the lock.
  /// The last field if there is one, else the root's symbol; a wrapper's
  /// own member (Symbol::Wrapped) defers to what holds the wrapper, so
  /// `this->m3.mtx` is of class `SharedMutex::m3`, not the `Mutex::mtx`
  /// every wrapper shares. Null when the lock has no nameable class.
  const Symbol *lockClass() const;

  /// C++-like spelling: `this->mu_`, `acct->mu_`, `cache.mu`, `shards_[*].mu`.
  std::string str() const;

  friend bool operator==(const LockPath &A, const LockPath &B) {
    return A.Root == B.Root && A.RootSym == B.RootSym && A.Steps == B.Steps;
  }
  friend bool operator!=(const LockPath &A, const LockPath &B) {
    return !(A == B);
  }
  friend bool operator<(const LockPath &A, const LockPath &B);
  friend llvm::hash_code hash_value(const LockPath &P);

private:
  LockPath(RootKind Root, const Symbol *Sym) : Root(Root), RootSym(Sym) {}

  RootKind Root = RootKind::Unknown;
  const Symbol *RootSym = nullptr;
  llvm::SmallVector<PathStep, 2> Steps;
};

/// What a call passes for `this` or for one parameter, in the caller's
/// terms: either the object at Path, or (AddressOf) a pointer to it.
struct PathValue {
  LockPath Path;
  bool AddressOf = false;
  friend bool operator==(const PathValue &A, const PathValue &B) {
    return A.Path == B.Path && A.AddressOf == B.AddressOf;
  }
};

/// What a field of the object holds, known from how the object was
/// constructed: `MutexLock l(&mu)` with a constructor `: mu_(m)` makes
/// `l.mu_` hold `&mu`.
struct FieldValue {
  const Symbol *Field = nullptr;
  PathValue Value;
};

/// How a call site binds the callee's roots. `ThisIsCallers` is set for
/// lambdas and other closures whose `this` is the enclosing object.
struct CallBindings {
  std::optional<PathValue> This;
  bool ThisIsCallers = false;
  llvm::SmallVector<std::optional<PathValue>, 2> Args;
  /// Known contents of fields of `*this` (pointer or reference fields).
  llvm::SmallVector<FieldValue, 1> ThisFields;
};

/// Rewrites a callee's lock path into the caller's terms. Globals and the
/// callee's own locals are unchanged; `this` and parameters are replaced by
/// what the call passed (a field of `this` by its known value); anything the
/// call did not pass becomes unknown.
LockPath instantiate(const LockPath &CalleePath, const CallBindings &Call);

} // namespace deadlock

namespace llvm {
template <> struct DenseMapInfo<deadlock::LockPath> {
  static deadlock::LockPath getEmptyKey() {
    return deadlock::LockPath::unknown(&EmptySym());
  }
  static deadlock::LockPath getTombstoneKey() {
    return deadlock::LockPath::unknown(&TombstoneSym());
  }
  static unsigned getHashValue(const deadlock::LockPath &P) {
    return static_cast<unsigned>(hash_value(P));
  }
  static bool isEqual(const deadlock::LockPath &A,
                      const deadlock::LockPath &B) {
    return A == B;
  }

private:
  using Symbol = deadlock::Symbol;
  static Symbol &EmptySym() {
    static Symbol S{deadlock::SymbolKind::Function, "<empty>", "", ""};
    return S;
  }
  static Symbol &TombstoneSym() {
    static Symbol S{deadlock::SymbolKind::Function, "<tombstone>", "", ""};
    return S;
  }
};
} // namespace llvm

#endif
