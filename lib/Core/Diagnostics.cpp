//===--- Diagnostics.cpp --------------------------------------------------===//

#include "Diagnostics.h"
#include "LockGraph.h"
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
  F.Notes.push_back({Chain->Loc, llvm::formatv("{0} in call to '{1}' here",
                                               What, Chain->Callee->Name)});
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
  appendChainNotes(
      F, Held.Chain,
      llvm::formatv("'{0}' first acquired{1}", Name, modeAdverb(Held.Mode))
          .str(),
      Acquired);
  if (Again && Again->Callee)
    appendChainNotes(
        F, Again,
        llvm::formatv("'{0}' acquired{1} again", Name, modeAdverb(Mode)).str(),
        llvm::formatv("'{0}' acquired{1} here", Name, modeAdverb(Mode)).str());
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
  appendChainNotes(
      F, Held.Chain,
      llvm::formatv("'{0}' acquired{1}", Name, modeAdverb(Held.Mode)).str(),
      llvm::formatv("'{0}' acquired{1} here", Name, modeAdverb(Held.Mode))
          .str());
  return F;
}

static std::string className(const Symbol *Class) {
  return Class->QualifiedName.empty() ? Class->Name : Class->QualifiedName;
}

/// `'this->Mu' (class 'Bank::Mu')`, or just `'Mu'` when the lock is its own
/// class (a global): cycles are over classes, so say which.
static std::string withClass(const LockPath &Lock) {
  std::string Path = Lock.str();
  const Symbol *Class = Lock.lockClass();
  if (!Class || className(Class) == Path)
    return "'" + Path + "'";
  return "'" + Path + "' (class '" + className(Class) + "')";
}

/// Notes for one edge: where the first lock was taken, then where the
/// second was taken while the first was held.
static void appendOrderNotes(Finding &F, const OrderWitness &W) {
  std::string First = W.Held.Lock.str(), Second = W.Acquired.Lock.str();
  appendChainNotes(F, W.Held.Chain,
                   llvm::formatv("'{0}' acquired", First).str(),
                   llvm::formatv("'{0}' acquired here", First).str());
  appendChainNotes(
      F, W.Acquired.Chain,
      llvm::formatv("'{0}' acquired while holding '{1}'", Second, First).str(),
      llvm::formatv("'{0}' acquired here", Second).str());
}

Finding makeOrderInversion(llvm::ArrayRef<const OrderEdge *> Cycle,
                           unsigned Closing) {
  const OrderWitness &W = Cycle[Closing]->representative();
  Finding F;
  F.Check = CheckKind::LockOrderInversion;
  F.Loc = W.Acquired.Chain->Loc;
  std::string Held = withClass(W.Held.Lock),
              Acquired = withClass(W.Acquired.Lock);
  if (Cycle.size() == 2) {
    const OrderEdge *Other = Cycle[1 - Closing];
    F.Message = llvm::formatv(
        "{0} is acquired while holding {1}, but elsewhere '{2}' is "
        "acquired while holding '{3}'; two threads taking them in these "
        "orders deadlock",
        Acquired, Held, className(Other->To), className(Other->From));
  } else {
    std::string Order;
    for (unsigned I = 0; I < Cycle.size(); ++I) {
      const OrderEdge *E = Cycle[(Closing + 1 + I) % Cycle.size()];
      Order += "'" + className(E->From) + "' -> ";
    }
    Order += "'" + className(Cycle[(Closing + 1) % Cycle.size()]->From) + "'";
    F.Message = llvm::formatv(
        "{0} is acquired while holding {1}, closing the lock-order cycle "
        "{2}; threads taking these locks in these orders deadlock",
        Acquired, Held, Order);
  }
  // The closing edge first, then the others in cycle order.
  for (unsigned I = 0; I < Cycle.size(); ++I)
    appendOrderNotes(F, Cycle[(Closing + I) % Cycle.size()]->representative());
  return F;
}

Finding makeSameClassOrder(const HeldLock &Held, const HeldLock &Acquired) {
  Finding F;
  F.Check = CheckKind::LockOrderInversion;
  F.Loc = Acquired.Chain->Loc;
  F.Message = llvm::formatv(
      "'{0}' is acquired while holding '{1}', another lock of class '{2}'; "
      "two threads doing this with the objects swapped deadlock (take both "
      "with std::scoped_lock, or order them by address)",
      Acquired.Lock.str(), Held.Lock.str(),
      className(Acquired.Lock.lockClass()));
  OrderWitness W{nullptr, Held, Acquired};
  appendOrderNotes(F, W);
  return F;
}

Finding makeBlockingUnderLock(const HeldLock &Held, const BlockingOp &Op,
                              const Symbol *Callee,
                              const WakeWitness *Certain) {
  // An operation a front end saw through inlined calls blocks in the
  // first of them, as one a summary brings in does.
  if (!Callee)
    Callee = Op.Chain->Callee;
  std::string Lock = Held.Lock.str();
  std::string What =
      Callee
          ? llvm::formatv("across a call to '{0}', which blocks", Callee->Name)
                .str()
          : "while " + Op.Activity;
  Finding F;
  F.Check = CheckKind::BlockingUnderLock;
  F.Loc = Op.Chain->Loc;
  F.Certain = Certain != nullptr;
  F.IO = Op.Kind == BlockKind::IO;
  if (Certain)
    F.Message = llvm::formatv("'{0}' is held {1}, but what would wake it up "
                              "needs '{0}': deadlock",
                              Lock, What);
  else
    F.Message = llvm::formatv(
        "'{0}' is held {1}; every other thread that needs '{0}' is blocked "
        "as long as this thread waits",
        Lock, What);
  appendChainNotes(
      F, Held.Chain,
      llvm::formatv("'{0}' acquired{1}", Lock, modeAdverb(Held.Mode)).str(),
      llvm::formatv("'{0}' acquired here", Lock).str());
  if (Callee)
    appendChainNotes(
        F, Op.Chain, "blocking",
        llvm::formatv("'{0}' blocks here, {1}", Op.Blocker->Name, Op.Activity)
            .str());
  if (!Certain)
    return F;
  if (Certain->ThreadFunction) {
    appendChainNotes(
        F, Certain->HeldByWaker.Chain,
        llvm::formatv("the thread running '{0}' acquires '{1}'",
                      Certain->ThreadFunction->Name,
                      Certain->HeldByWaker.Lock.str())
            .str(),
        llvm::formatv("'{0}' acquired here", Certain->HeldByWaker.Lock.str())
            .str());
    return F;
  }
  std::string WakerLock = Certain->HeldByWaker.Lock.str();
  appendChainNotes(
      F, Certain->HeldByWaker.Chain,
      llvm::formatv("'{0}' acquired by the waker", WakerLock).str(),
      llvm::formatv("'{0}' acquired here", WakerLock).str());
  if (Certain->Wake->operationSite() == Op.Chain->operationSite())
    // Barriers and latches: the waker is another thread at the same place.
    F.Notes.push_back(
        {Certain->Wake->Loc,
         llvm::formatv("{0} here by other threads too, each holding '{1}'",
                       Certain->Activity, WakerLock)});
  else if (Certain->Wake->Callee)
    appendChainNotes(
        F, Certain->Wake,
        llvm::formatv("woken while '{0}' is held", WakerLock).str(),
        llvm::formatv("{0} here", Certain->Activity).str());
  else
    F.Notes.push_back(
        {Certain->Wake->Loc, llvm::formatv("{0} here while '{1}' is held",
                                           Certain->Activity, WakerLock)});
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
