//===--- Finding.h - What the analysis reports ------------------*- C++ -*-===//
//
// The analysis hands findings to a DeadlockHandler and knows nothing about how
// they are printed; each front end (clang-tidy, the Static Analyzer, the
// whole-program driver) implements the handler. The wording lives here, once,
// so every front end says the same thing.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_CORE_FINDING_H
#define CLANG_DEADLOCK_CORE_FINDING_H

#include "Site.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace deadlock {

enum class CheckKind : uint8_t {
  DoubleLock,
  RecursiveSharedLock,
  MissingUnlock,
  LockOrderInversion,
  BlockingUnderLock,
  /// Not a finding: a bound on the analysis was hit, so findings in that
  /// function may be incomplete.
  AnalysisLimit,
};

/// The check name users enable: "deadlock-double-lock".
llvm::StringRef checkName(CheckKind Kind);

struct Note {
  Site Loc;
  std::string Message;
};

struct Finding {
  CheckKind Check;
  Site Loc;
  std::string Message;
  llvm::SmallVector<Note, 4> Notes;
  /// blocking-under-lock: the wake-up needs the held lock (a certain
  /// deadlock), not merely "may block".
  bool Certain = false;
  /// blocking-under-lock: the blocking operation is I/O.
  bool IO = false;
};

class DeadlockHandler {
public:
  virtual ~DeadlockHandler();
  virtual void handleFinding(const Finding &F) = 0;
};

} // namespace deadlock

#endif
