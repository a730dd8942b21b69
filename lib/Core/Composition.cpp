//===--- Composition.cpp --------------------------------------------------===//

#include "Composition.h"
#include "Diagnostics.h"
#include "LockGraph.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLExtras.h"
#include <map>
#include <set>
#include <tuple>

namespace deadlock {

namespace {

/// `this->mu_` then `this->next_->mu_`: the second lock is reached from the
/// object owning the first, as when walking down a tree or list.
bool reachedFromOwner(const LockPath &First, const LockPath &Second) {
  if (First.root() != Second.root() ||
      First.rootSymbol() != Second.rootSymbol())
    return false;
  llvm::ArrayRef<PathStep> Owner = First.steps().drop_back();
  llvm::ArrayRef<PathStep> Steps = Second.steps();
  return Steps.size() > First.steps().size() &&
         Steps.take_front(Owner.size()) == Owner;
}

/// Whether the operation at the end of \p Chain, as seen from \p Root,
/// happens inside a call of \p F.
bool runsInside(const Symbol *Root, const ChainLink *Chain, const Symbol *F) {
  if (Root == F)
    return true;
  for (const ChainLink *L = Chain; L; L = L->Next)
    if (L->Callee == F)
      return true;
  return false;
}

/// Whether two functions are members of one class (by qualified name).
bool sameClass(const Symbol *A, const Symbol *B) {
  llvm::StringRef ClassA = llvm::StringRef(A->QualifiedName).rsplit("::").first;
  llvm::StringRef ClassB = llvm::StringRef(B->QualifiedName).rsplit("::").first;
  return A->QualifiedName.find("::") != std::string::npos && ClassA == ClassB;
}

/// Paths, modes and locks held and released: what makes two transitive
/// acquisitions different (chains aside; the first one found is kept).
std::string acquisitionKey(const LockPath &Lock, LockMode Mode,
                           llvm::ArrayRef<HeldLock> Held,
                           llvm::ArrayRef<LockPath> Released,
                           llvm::ArrayRef<const Symbol *> IfNonNull) {
  std::string Key = std::to_string(hash_value(Lock)) + "/" +
                    std::to_string(static_cast<int>(Mode));
  for (const Symbol *Field : IfNonNull)
    Key += "|n" + std::to_string(reinterpret_cast<uintptr_t>(Field));
  for (const HeldLock &H : Held)
    Key += "|" + std::to_string(hash_value(H.Lock)) + "/" +
           std::to_string(static_cast<int>(H.Mode));
  Key += "|r";
  for (const LockPath &P : Released)
    Key += "|" + std::to_string(hash_value(P));
  return Key;
}

class Composer {
public:
  Composer(ProgramSummaries &Program, DeadlockHandler &Handler,
           const CompositionLimits &Limits)
      : Program(Program), Handler(Handler), Limits(Limits) {}

  void run();

private:
  struct Transitive {
    std::vector<Acquisition> Acquisitions;
    std::vector<BlockingOp> Blocks;
    std::vector<WakeOp> Wakes;
    std::set<std::string> Keys;
    bool Truncated = false;
  };

  /// A callee acquisition seen from a call site.
  struct AtCall {
    HeldLock Lock;
    /// The caller's locks still held when it happens.
    llvm::SmallVector<HeldLock, 2> CallerHeld;
    /// Locks the callee holds then, in the caller's terms.
    llvm::SmallVector<HeldLock, 2> CalleeHeld;
    llvm::SmallVector<LockPath, 1> Released;
    NonNullFields IfNonNull;
  };

  const FunctionSummary *summaryOf(const Symbol *F) const {
    auto It = Program.Functions.find(F);
    return It == Program.Functions.end() ? nullptr : &It->second;
  }
  std::vector<std::vector<const Symbol *>> bottomUpComponents() const;
  bool extend(const Symbol *F, const FunctionSummary &S);
  bool add(Transitive &T, Acquisition A);
  bool add(Transitive &T, BlockingOp B);
  bool add(Transitive &T, WakeOp W);
  /// Whether \p T may grow by one more record (and notes it when not).
  bool hasRoom(Transitive &T);
  /// The caller's locks held while a callee does something that released
  /// \p CalleeReleased (and, for condition waits, \p WaitReleases).
  llvm::SmallVector<HeldLock, 2>
  callerHeld(const CallRecord &C, llvm::ArrayRef<LockPath> CalleeReleased,
             const std::optional<LockPath> &WaitReleases = std::nullopt);
  BlockingOp atCall(const BlockingOp &B, const CallRecord &C,
                    llvm::SmallVector<HeldLock, 2> &CallerHeldOut);
  WakeOp atCall(const WakeOp &W, const CallRecord &C);
  /// \p Holder is the function that holds the locks and (through
  /// \p Callee, if set) blocks.
  void checkBlocking(const Symbol *Holder, const BlockingOp &Op,
                     llvm::ArrayRef<HeldLock> Held, const Symbol *Callee);
  AtCall atCall(const Acquisition &A, const CallRecord &C);
  /// A callee record's non-null tests, seen from the call.
  NonNullFields ifNonNullAt(llvm::ArrayRef<const Symbol *> InCallee,
                            const CallRecord &C);
  /// Whether a callee record that needs \p IfNonNull cannot happen at
  /// \p C: a destructor call on a fresh object whose constructors leave
  /// one of those fields null.
  bool ruledOut(const CallRecord &C,
                llvm::ArrayRef<const Symbol *> IfNonNull) const;
  HeldLock instantiated(const HeldLock &H, const CallRecord &C);
  void check(const Symbol *F, const FunctionSummary &S);
  void addEdge(const Symbol *F, const FunctionSummary &S, const HeldLock &Held,
               const HeldLock &Acquired,
               llvm::ArrayRef<const Symbol *> AllHeld);
  void reportCycles();
  /// For internal functions: lock classes held at every call of them.
  void computeEntryGates();
  void report(Finding F);

  ProgramSummaries &Program;
  DeadlockHandler &Handler;
  const CompositionLimits &Limits;
  llvm::DenseMap<const Symbol *, Transitive> Trans;
  /// Every wake-up seen from every function, by the class it wakes.
  /// Wake-ups by the class they wake, as the outermost callers (functions
  /// nobody here calls) see them.
  llvm::DenseMap<const Symbol *,
                 std::vector<std::pair<const Symbol *, const WakeOp *>>>
      WakeContexts;

  llvm::DenseMap<const Symbol *, llvm::SmallVector<const Symbol *, 2>>
      EntryGates;
  LockGraph Graph;
  /// Two locks of one class taken together, by class.
  struct SameClassPairs {
    llvm::SmallVector<std::pair<HeldLock, HeldLock>, 2> Pairs;
    llvm::SmallVector<const Symbol *, 2> Gates;
  };
  llvm::MapVector<const Symbol *, SameClassPairs> SameClass;
  std::set<std::tuple<CheckKind, uint64_t, std::string>> Reported;
  /// Several blocking operations may lie behind one call; report the most
  /// telling one per call and held lock: a certain deadlock over a softer
  /// finding, other blocking over I/O (which an option may hide).
  std::map<std::pair<uint64_t, std::string>, Finding> BlockingFindings;
  void reportBlocking(Finding F);
};

/// Tarjan's algorithm; components come out callees first.
std::vector<std::vector<const Symbol *>> Composer::bottomUpComponents() const {
  std::vector<std::vector<const Symbol *>> Components;
  llvm::DenseMap<const Symbol *, unsigned> IndexOf, LowLink;
  llvm::DenseSet<const Symbol *> OnStack;
  std::vector<const Symbol *> Stack;
  unsigned Next = 0;
  // Iterative DFS: (function, next call to look at).
  std::vector<std::pair<const Symbol *, size_t>> Work;
  for (auto &[Root, RootSummary] : Program.Functions) {
    if (IndexOf.count(Root))
      continue;
    Work.push_back({Root, 0});
    while (!Work.empty()) {
      auto &[F, CallIndex] = Work.back();
      const FunctionSummary &S = *summaryOf(F);
      if (CallIndex == 0 && !IndexOf.count(F)) {
        IndexOf[F] = LowLink[F] = Next++;
        Stack.push_back(F);
        OnStack.insert(F);
      }
      bool Descended = false;
      while (CallIndex < S.Calls.size()) {
        const Symbol *Callee = S.Calls[CallIndex++].Callee;
        if (!Callee || !summaryOf(Callee))
          continue;
        if (!IndexOf.count(Callee)) {
          Work.push_back({Callee, 0});
          Descended = true;
          break;
        }
        if (OnStack.contains(Callee))
          LowLink[F] = std::min(LowLink[F], IndexOf[Callee]);
      }
      if (Descended)
        continue;
      const Symbol *Done = F;
      Work.pop_back();
      if (!Work.empty())
        LowLink[Work.back().first] =
            std::min(LowLink[Work.back().first], LowLink[Done]);
      if (LowLink[Done] == IndexOf[Done]) {
        std::vector<const Symbol *> Component;
        const Symbol *Member;
        do {
          Member = Stack.back();
          Stack.pop_back();
          OnStack.erase(Member);
          Component.push_back(Member);
        } while (Member != Done);
        Components.push_back(std::move(Component));
      }
    }
  }
  return Components;
}

/// Whether a lock's class is only known at the call (\p InCaller is
/// \p InCallee instantiated there): a parameter, or a lock inside a
/// wrapper whose owner names the class.
static bool classDependsOnCall(const HeldLock &InCallee,
                               const HeldLock &InCaller) {
  const Symbol *Class = InCallee.Lock.lockClass();
  return !Class || Class->Kind == SymbolKind::Parameter ||
         Class != InCaller.Lock.lockClass();
}

HeldLock Composer::instantiated(const HeldLock &H, const CallRecord &C) {
  HeldLock Out = H;
  Out.Lock = instantiate(H.Lock, C.Bindings);
  Out.Chain = Program.Chains.call(C.Loc, C.Callee, H.Chain);
  return Out;
}

Composer::AtCall Composer::atCall(const Acquisition &A, const CallRecord &C) {
  AtCall Out;
  llvm::SmallVector<LockPath, 1> ReleasedByCallee;
  for (const LockPath &P : A.Released)
    ReleasedByCallee.push_back(instantiate(P, C.Bindings));
  for (const HeldLock &H : C.Held)
    if (!llvm::is_contained(ReleasedByCallee, H.Lock))
      Out.CallerHeld.push_back(H);
  for (const HeldLock &H : A.Held)
    Out.CalleeHeld.push_back(instantiated(H, C));
  Out.Released.assign(C.Released.begin(), C.Released.end());
  for (const LockPath &P : ReleasedByCallee)
    if (!llvm::any_of(C.Held, [&](const HeldLock &H) { return H.Lock == P; }) &&
        !llvm::is_contained(Out.Released, P))
      Out.Released.push_back(P);
  Out.Lock = instantiated(A.Lock, C);
  Out.IfNonNull = ifNonNullAt(A.IfNonNull, C);
  return Out;
}

NonNullFields Composer::ifNonNullAt(llvm::ArrayRef<const Symbol *> InCallee,
                                    const CallRecord &C) {
  NonNullFields Out = C.IfNonNull;
  // Only a call on the same object (`this->reset()`) keeps the callee's
  // tests about `*this` meaningful here.
  if (C.Bindings.This && !C.Bindings.This->AddressOf &&
      C.Bindings.This->Path == LockPath::thisObject())
    for (const Symbol *Field : InCallee)
      if (!llvm::is_contained(Out, Field))
        Out.push_back(Field);
  return Out;
}

bool Composer::ruledOut(const CallRecord &C,
                        llvm::ArrayRef<const Symbol *> IfNonNull) const {
  if (C.FreshFrom.empty() || IfNonNull.empty())
    return false;
  // Null in the destroyed object whichever constructor made it.
  return llvm::any_of(IfNonNull, [&](const Symbol *Field) {
    return llvm::all_of(C.FreshFrom, [&](const Symbol *Ctor) {
      auto It = Program.NullAfterConstruction.find(Ctor);
      return It != Program.NullAfterConstruction.end() &&
             llvm::is_contained(It->second, Field);
    });
  });
}

bool Composer::hasRoom(Transitive &T) {
  if (T.Acquisitions.size() + T.Blocks.size() + T.Wakes.size() <
      Limits.MaxAcquisitionsPerFunction)
    return true;
  T.Truncated = true;
  return false;
}

bool Composer::add(Transitive &T, Acquisition A) {
  if (!hasRoom(T) ||
      !T.Keys
           .insert(acquisitionKey(A.Lock.Lock, A.Lock.Mode, A.Held, A.Released,
                                  A.IfNonNull))
           .second)
    return false;
  T.Acquisitions.push_back(std::move(A));
  return true;
}

bool Composer::add(Transitive &T, BlockingOp B) {
  std::string Key = "block@" + std::to_string(B.Chain->operationSite().Raw) +
                    acquisitionKey(B.Waited, LockMode::Exclusive, B.Held,
                                   B.Released, B.IfNonNull);
  if (!hasRoom(T) || !T.Keys.insert(Key).second)
    return false;
  T.Blocks.push_back(std::move(B));
  return true;
}

bool Composer::add(Transitive &T, WakeOp W) {
  std::string Key =
      "wake@" + std::to_string(W.Chain->operationSite().Raw) +
      acquisitionKey(W.Woken, LockMode::Exclusive, W.Held, W.Released, {});
  if (!hasRoom(T) || !T.Keys.insert(Key).second)
    return false;
  T.Wakes.push_back(std::move(W));
  return true;
}

llvm::SmallVector<HeldLock, 2>
Composer::callerHeld(const CallRecord &C,
                     llvm::ArrayRef<LockPath> CalleeReleased,
                     const std::optional<LockPath> &WaitReleases) {
  llvm::SmallVector<HeldLock, 2> Held;
  for (const HeldLock &H : C.Held) {
    bool Released = llvm::any_of(CalleeReleased, [&](const LockPath &P) {
      return instantiate(P, C.Bindings) == H.Lock;
    });
    if (WaitReleases && instantiate(*WaitReleases, C.Bindings) == H.Lock)
      Released = true;
    if (!Released)
      Held.push_back(H);
  }
  return Held;
}

BlockingOp Composer::atCall(const BlockingOp &B, const CallRecord &C,
                            llvm::SmallVector<HeldLock, 2> &CallerHeldOut) {
  BlockingOp Out = B;
  CallerHeldOut = callerHeld(C, B.Released, B.Releases);
  Out.Waited = instantiate(B.Waited, C.Bindings);
  if (B.Releases)
    Out.Releases = instantiate(*B.Releases, C.Bindings);
  Out.Chain = Program.Chains.call(C.Loc, C.Callee, B.Chain);
  Out.IfNonNull = ifNonNullAt(B.IfNonNull, C);
  Out.Held = CallerHeldOut;
  for (const HeldLock &H : B.Held)
    Out.Held.push_back(instantiated(H, C));
  Out.Released.assign(C.Released.begin(), C.Released.end());
  return Out;
}

WakeOp Composer::atCall(const WakeOp &W, const CallRecord &C) {
  WakeOp Out = W;
  Out.Woken = instantiate(W.Woken, C.Bindings);
  Out.Chain = Program.Chains.call(C.Loc, C.Callee, W.Chain);
  Out.Held = callerHeld(C, W.Released);
  for (const HeldLock &H : W.Held)
    Out.Held.push_back(instantiated(H, C));
  Out.Released.assign(C.Released.begin(), C.Released.end());
  return Out;
}

bool Composer::extend(const Symbol *F, const FunctionSummary &S) {
  Transitive &T = Trans[F];
  bool Grew = false;
  for (const Acquisition &A : S.Acquisitions)
    Grew |= add(T, A);
  if (!S.NonBlocking)
    for (const BlockingOp &B : S.Blocks)
      Grew |= add(T, B);
  for (const WakeOp &W : S.Wakes)
    Grew |= add(T, W);
  for (const CallRecord &C : S.Calls) {
    if (!summaryOf(C.Callee))
      continue;
    llvm::SmallVector<HeldLock, 2> Unused;
    if (!S.NonBlocking)
      for (size_t I = 0; I < Trans[C.Callee].Blocks.size(); ++I)
        if (!ruledOut(C, Trans[C.Callee].Blocks[I].IfNonNull))
          Grew |= add(Trans[F],
                      atCall(BlockingOp(Trans[C.Callee].Blocks[I]), C, Unused));
    for (size_t I = 0; I < Trans[C.Callee].Wakes.size(); ++I)
      Grew |= add(Trans[F], atCall(WakeOp(Trans[C.Callee].Wakes[I]), C));
    // By index: in a recursive component the callee may be F itself.
    for (size_t I = 0; I < Trans[C.Callee].Acquisitions.size(); ++I) {
      Acquisition Callee = Trans[C.Callee].Acquisitions[I];
      if (ruledOut(C, Callee.IfNonNull))
        continue;
      AtCall Seen = atCall(Callee, C);
      Acquisition A;
      A.Lock = Seen.Lock;
      A.IfNonNull = Seen.IfNonNull;
      A.Held = Seen.CallerHeld;
      // The callee's own orders were recorded with the callee; only locks
      // whose class the call decides (`lockBoth(a, b)`, a wrapper's member)
      // can order anything new up here. Keeping the rest would make nested
      // locking cubic in the nesting depth.
      for (size_t J = 0; J < Seen.CalleeHeld.size(); ++J)
        if (classDependsOnCall(Callee.Held[J], Seen.CalleeHeld[J]))
          A.Held.push_back(Seen.CalleeHeld[J]);
      A.Released = Seen.Released;
      Grew |= add(Trans[F], std::move(A));
    }
  }
  return Grew;
}

void Composer::addEdge(const Symbol *F, const FunctionSummary &S,
                       const HeldLock &Held, const HeldLock &Acquired,
                       llvm::ArrayRef<const Symbol *> AllHeld) {
  if (Held.Group && Held.Group == Acquired.Group)
    return; // Taken together by std::lock or std::scoped_lock.
  const Symbol *From = Held.Lock.lockClass(), *To = Acquired.Lock.lockClass();
  if (!From || !To)
    return;
  if (From == To) {
    // Two instances of one class: a deadlock if another thread takes them
    // swapped, unless the code orders them, both are readers, or the second
    // is reached from the first's owner (hand-over-hand down a structure).
    if (Held.Lock == Acquired.Lock || !Held.Lock.isPrecise() ||
        !Acquired.Lock.isPrecise() || S.OrdersInstances ||
        (Held.Mode == LockMode::Shared && Acquired.Mode == LockMode::Shared) ||
        reachedFromOwner(Held.Lock, Acquired.Lock))
      return;
  }
  llvm::SmallVector<const Symbol *, 4> Gates(AllHeld.begin(), AllHeld.end());
  auto Entry = EntryGates.find(F);
  if (Entry != EntryGates.end())
    Gates.append(Entry->second.begin(), Entry->second.end());
  if (From == To) {
    // Reported once all pairs are known: a gate held at all of them makes
    // them harmless.
    llvm::erase_if(Gates, [&](const Symbol *G) { return G == From; });
    auto [It, Inserted] = SameClass.try_emplace(From);
    if (Inserted)
      It->second.Gates.assign(Gates.begin(), Gates.end());
    else
      llvm::erase_if(It->second.Gates, [&](const Symbol *G) {
        return !llvm::is_contained(Gates, G);
      });
    It->second.Pairs.push_back({Held, Acquired});
    return;
  }
  Graph.addEdge(OrderWitness{F, Held, Acquired}, Gates);
}

void Composer::computeEntryGates() {
  // Greatest fixpoint: start from "everything" (absent) and intersect over
  // the calls of each internal function.
  llvm::DenseMap<const Symbol *,
                 std::optional<llvm::SmallVector<const Symbol *, 2>>>
      Gates;
  for (auto &[F, S] : Program.Functions)
    Gates[F] = S.Internal
                   ? std::nullopt
                   : std::optional(llvm::SmallVector<const Symbol *, 2>());
  bool Changed = true;
  for (unsigned Round = 0; Changed && Round < 16; ++Round) {
    Changed = false;
    llvm::DenseMap<const Symbol *,
                   std::optional<llvm::SmallVector<const Symbol *, 2>>>
        Next;
    for (auto &[F, S] : Program.Functions)
      for (const CallRecord &C : S.Calls) {
        const FunctionSummary *Callee = summaryOf(C.Callee);
        if (!Callee || !Callee->Internal)
          continue;
        const auto &CallerGates = Gates[F];
        if (!CallerGates && Program.Functions.find(F)->second.Internal)
          continue; // Not known yet.
        llvm::SmallVector<const Symbol *, 2> AtCall;
        for (const HeldLock &H : C.Held)
          if (const Symbol *Class = H.Lock.lockClass())
            AtCall.push_back(Class);
        if (CallerGates)
          AtCall.append(CallerGates->begin(), CallerGates->end());
        auto &Acc = Next[C.Callee];
        if (!Acc)
          Acc = AtCall;
        else
          llvm::erase_if(*Acc, [&](const Symbol *G) {
            return !llvm::is_contained(AtCall, G);
          });
      }
    for (auto &[F, S] : Program.Functions) {
      if (!S.Internal)
        continue;
      // An internal function nobody calls here guards nothing.
      llvm::SmallVector<const Symbol *, 2> New;
      if (auto It = Next.find(F); It != Next.end() && It->second)
        New = *It->second;
      if (!Gates[F] || *Gates[F] != New) {
        Changed = true;
        Gates[F] = New;
      }
    }
  }
  for (auto &[F, G] : Gates)
    if (G && !G->empty())
      EntryGates[F] = *G;
}

void Composer::checkBlocking(const Symbol *Holder, const BlockingOp &Op,
                             llvm::ArrayRef<HeldLock> Held,
                             const Symbol *Callee) {
  if (Held.empty())
    return;
  const Symbol *Waited = Op.Waited.lockClass();
  // Most recently taken first: the lock the blocking code most likely
  // protects.
  for (const HeldLock &L : llvm::reverse(Held)) {
    const Symbol *Class = L.Lock.lockClass();
    if (Op.Timed || !Class)
      break;
    if (!Op.Finishers.empty()) {
      // Joining a thread that needs the lock to finish.
      for (const Symbol *Thread : Op.Finishers) {
        // Look up without inserting: callers iterate over Trans's records.
        auto It = Trans.find(Thread);
        if (It == Trans.end())
          continue;
        for (const Acquisition &A : It->second.Acquisitions)
          if (A.Lock.Lock.lockClass() == Class) {
            WakeWitness W{A.Lock, nullptr, "", Thread};
            reportBlocking(makeBlockingUnderLock(L, Op, Callee, &W));
            return;
          }
      }
      continue;
    }
    if (!Waited)
      continue;
    // Certain only if every known way to wake the waiter needs the lock:
    // each wake-up site, seen from the outermost callers, holds it. (Some
    // code waking it without the lock may be what wakes it.)
    Site BlockSite = Op.Chain->operationSite();
    llvm::MapVector<uint64_t, std::pair<bool, const WakeOp *>> Sites;
    for (const auto &[Root, Wake] : WakeContexts.lookup(Waited)) {
      if (Wake->Kind != Op.Kind)
        continue;
      Site WakeSite = Wake->Chain->operationSite();
      // A wake-up inside the blocking function's own invocation comes after
      // the wait on that thread (a guard releasing a semaphore it waited
      // on) and cannot end it; other threads at the same place (a barrier)
      // can.
      if (WakeSite != BlockSite && runsInside(Root, Wake->Chain, Holder))
        continue;
      const HeldLock *Needed = nullptr;
      for (const HeldLock &H : Wake->Held)
        if (H.Lock.lockClass() == Class)
          Needed = &H;
      // An uncalled method of the blocking primitive's own class (an unused
      // send()) is no evidence that the waiter can be woken without the
      // lock; nobody calls it.
      if (!Needed && !Wake->Chain->Callee && Op.Blocker &&
          sameClass(Root, Op.Blocker))
        continue;
      auto &[WithoutLock, Witness] = Sites[WakeSite.Raw];
      if (!Needed)
        WithoutLock = true;
      else if (!Witness)
        Witness = Wake;
    }
    bool AllNeedIt =
        !Sites.empty() && llvm::all_of(Sites, [](const auto &Entry) {
          return !Entry.second.first;
        });
    if (AllNeedIt) {
      const WakeOp *Wake = Sites.front().second.second;
      for (const HeldLock &H : Wake->Held)
        if (H.Lock.lockClass() == Class) {
          WakeWitness W{H, Wake->Chain, Wake->Activity, nullptr};
          reportBlocking(makeBlockingUnderLock(L, Op, Callee, &W));
          return;
        }
    }
  }
  reportBlocking(makeBlockingUnderLock(Held.back(), Op, Callee, nullptr));
}

void Composer::reportBlocking(Finding F) {
  auto Rank = [](const Finding &X) { return X.Certain * 2 + !X.IO; };
  auto Key = std::make_pair(
      F.Loc.Raw, F.Notes.empty() ? std::string() : F.Notes.front().Message);
  auto [It, Inserted] = BlockingFindings.try_emplace(Key, F);
  if (!Inserted && Rank(F) > Rank(It->second))
    It->second = std::move(F);
}

void Composer::check(const Symbol *F, const FunctionSummary &S) {
  if (!S.NonBlocking)
    for (const BlockingOp &Op : S.Blocks)
      checkBlocking(F, Op, Op.Held, nullptr);
  llvm::SmallVector<const Symbol *, 4> Classes;
  auto ClassesOf = [&](llvm::ArrayRef<HeldLock> A, llvm::ArrayRef<HeldLock> B) {
    Classes.clear();
    for (llvm::ArrayRef<HeldLock> Set : {A, B})
      for (const HeldLock &H : Set)
        if (const Symbol *C = H.Lock.lockClass())
          Classes.push_back(C);
  };

  // A gate must have been held before the edge's first lock was taken;
  // held lists are in acquisition order.
  for (const Acquisition &A : S.Acquisitions)
    for (size_t I = 0; I < A.Held.size(); ++I) {
      ClassesOf(llvm::ArrayRef(A.Held).take_front(I), {});
      addEdge(F, S, A.Held[I], A.Lock, Classes);
    }

  for (const CallRecord &C : S.Calls) {
    if (!summaryOf(C.Callee))
      continue;
    if (!S.NonBlocking)
      for (const BlockingOp &CalleeOp : Trans[C.Callee].Blocks) {
        if (ruledOut(C, CalleeOp.IfNonNull))
          continue;
        llvm::SmallVector<HeldLock, 2> CallerHeld;
        BlockingOp Op = atCall(CalleeOp, C, CallerHeld);
        checkBlocking(F, Op, CallerHeld, C.Callee);
      }
    for (const Acquisition &CalleeAcq : Trans[C.Callee].Acquisitions) {
      if (ruledOut(C, CalleeAcq.IfNonNull))
        continue;
      AtCall Seen = atCall(CalleeAcq, C);
      // The callee takes a lock its caller holds.
      if (Seen.Lock.Lock.isPrecise())
        for (const HeldLock &H : Seen.CallerHeld)
          if (H.Lock == Seen.Lock.Lock && !H.Reentrant &&
              !Seen.Lock.Reentrant) {
            report(makeReacquisition(Seen.Lock.Lock, H, Seen.Lock.Mode, C.Loc,
                                     Seen.Lock.Chain));
            break;
          }
      llvm::ArrayRef<HeldLock> CallerHeld = Seen.CallerHeld;
      for (size_t I = 0; I < CallerHeld.size(); ++I) {
        ClassesOf(CallerHeld.take_front(I), {});
        addEdge(F, S, CallerHeld[I], Seen.Lock, Classes);
      }
      // `lockBoth(a, b)`: inside the callee its parameters are their own
      // classes; here they are the caller's locks.
      bool DecidedHere = classDependsOnCall(CalleeAcq.Lock, Seen.Lock);
      for (size_t I = 0; I < CalleeAcq.Held.size(); ++I)
        if (DecidedHere ||
            classDependsOnCall(CalleeAcq.Held[I], Seen.CalleeHeld[I])) {
          ClassesOf(CallerHeld, llvm::ArrayRef(Seen.CalleeHeld).take_front(I));
          addEdge(F, S, Seen.CalleeHeld[I], Seen.Lock, Classes);
        }
    }
  }
}

void Composer::reportCycles() {
  bool Complete = true;
  std::vector<std::vector<const OrderEdge *>> Cycles =
      Graph.cycles(Limits.MaxCycleLength, Limits.MaxCycles,
                   Limits.MaxCycleSearchSteps, Complete);
  for (const std::vector<const OrderEdge *> &Cycle : Cycles) {
    if (isGated(Cycle))
      continue;
    // Readers alone do not block each other.
    if (llvm::all_of(Cycle, [](const OrderEdge *E) { return E->SharedOnly; }))
      continue;
    // Report where the cycle closes: the edge whose acquisition comes last.
    unsigned Closing = 0;
    for (unsigned I = 1; I < Cycle.size(); ++I)
      if (Limits.SiteLess(Cycle[Closing]->representative().Acquired.Chain->Loc,
                          Cycle[I]->representative().Acquired.Chain->Loc))
        Closing = I;
    report(makeOrderInversion(Cycle, Closing));
  }
  if (!Complete) {
    Finding F;
    F.Check = CheckKind::AnalysisLimit;
    F.Message = "lock-order cycle search stopped at its limit; further "
                "lock-order inversions may be unreported";
    report(std::move(F));
  }
}

void Composer::report(Finding F) {
  if (Reported.emplace(F.Check, F.Loc.Raw, F.Message).second)
    Handler.handleFinding(F);
}

void Composer::run() {
  for (auto &[F, S] : Program.Functions)
    for (const Finding &Local : S.Findings)
      report(Local);

  for (const std::vector<const Symbol *> &Component : bottomUpComponents()) {
    bool Recursive = Component.size() > 1 ||
                     llvm::any_of(summaryOf(Component.front())->Calls,
                                  [&](const CallRecord &C) {
                                    return C.Callee == Component.front();
                                  });
    unsigned Rounds = Recursive ? Limits.MaxRecursionRounds : 1;
    bool Grew = true;
    for (unsigned Round = 0; Round < Rounds && Grew; ++Round) {
      Grew = false;
      for (const Symbol *F : Component)
        Grew |= extend(F, *summaryOf(F));
    }
    if (Recursive && Grew) {
      // Still growing: what reaches round the cycle late is missing.
      const Symbol *First = Component.front();
      report(makeAnalysisLimit(*First, summaryOf(First)->Loc,
                               "passes over a recursive cycle of " +
                                   std::to_string(Component.size()) +
                                   " functions",
                               Limits.MaxRecursionRounds));
    }
  }

  computeEntryGates();
  llvm::DenseSet<const Symbol *> Called;
  for (auto &[F, S] : Program.Functions)
    for (const CallRecord &C : S.Calls)
      if (C.Callee != F)
        Called.insert(C.Callee);
  for (auto &[F, T] : Trans) {
    if (!Called.contains(F))
      for (const WakeOp &W : T.Wakes)
        if (const Symbol *Class = W.Woken.lockClass())
          WakeContexts[Class].push_back({F, &W});
  }

  for (auto &[F, S] : Program.Functions) {
    check(F, S);
    if (Trans[F].Truncated)
      report(makeAnalysisLimit(*F, S.Loc, "transitive acquisitions",
                               Limits.MaxAcquisitionsPerFunction));
  }
  for (auto &[Key, F] : BlockingFindings)
    report(std::move(F));
  for (auto &[Class, Same] : SameClass)
    if (Same.Gates.empty())
      for (const auto &[Held, Acquired] : Same.Pairs)
        report(makeSameClassOrder(Held, Acquired));
  reportCycles();
}

/// A field that some method of its class returns holding (or releases for
/// its caller) is the lock that class wraps (a home-made Mutex around a
/// pthread_mutex_t). A path ending in it names the wrapper object, whose
/// class is then the field that holds the wrapper (`SharedMutex::m3`)
/// rather than one class shared by every wrapper in the program.
/// `this->f`: a member of the function's own object.
const Symbol *ownMember(const LockPath &P) {
  if (P.root() == RootKind::This && P.steps().size() == 1 &&
      P.steps().front().Kind == StepKind::Field)
    return P.steps().front().Field;
  return nullptr;
}

llvm::DenseSet<const Symbol *> wrappedLockFields(const ProgramSummaries &P) {
  llvm::DenseSet<const Symbol *> Fields;
  auto Note = [&](const LockPath &Lock) {
    if (const Symbol *F = ownMember(Lock))
      Fields.insert(F);
  };
  for (const auto &[F, S] : P.Functions) {
    for (const HeldLock &H : S.Exit.Acquired)
      Note(H.Lock);
    for (const HeldLock &H : S.Exit.TryAcquired)
      Note(H.Lock);
    for (const LockPath &L : S.Exit.Released)
      Note(L);
  }
  return Fields;
}

/// Likewise, a member that methods of its class wait on or wake (the
/// condition variable inside a home-made Semaphore or Channel) is that
/// object's wait queue: waits and wake-ups name the object itself, so two
/// semaphores of one class are two things to wait on, not one.
llvm::DenseSet<const Symbol *> wrappedWaitFields(const ProgramSummaries &P) {
  llvm::DenseSet<const Symbol *> Fields;
  for (const auto &[F, S] : P.Functions) {
    for (const BlockingOp &B : S.Blocks)
      if (const Symbol *Member = ownMember(B.Waited))
        Fields.insert(Member);
    for (const WakeOp &W : S.Wakes)
      if (const Symbol *Member = ownMember(W.Woken))
        Fields.insert(Member);
  }
  return Fields;
}

/// The member a path ends in (`x.fd_`, `this->fd_`), if it does.
const Symbol *lastMember(const LockPath &P) {
  if (P.steps().empty() || P.steps().back().Kind != StepKind::Field)
    return nullptr;
  return P.steps().back().Field;
}

void markWrappers(ProgramSummaries &P) {
  for (llvm::DenseSet<const Symbol *> Set :
       {wrappedLockFields(P), wrappedWaitFields(P)})
    for (const Symbol *Field : Set)
      const_cast<Symbol *>(Field)->Wrapped = true;
}

/// Adds to each function's NonBlockingDescriptors those its callees put in
/// non-blocking mode through its arguments (zeromq's `unblock_socket(_r)`
/// in a constructor), to a bounded depth.
void propagateNonBlockingDescriptors(ProgramSummaries &P) {
  for (unsigned Round = 0; Round < 8; ++Round) {
    bool Grew = false;
    for (auto &[Caller, S] : P.Functions)
      for (const CallRecord &Call : S.Calls) {
        auto Callee = P.Functions.find(Call.Callee);
        if (Callee == P.Functions.end() || Callee->first == Caller)
          continue;
        for (const LockPath &D : Callee->second.NonBlockingDescriptors) {
          LockPath Mine = instantiate(D, Call.Bindings);
          if (Mine.root() == RootKind::Unknown ||
              llvm::is_contained(S.NonBlockingDescriptors, Mine))
            continue;
          S.NonBlockingDescriptors.push_back(std::move(Mine));
          Grew = true;
        }
      }
    if (!Grew)
      return;
  }
}

/// I/O on a descriptor some code puts in non-blocking mode returns at once:
/// it is not a blocking operation. Which descriptors: those the function
/// itself switches (with its callees), and, for members, every object's
/// member of that name that some function switches.
void dropNonBlockingIO(ProgramSummaries &P) {
  llvm::DenseSet<const Symbol *> Members;
  for (const auto &Entry : P.Functions)
    for (const LockPath &D : Entry.second.NonBlockingDescriptors)
      if (const Symbol *Member = lastMember(D))
        Members.insert(Member);
  for (auto &Entry : P.Functions) {
    FunctionSummary &S = Entry.second;
    llvm::erase_if(S.Blocks, [&](const BlockingOp &Op) {
      const Symbol *Member = lastMember(Op.Waited);
      return Op.Kind == BlockKind::IO &&
             (llvm::is_contained(S.NonBlockingDescriptors, Op.Waited) ||
              (Member && Members.contains(Member)));
    });
  }
}

/// The fields each constructor leaves null, with what its bases leave null
/// (unless it writes them), to a bounded depth of bases.
void resolveNullFields(ProgramSummaries &P) {
  auto &Null = P.NullAfterConstruction;
  Null.clear();
  for (unsigned Round = 0; Round < 8; ++Round) {
    bool Grew = false;
    for (const auto &[Ctor, S] : P.Functions) {
      const NullFieldFacts &Facts = S.LeavesNull;
      if (Facts.empty())
        continue;
      llvm::SmallVector<const Symbol *, 2> Fields(Facts.Fields.begin(),
                                                  Facts.Fields.end());
      for (const Symbol *Base : Facts.Bases) {
        auto It = Null.find(Base);
        if (It == Null.end())
          continue;
        for (const Symbol *Field : It->second)
          if (!llvm::is_contained(Facts.Written, Field) &&
              !llvm::is_contained(Fields, Field))
            Fields.push_back(Field);
      }
      auto &Known = Null[Ctor];
      if (Known.size() != Fields.size()) {
        Known = std::move(Fields);
        Grew = true;
      }
    }
    if (!Grew)
      return;
  }
}

} // namespace

void deriveProgramFacts(ProgramSummaries &Program) {
  markWrappers(Program);
  propagateNonBlockingDescriptors(Program);
  resolveNullFields(Program);
}

void reportFindings(ProgramSummaries &Program, DeadlockHandler &Handler,
                    const CompositionLimits &Limits) {
  deriveProgramFacts(Program);
  dropNonBlockingIO(Program);
  // Their calls have carried the program facts; lock chains are not
  // composed through them.
  Program.Functions.remove_if(
      [](const auto &Entry) { return Entry.second.FactsOnly; });
  Composer(Program, Handler, Limits).run();
}

} // namespace deadlock
