//===--- BlockingCatalog.h - Calls that block, and what wakes them -*- C++ -*-//
//
// The second declarative table: each row maps a qualified name to a kind of
// blocking operation (which object it waits on, which lock a condition wait
// releases while waiting), or to the operation that wakes such a waiter
// (notify, set_value, release, count_down, Notify). Options add rows
// (BlockingFunctions) and remove them (NonBlockingFunctions).
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_ANALYSIS_BLOCKINGCATALOG_H
#define CLANG_DEADLOCK_ANALYSIS_BLOCKINGCATALOG_H

#include "Core/Summary.h"

namespace clang {
class ASTContext;
class Expr;
} // namespace clang
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <string>

namespace deadlock {

/// Where a row finds an object in a call: none, the object of a member
/// call, or argument N.
struct CallOperand {
  enum Kind : uint8_t { None, Object, Argument } OperandKind = None;
  unsigned Index = 0;

  static CallOperand none() { return {}; }
  static CallOperand object() { return {Object, 0}; }
  static CallOperand argument(unsigned I) { return {Argument, I}; }
};

struct BlockingFunction {
  std::string Name;
  BlockKind Kind;
  /// What the call waits on (a condition variable, future, thread, ...).
  CallOperand Waited;
  /// For condition waits: the lock released while waiting (a guard, a
  /// mutex, or a pointer to one).
  CallOperand Releases;
  /// Argument holding a timeout: a zero timeout makes the call a poll.
  CallOperand Timeout;
  /// Blocking I/O, which the IncludeIO option can leave out of reports.
  bool IO = false;
  /// How to describe the wait ("waiting on latch"); empty: by its kind.
  std::string What = "";
};

struct WakeFunction {
  std::string Name;
  BlockKind Kind;
  CallOperand Woken;
  /// What happens to the object: "'X' <Verb>" ("is notified").
  std::string Verb;
};

/// A call that can put a file descriptor in non-blocking mode
/// (`fcntl(fd, F_SETFL, flags | O_NONBLOCK)`): I/O on that descriptor
/// returns at once instead of blocking.
struct DescriptorModeFunction {
  std::string Name;
  CallOperand Descriptor;
  /// The argument that sets the mode when it mentions Flag.
  CallOperand Mode;
  std::string Flag;
};

/// What a call to \p Row does, for messages: "waiting on condition variable
/// 'this->cv_'", "sleeping in 'usleep'" (\p Waited names the object in the
/// caller's terms, \p Callee the function called).
std::string blockingActivity(const BlockingFunction &Row,
                             const LockPath &Waited, llvm::StringRef Callee);
/// "'this->cv_' is notified".
std::string wakeActivity(const WakeFunction &Row, const LockPath &Woken,
                         llvm::StringRef Callee);

/// How long a call to \p Row with timeout argument \p Timeout (null if none
/// or not given) can wait: nullopt when it cannot block (a zero timeout, a
/// poll), true when bounded, false when it may wait forever.
std::optional<bool> boundedWait(const BlockingFunction &Row,
                                const clang::Expr *Timeout,
                                clang::ASTContext &Ctx);

class BlockingCatalog {
public:
  /// The built-in rows.
  BlockingCatalog();

  /// Calls to these names block (no wake-up known: "may block").
  void addBlocking(llvm::StringRef Name);
  /// Calls to these names do not block, whatever the built-in rows say.
  void addNonBlocking(llvm::StringRef Name);

  const BlockingFunction *findBlocking(llvm::StringRef QualifiedName) const;
  const WakeFunction *findWake(llvm::StringRef QualifiedName) const;
  const DescriptorModeFunction *
  findDescriptorMode(llvm::StringRef QualifiedName) const;
  bool isNonBlocking(llvm::StringRef QualifiedName) const {
    return NonBlocking.contains(QualifiedName);
  }

private:
  void add(BlockingFunction Row);
  llvm::StringMap<BlockingFunction> Blocking;
  llvm::StringMap<WakeFunction> Wakes;
  llvm::StringMap<DescriptorModeFunction> DescriptorModes;
  llvm::StringSet<> NonBlocking;
};

} // namespace deadlock

#endif
