//===--- Diagnostics.cpp --------------------------------------------------===//

#include "Diagnostics.h"
#include "llvm/Support/FormatVariadic.h"

namespace deadlock {

DeadlockHandler::~DeadlockHandler() = default;

llvm::StringRef checkName(CheckKind Kind) {
  switch (Kind) {
  case CheckKind::DoubleLock:
    return "deadlock-double-lock";
  case CheckKind::RecursiveSharedLock:
    return "deadlock-recursive-shared-lock";
  case CheckKind::MissingUnlock:
    return "deadlock-missing-unlock";
  case CheckKind::LockOrderInversion:
    return "deadlock-lock-order-inversion";
  case CheckKind::BlockingUnderLock:
    return "deadlock-blocking-under-lock";
  case CheckKind::AnalysisLimit:
    return "deadlock-analysis-limit";
  }
  llvm_unreachable("unknown check kind");
}

llvm::StringRef modeAdverb(LockMode Mode) {
  return Mode == LockMode::Shared ? " shared" : "";
}

Site ChainLink::operationSite() const {
  const ChainLink *L = this;
  while (L->Next)
    L = L->Next;
  return L->Loc;
}

unsigned ChainLink::depth() const {
  unsigned Depth = 0;
  for (const ChainLink *L = this; L->Next; L = L->Next)
    ++Depth;
  return Depth;
}

const ChainLink *ChainArena::make(Site Loc, const Symbol *Callee,
                                  const ChainLink *Next) {
  return new (Alloc.Allocate()) ChainLink{Loc, Callee, Next};
}

void appendChainNotes(Finding &F, const ChainLink *Chain, llvm::StringRef What,
                      llvm::StringRef OperationNote) {
  if (!Chain->Callee) {
    F.Notes.push_back({Chain->Loc, (What + " here").str()});
    return;
  }
  F.Notes.push_back(
      {Chain->Loc,
       llvm::formatv("{0} in call to '{1}' here", What, Chain->Callee->Name)});
  const ChainLink *L = Chain->Next;
  for (; L && L->Callee; L = L->Next)
    F.Notes.push_back(
        {L->Loc, llvm::formatv("in call to '{0}' here", L->Callee->Name)});
  if (L)
    F.Notes.push_back({L->Loc, OperationNote.str()});
}

Finding makeReacquisition(const LockPath &Lock, const HeldLock &Held,
                          LockMode Mode, Site At, const ChainLink *Again) {
  std::string Name = Lock.str();
  Finding F;
  F.Loc = At;
  if (Held.Mode == LockMode::Shared && Mode == LockMode::Shared) {
    F.Check = CheckKind::RecursiveSharedLock;
    F.Message = llvm::formatv(
        "'{0}' is acquired shared while this thread already holds it shared; "
        "a writer queued between the two acquisitions blocks both and "
        "deadlocks",
        Name);
  } else {
    F.Check = CheckKind::DoubleLock;
    if (Held.Mode == LockMode::Shared)
      F.Message = llvm::formatv(
          "'{0}' is acquired exclusively while this thread holds it shared; "
          "the upgrade waits for this thread's own shared lock and deadlocks",
          Name);
    else if (Mode == LockMode::Shared)
      F.Message = llvm::formatv("'{0}' is acquired shared while this thread "
                                "holds it exclusively; this deadlocks",
                                Name);
    else
      F.Message = llvm::formatv(
          "'{0}' is already held by this thread; acquiring it again deadlocks",
          Name);
  }
  std::string Acquired =
      llvm::formatv("'{0}' acquired{1} here", Name, modeAdverb(Held.Mode));
  appendChainNotes(F, Held.Chain,
                   llvm::formatv("'{0}' first acquired{1}", Name,
                                 modeAdverb(Held.Mode))
                       .str(),
                   Acquired);
  if (Again && Again->Callee)
    appendChainNotes(F, Again,
                     llvm::formatv("'{0}' acquired{1} again", Name,
                                   modeAdverb(Mode))
                         .str(),
                     llvm::formatv("'{0}' acquired{1} here", Name,
                                   modeAdverb(Mode))
                         .str());
  return F;
}

Finding makeMissingUnlock(const HeldLock &Held, Site Exit,
                          bool AtEndOfFunction) {
  std::string Name = Held.Lock.str();
  Finding F;
  F.Check = CheckKind::MissingUnlock;
  F.Loc = Exit;
  F.Message = llvm::formatv(
      "'{0}' is still held {1} but released on other paths", Name,
      AtEndOfFunction ? "at the end of the function" : "at this return");
  appendChainNotes(F, Held.Chain,
                   llvm::formatv("'{0}' acquired{1}", Name,
                                 modeAdverb(Held.Mode))
                       .str(),
                   llvm::formatv("'{0}' acquired here", Name).str());
  return F;
}

Finding makeAnalysisLimit(const Symbol &Function, Site Loc,
                          llvm::StringRef Bound, unsigned Limit) {
  Finding F;
  F.Check = CheckKind::AnalysisLimit;
  F.Loc = Loc;
  F.Message = llvm::formatv("deadlock analysis of '{0}' stopped at the limit "
                            "of {1} {2}; findings in it may be incomplete",
                            Function.QualifiedName, Limit, Bound);
  return F;
}

} // namespace deadlock
