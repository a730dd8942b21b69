//===--- Summary.h - What a function does to locks --------------*- C++ -*-===//
//
// A FunctionSummary records, in lock paths relative to the function, every
// acquisition it performs with the locks it holds at that moment, every call
// it makes with the locks held across it, and its net effect on locks when it
// returns. Summaries are local (callees are referenced, not inlined), so the
// same composition runs inside one translation unit and across many.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_CORE_SUMMARY_H
#define CLANG_DEADLOCK_CORE_SUMMARY_H

#include "Finding.h"
#include "LockPath.h"
#include "Site.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/Support/Allocator.h"
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace deadlock {

enum class LockMode : uint8_t { Exclusive, Shared };

/// The value a try-acquire returns when it succeeded.
enum class SuccessValue : uint8_t {
  True,     ///< `bool try_lock()`.
  Zero,     ///< `pthread_mutex_trylock`, `mtx_trylock`: 0 on success.
  MinusOne, ///< `std::try_lock(a, b, ...)`: -1 when all were taken.
};

/// Whether a function that returns holding a lock on some paths only is a
/// try-lock wrapper: the return value is known at every exit (\p AllKnown)
/// and the lock is held exactly where it returns its success value (true
/// for bool, 0 for other integers, as pthread's). Returns that value.
inline std::optional<SuccessValue>
tryWrapperSuccess(bool ReturnsBool, bool ReturnsInteger,
                  const std::set<int64_t> &HeldValues,
                  const std::set<int64_t> &FreeValues, bool AllKnown) {
  if (!AllKnown || HeldValues.size() != 1 ||
      FreeValues.count(*HeldValues.begin()))
    return std::nullopt;
  int64_t Success = *HeldValues.begin();
  if (ReturnsBool && Success == 1)
    return SuccessValue::True;
  if (ReturnsInteger && !ReturnsBool && Success == 0)
    return SuccessValue::Zero;
  return std::nullopt;
}

/// Kinds of blocking operation; a wake-up of the same kind on the same
/// object class is what ends the wait.
enum class BlockKind : uint8_t {
  ConditionWait, ///< condition variables: woken by notify.
  Future,        ///< future get/wait: woken by set_value on its promise.
  Join,          ///< thread join: ends when the thread function returns.
  Semaphore,     ///< semaphore acquire: woken by release.
  Latch,         ///< latch/barrier/counter wait: woken by count down.
  Notification,  ///< one-shot events: woken by Notify.
  ChannelRecv,   ///< channel receive: woken by a send or close.
  ChannelSend,   ///< channel send (full): woken by a receive.
  Sleep,         ///< sleeps: nothing wakes them early.
  IO,            ///< blocking I/O: woken by the outside world.
  Declared,      ///< a function the user declared blocking.
};

/// One step on the way from a function to a lock operation: a call (Callee
/// set) or the operation itself (Callee null, Next null). Chains are shared
/// and immutable, so instantiating a callee's record at a call site costs one
/// link.
struct ChainLink {
  Site Loc;
  const Symbol *Callee = nullptr;
  const ChainLink *Next = nullptr;

  /// The site of the lock operation at the end of the chain.
  Site operationSite() const;
  unsigned depth() const;
};

class ChainArena {
public:
  const ChainLink *operation(Site Loc) { return make(Loc, nullptr, nullptr); }
  const ChainLink *call(Site Loc, const Symbol *Callee, const ChainLink *Next) {
    return make(Loc, Callee, Next);
  }

private:
  const ChainLink *make(Site Loc, const Symbol *Callee, const ChainLink *Next);
  llvm::SpecificBumpPtrAllocator<ChainLink> Alloc;
};

/// A lock held by a thread, and how it came to be held.
struct HeldLock {
  LockPath Lock;
  LockMode Mode = LockMode::Exclusive;
  /// Recursive mutex, reentrant capability: taking it again is fine.
  bool Reentrant = false;
  /// Locks taken together by a deadlock-avoiding primitive (std::lock,
  /// std::scoped_lock) share a nonzero group; no order among them is implied.
  unsigned Group = 0;
  const ChainLink *Chain = nullptr;
};

/// Fields of `*this` that the path to a record tested non-null
/// (`if (signaler_) delete signaler_;`): the record does not happen when
/// one of them is null, as in the destructor of a fresh object whose
/// constructor left it null.
using NonNullFields = llvm::SmallVector<const Symbol *, 0>;

/// An acquisition performed by a function (directly: Lock.Chain has no
/// calls; or through callees, after composition).
struct Acquisition {
  HeldLock Lock;
  NonNullFields IfNonNull;
  /// Locks this function holds at that moment.
  llvm::SmallVector<HeldLock, 2> Held;
  /// Locks this function has released without taking them (its caller's),
  /// so they are not held at that moment even if the caller held them.
  llvm::SmallVector<LockPath, 1> Released;
};

/// A call to a function that has (or may have, in another translation unit)
/// a summary.
struct CallRecord {
  const Symbol *Callee = nullptr;
  Site Loc;
  CallBindings Bindings;
  NonNullFields IfNonNull;
  /// For `delete p` of an object this function made with `new` and did not
  /// let escape: the constructors that may have made it. The fields they
  /// leave null are null in its destructor.
  llvm::SmallVector<const Symbol *, 0> FreshFrom;
  llvm::SmallVector<HeldLock, 2> Held;
  llvm::SmallVector<LockPath, 1> Released;
};

/// A blocking operation performed while the function (or its callees, after
/// composition) may hold locks.
struct BlockingOp {
  BlockKind Kind = BlockKind::Declared;
  NonNullFields IfNonNull;
  /// What it waits on; its class is matched against wake-ups.
  LockPath Waited;
  /// A condition wait's mutex, released while waiting (so not "held").
  std::optional<LockPath> Releases;
  /// Bounded by a timeout: it blocks, but cannot deadlock forever.
  bool Timed = false;
  /// The function whose body contains the operation, and what it does
  /// there, in that function's terms ("waiting on condition variable
  /// 'this->not_empty_'").
  const Symbol *Blocker = nullptr;
  std::string Activity;
  /// For joins and async futures: functions whose return ends the wait.
  llvm::SmallVector<const Symbol *, 1> Finishers;
  const ChainLink *Chain = nullptr;
  llvm::SmallVector<HeldLock, 2> Held;
  llvm::SmallVector<LockPath, 1> Released;
};

/// An operation that ends a wait: notify, set_value, release, count_down.
struct WakeOp {
  BlockKind Kind = BlockKind::ConditionWait;
  LockPath Woken;
  /// "'this->not_empty_' is notified", in the terms of the function that
  /// does it.
  std::string Activity;
  const ChainLink *Chain = nullptr;
  llvm::SmallVector<HeldLock, 2> Held;
  llvm::SmallVector<LockPath, 1> Released;
};

/// A function's net effect on the caller's lockset.
struct ExitEffect {
  /// Held on every normal return: an acquire wrapper.
  llvm::SmallVector<HeldLock, 1> Acquired;
  /// Released on every normal return without being taken: a release wrapper.
  llvm::SmallVector<LockPath, 1> Released;
  /// Held exactly on the returns that report success: a try-acquire
  /// wrapper (`bool TryLock() { return mu_.try_lock(); }`).
  llvm::SmallVector<HeldLock, 1> TryAcquired;
  SuccessValue Success = SuccessValue::True;

  bool empty() const {
    return Acquired.empty() && Released.empty() && TryAcquired.empty();
  }
};

/// The pointer fields a constructor leaves null: those it initialises to
/// null and does not set, and those its base (or delegated-to) constructors
/// leave null unless it sets them. Empty when `this` escapes it (a member
/// function called from it could set anything).
struct NullFieldFacts {
  llvm::SmallVector<const Symbol *, 2> Fields;
  llvm::SmallVector<const Symbol *, 1> Bases;
  /// Fields the body writes (its own and its bases').
  llvm::SmallVector<const Symbol *, 1> Written;

  bool empty() const { return Fields.empty() && Bases.empty(); }
};

struct FunctionSummary {
  const Symbol *Function = nullptr;
  Site Loc;
  std::vector<Acquisition> Acquisitions;
  std::vector<CallRecord> Calls;
  std::vector<BlockingOp> Blocks;
  std::vector<WakeOp> Wakes;
  ExitEffect Exit;
  /// Findings that need nothing but this function's body.
  std::vector<Finding> Findings;
  /// The function compares the addresses (or other keys) of two lock
  /// owners, as code that takes two locks of one class in a fixed order
  /// does; same-class pairs taken here are not reported.
  bool OrdersInstances = false;
  /// Declared non-blocking by the user: blocking inside it is not reported
  /// at its callers.
  bool NonBlocking = false;
  /// Descriptors the function puts in non-blocking mode (directly; after
  /// composition, also through its callees): I/O on them does not block.
  llvm::SmallVector<LockPath, 1> NonBlockingDescriptors;
  /// Only callable from where it is visible (internal linkage, lambdas): all
  /// its callers are known, so locks they all hold guard its lock orders.
  bool Internal = false;
  /// Summarised only for the program facts it carries: it reaches no lock,
  /// blocking call or mode switch in its own translation unit, but calls
  /// functions defined elsewhere (whose descriptor switches reach what it
  /// passes them) or is a constructor that leaves fields null. Lock chains
  /// are not composed through it.
  bool FactsOnly = false;
  /// For constructors.
  NullFieldFacts LeavesNull;
};

/// Everything the composition needs: symbols, chains and summaries of all
/// functions of a translation unit (or, after merging, of a program).
struct ProgramSummaries {
  SymbolTable Symbols;
  ChainArena Chains;
  llvm::MapVector<const Symbol *, FunctionSummary> Functions;
  /// Source of HeldLock::Group ids, unique across the program.
  unsigned NextGroup = 1;
  /// Constructor -> the fields it leaves null, bases resolved
  /// (deriveProgramFacts).
  llvm::DenseMap<const Symbol *, llvm::SmallVector<const Symbol *, 2>>
      NullAfterConstruction;
};

} // namespace deadlock

#endif
