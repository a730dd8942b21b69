//===--- LockCatalog.h - Every supported locking API, as data ---*- C++ -*-===//
//
// Like the Static Analyzer's CallDescriptionMap: each supported API is one
// row mapping a qualified name to its effect. Supporting a new library is one
// more row; check options append rows (see parseLockFunctionRows and
// friends). Functions and types carrying Clang's thread-safety attributes
// need no row: LockModel reads their attributes.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_ANALYSIS_LOCKCATALOG_H
#define CLANG_DEADLOCK_ANALYSIS_LOCKCATALOG_H

#include "Core/Summary.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace deadlock {

enum class LockAction : uint8_t {
  Acquire,       ///< Blocks until the lock is held.
  TryAcquire,    ///< Takes the lock if it is free; the result says whether.
  Release,       ///< Releases the lock, in whatever mode it is held.
  AcquireAll,    ///< std::lock(a, b, ...): all of them, deadlock-avoiding.
  TryAcquireAll, ///< std::try_lock(a, b, ...).
};

/// Which lock a row's function operates on.
enum class LockOperand : uint8_t {
  Object,        ///< The object of a member call: `mu.lock()`.
  FirstArgument, ///< `pthread_mutex_lock(&mu)` (pointer or reference).
  AllArguments,  ///< `std::lock(a, b)`.
};

struct LockFunction {
  std::string Name;
  LockAction Action;
  LockMode Mode = LockMode::Exclusive;
  LockOperand Operand = LockOperand::Object;
  SuccessValue Success = SuccessValue::True;
};

/// A type whose objects hold locks for a scope: constructed with the locks
/// (and an optional defer/try/adopt tag), released by the destructor.
struct GuardType {
  std::string Name;
  LockMode Mode = LockMode::Exclusive;
  /// unique_lock-like: can be constructed deferred or with try_to_lock,
  /// has member lock/unlock/release, and can be moved.
  bool Unique = false;
  /// Takes every argument as a lock (std::scoped_lock), deadlock-avoiding.
  bool AllArguments = false;
};

/// What a member function of a guard does (matched by the member's name on
/// any guard type).
enum class GuardAction : uint8_t {
  Lock,      ///< `lk.lock()`, Qt's `relock()`.
  TryLock,   ///< `lk.try_lock()`, `try_lock_for`, `try_lock_until`.
  Unlock,    ///< `lk.unlock()`, absl's `Release()`.
  Disown,    ///< `lk.release()`: the lock stays held, the guard forgets it.
  OwnsQuery, ///< `lk.owns_lock()`, `operator bool`.
};

struct GuardMethod {
  std::string Name;
  GuardAction Action;
};

/// The catalog of one analysis: the built-in rows plus the rows the user's
/// options add.
class LockCatalog {
public:
  /// The built-in rows.
  LockCatalog();

  void add(LockFunction Row);
  void add(GuardType Row);
  void addRecursiveType(llvm::StringRef Name);

  const LockFunction *findFunction(llvm::StringRef QualifiedName) const;
  const GuardType *findGuard(llvm::StringRef QualifiedTypeName) const;
  const GuardMethod *findGuardMethod(llvm::StringRef MethodName) const;
  bool isRecursiveType(llvm::StringRef QualifiedTypeName) const {
    return RecursiveTypes.contains(QualifiedTypeName);
  }
  /// The tags that change how a guard is constructed.
  enum class GuardTag { None, Defer, Try, Adopt };
  GuardTag classifyTag(llvm::StringRef QualifiedTypeName) const;

private:
  llvm::StringMap<LockFunction> Functions;
  llvm::StringMap<GuardType> Guards;
  llvm::StringMap<GuardMethod> GuardMethods;
  llvm::StringSet<> RecursiveTypes;
};

/// Option syntax, `;`-separated entries (whitespace ignored):
///   LockFunctions:       `name=effect`, effect one of acquire,
///                        acquire-shared, release, try-acquire,
///                        try-acquire-shared; append `:0` to a try effect
///                        when the function returns 0 on success.
///   GuardTypes:          `name` or `name=shared`, `name=unique`,
///                        `name=unique-shared`.
///   RecursiveLockTypes:  `name`.
/// Member functions act on their object, free functions on their first
/// argument. Errors name the offending entry.
llvm::Expected<std::vector<LockFunction>>
parseLockFunctionRows(llvm::StringRef Option);
llvm::Expected<std::vector<GuardType>> parseGuardTypeRows(llvm::StringRef Option);
std::vector<std::string> parseNameList(llvm::StringRef Option);

} // namespace deadlock

#endif
