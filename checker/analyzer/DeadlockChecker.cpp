//===--- DeadlockChecker.cpp - deadlock.* Static Analyzer checkers --------===//
//
// The path-sensitive front end. The lockset lives in the program state,
// keyed by the lock's memory region; the engine's constraints decide
// try_lock outcomes, owns_lock() and correlated conditions, and its
// inlining follows calls. Lock operations are recognised by lib/'s
// LockModel, so both front ends know exactly the same APIs.
//
// Double locks, recursive shared locks and missing unlocks are reported on
// the path that shows them. Everything that needs the whole translation
// unit (lock-order cycles, same-class pairs, whether a blocked thread's
// wake-up needs the lock, locks taken in calls the engine did not inline)
// goes through lib/'s composition: each function analysed here yields a
// FunctionSummary of what its feasible paths did, which replaces lib/'s
// flow-sensitive summary of it before the same reportFindings runs.
//
//===----------------------------------------------------------------------===//

#include "Analysis/Settings.h"
#include "Core/Composition.h"
#include "Core/Diagnostics.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExplodedGraph.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include <array>
#include <set>

using namespace clang;
using namespace ento;
using namespace deadlock;

namespace {

/// A lock held on the current path.
struct LockEntry {
  unsigned Count = 1;
  LockMode Mode = LockMode::Exclusive;
  bool Reentrant = false;
  /// Where it was taken, with the calls on the way (a ChainLink owned by
  /// the translation unit's state).
  const ChainLink *Chain = nullptr;
  /// Nonzero when taken together with others (std::lock, scoped_lock).
  unsigned Group = 0;
  /// When it was taken, relative to the others held: lib/'s held lists are
  /// in acquisition order (a gate lock must come first).
  unsigned Order = 0;

  bool operator==(const LockEntry &O) const {
    return Count == O.Count && Mode == O.Mode && Reentrant == O.Reentrant &&
           Chain == O.Chain && Group == O.Group && Order == O.Order;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(Count);
    ID.AddInteger(static_cast<int>(Mode));
    ID.AddBoolean(Reentrant);
    ID.AddPointer(Chain);
    ID.AddInteger(Group);
    ID.AddInteger(Order);
  }
};

/// What a guard object (lock_guard, unique_lock, scoped_lock, ...) holds.
struct GuardEntry {
  /// Its mutexes (scoped_lock's first few; the rest are not tracked).
  std::array<const MemRegion *, 4> Mutexes{};
  LockMode Mode = LockMode::Exclusive;
  bool Reentrant = false;
  bool Owns = false;

  /// The mutex of a single-mutex guard (unique_lock, shared_lock).
  const MemRegion *mutex() const { return Mutexes[0]; }

  bool operator==(const GuardEntry &O) const {
    return Mutexes == O.Mutexes && Mode == O.Mode && Reentrant == O.Reentrant &&
           Owns == O.Owns;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    for (const MemRegion *M : Mutexes)
      ID.AddPointer(M);
    ID.AddInteger(static_cast<int>(Mode));
    ID.AddBoolean(Reentrant);
    ID.AddBoolean(Owns);
  }
};

} // namespace

REGISTER_MAP_WITH_PROGRAMSTATE(HeldLocks, const MemRegion *, LockEntry)
REGISTER_MAP_WITH_PROGRAMSTATE(Guards, const MemRegion *, GuardEntry)
/// The caller's locks this function released (re-taking them is fine).
REGISTER_SET_WITH_PROGRAMSTATE(ReleasedLocks, const MemRegion *)
/// What a `T *const` member was initialised with: the engine forgets it when
/// the object escapes to a call, but the member cannot have changed.
REGISTER_MAP_WITH_PROGRAMSTATE(ConstPointees, const MemRegion *,
                               const MemRegion *)
/// Which return statement the path left through (an index into the
/// translation unit's ReturnNodes), for reports at that return.
REGISTER_TRAIT_WITH_PROGRAMSTATE(ReturnMark, unsigned)

namespace {

enum CheckIndex {
  DoubleLockCheck,
  RecursiveSharedLockCheck,
  MissingUnlockCheck,
  BlockingUnderLockCheck,
  LockOrderInversionCheck,
  NumChecks
};

constexpr const char *CheckDescriptions[NumChecks] = {
    "Double lock", "Recursive shared lock", "Missing unlock",
    "Blocking under lock", "Lock order inversion"};

CheckIndex indexOf(CheckKind Kind) {
  switch (Kind) {
  case CheckKind::DoubleLock:
    return DoubleLockCheck;
  case CheckKind::RecursiveSharedLock:
    return RecursiveSharedLockCheck;
  case CheckKind::MissingUnlock:
    return MissingUnlockCheck;
  case CheckKind::BlockingUnderLock:
    return BlockingUnderLockCheck;
  case CheckKind::LockOrderInversion:
  case CheckKind::AnalysisLimit:
    return LockOrderInversionCheck;
  }
  return LockOrderInversionCheck;
}

Site siteOf(SourceLocation L) { return Site{L.getRawEncoding()}; }
SourceLocation locationOf(Site S) {
  return SourceLocation::getFromRawEncoding(static_cast<uint32_t>(S.Raw));
}

/// Everything kept for one translation unit.
struct TUState {
  std::unique_ptr<TranslationUnitAnalysis> Lib;
  ChainArena &chains() { return Lib->program().Chains; }
  /// What the analysed functions' feasible paths did.
  llvm::MapVector<const Symbol *, FunctionSummary> Observed;
  std::set<std::string> ObservedKeys;
  /// Missing unlock: per lock of the top-level function, the exits that
  /// hold it and those that do not.
  struct Exits {
    struct Exit {
      const ExplodedNode *Node;
      const ReturnStmt *Return; // Null at the closing brace.
      ProgramStateRef State;
      std::optional<SVal> Returned;
    };
    std::vector<Exit> Held, Free;
    LockPath Name;
    const ChainLink *Chain = nullptr;
    bool ReturnsBool = false, ReturnsInteger = false;
  };
  /// The top-level function's exits, as the analysis of it goes.
  std::vector<Exits::Exit> TopExits;
  /// Calls made by the analysed functions themselves, by site: with the
  /// locks held at each visit, and whether the engine went into library
  /// code there (std::function, a function pointer) rather than a
  /// function lib/ summarises.
  struct TopCall {
    const Symbol *Caller = nullptr;
    bool ThroughLibrary = false;
    std::vector<llvm::SmallVector<HeldLock, 2>> HeldLists;
    std::set<std::string> HeldKeys;
  };
  llvm::DenseMap<uint64_t, TopCall> TopCalls;
  /// Functions the engine entered by inlining.
  llvm::DenseSet<const Symbol *> Inlined;
  /// The node before each marked return statement (ReturnMark - 1).
  std::vector<ExplodedNode *> ReturnNodes;
  llvm::SmallPtrSet<const MemRegion *, 8> AcquiredInTop;

  /// What the engine saw \p Top do, so far.
  FunctionSummary &observed(const Symbol *Top) {
    FunctionSummary &S = Observed[Top];
    S.Function = Top;
    return S;
  }
};

/// The pointer whose value \p Pointee is, when the engine knows it only as
/// "what that pointer held" (on entry, or after an invalidation).
static const MemRegion *pointerOf(const SymbolicRegion *Pointee) {
  SymbolRef Sym = Pointee->getSymbol();
  if (const auto *Initial = dyn_cast<SymbolRegionValue>(Sym))
    return Initial->getRegion();
  if (const auto *Derived = dyn_cast<SymbolDerived>(Sym))
    return Derived->getRegion();
  return nullptr;
}

/// The lock \p R is: the std::mutex inside a capability wrapper is the
/// wrapper (as lib/'s LockModel::canonicalLock has it).
static const MemRegion *canonicalRegion(const MemRegion *R) {
  if (!R)
    return nullptr;
  R = R->StripCasts();
  while (const auto *Field = dyn_cast<FieldRegion>(R)) {
    if (!LockModel::isWrappedLock(Field->getDecl()))
      break;
    R = Field->getSuperRegion()->StripCasts();
  }
  return R;
}

class DeadlockChecker
    : public Checker<eval::Call, check::BeginFunction, check::PreCall,
                     check::PostCall, check::PreStmt<ReturnStmt>,
                     check::EndFunction, check::EndAnalysis,
                     check::EndOfTranslationUnit, check::Bind> {
public:
  bool Enabled[NumChecks] = {};
  CheckerNameRef Names[NumChecks];
  mutable std::unique_ptr<BugType> Types[NumChecks];
  AnalysisOptions Options;
  bool IncludeIO = true;
  bool ConfirmedOnly = false;
  /// Whether the output format shows notes in other files (plist drops a
  /// report that has any).
  bool CrossFileNotes = true;

  bool evalCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBeginFunction(CheckerContext &C) const;
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkEndAnalysis(ExplodedGraph &G, BugReporter &BR,
                        ExprEngine &Eng) const;
  void checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                 AnalysisManager &Mgr, BugReporter &BR) const;
  /// Adds to \p Observed the calls of \p Lib that the engine could not
  /// follow.
  void addUnresolvedCalls(const Symbol *Function, const FunctionSummary &Lib,
                          FunctionSummary &Observed) const;
  void dropInlinedOnly(ProgramSummaries &Program) const;

private:
  TUState &tu(ASTContext &Ctx, const Preprocessor *PP) const;
  TUState &tu(CheckerContext &C) const {
    return tu(C.getASTContext(), &C.getPreprocessor());
  }
  const BugType &type(CheckIndex K) const;

  /// The name of \p R in the terms of the function running in \p SF (the
  /// callee's `this->mu` rather than its caller's `h.mu`), for reports made
  /// there; unknown if that function cannot name it.
  LockPath nameInFrame(const MemRegion *R, ProgramStateRef State,
                       const StackFrameContext *SF, CheckerContext &C) const;
  /// The lock path a region stands for, for names and lock classes.
  LockPath pathOf(const MemRegion *R, TUState &T) const;
  /// The chain from the top-level function to an operation at \p Loc.
  const ChainLink *chainTo(SourceLocation Loc, CheckerContext &C) const;
  const Symbol *topFunction(CheckerContext &C) const;

  ProgramStateRef acquire(ProgramStateRef State, const MemRegion *Lock,
                          LockMode Mode, bool Reentrant, SourceLocation Loc,
                          CheckerContext &C, bool Record = true,
                          unsigned Group = 0) const;
  void recordBlocking(BlockingOp Op, const Symbol *Top,
                      CheckerContext &C) const;
  llvm::MapVector<const MemRegion *, TUState::Exits>
  sortExits(const FunctionDecl *FD, TUState &T) const;
  /// `*(obj.cv.mu_)` where every constructor of obj's class stores `&obj.m`
  /// in `cv.mu_` (`CondVar cv(&mutex_)` in an initializer list): `obj.m`.
  /// The engine analyses methods apart from the constructor and would see
  /// an unknown pointee.
  const MemRegion *knownPointee(const MemRegion *R, CheckerContext &C) const;
  const MemRegion *operandRegion(const CallEvent &Call, unsigned Index,
                                 CheckerContext &C) const;
  ProgramStateRef tryAcquire(ProgramStateRef State, const MemRegion *Lock,
                             LockMode Mode, bool Reentrant, SourceLocation Loc,
                             CheckerContext &C) const;
  /// A guard's try (`std::try_to_lock`, `lk.try_lock()`) with outcome
  /// \p Result: one path where \p Guard got its mutex and owns it, one
  /// where it did not.
  void tryWithGuard(ProgramStateRef State, const MemRegion *Guard,
                    GuardEntry Entry, SVal Result, SourceLocation Loc,
                    CheckerContext &C) const;
  /// A group id for locks taken together by one deadlock-avoiding call.
  unsigned groupFor(size_t LockCount, CheckerContext &C) const {
    return LockCount > 1 ? tu(C).Lib->program().NextGroup++ : 0;
  }
  ProgramStateRef release(ProgramStateRef State, const MemRegion *Lock,
                          TUState &T) const;
  void recordAcquisition(ProgramStateRef State, const HeldLock &Lock,
                         CheckerContext &C) const;
  llvm::SmallVector<HeldLock, 2> heldList(ProgramStateRef State,
                                          TUState &T) const;

  bool evalLockFunction(const CallEvent &Call, const LockFunctionInfo &Info,
                        CheckerContext &C) const;
  bool evalGuardConstruction(const CXXConstructorCall &Call,
                             const GuardType &Guard, CheckerContext &C) const;
  bool evalGuardMethod(const CXXInstanceCall &Call, GuardAction Action,
                       CheckerContext &C) const;
  bool evalGuardAssignment(const CXXInstanceCall &Call,
                           CheckerContext &C) const;
  void recordUserCall(const CallEvent &Call, CheckerContext &C) const;
  /// Whether the engine is inside the body of a call this checker already
  /// modelled (a guard's destructor, a condition wait's template): what
  /// the library does in there is not the user's locking.
  bool insideModelledCall(CheckerContext &C) const;
  /// The state after a guard's destructor (null if \p Dtor is not one).
  ProgramStateRef destroyGuard(const CXXDestructorCall &Dtor,
                               CheckerContext &C) const;
  void emit(const Finding &F, CheckIndex K, ExplodedNode *N, CheckerContext *C,
            BugReporter *BR) const;

  mutable std::unique_ptr<TUState> State;
  mutable const ASTContext *StateFor = nullptr;
  SimpleProgramPointTag ReturnTag{"deadlock", "return"};
};

const BugType &DeadlockChecker::type(CheckIndex K) const {
  if (!Types[K])
    Types[K] =
        std::make_unique<BugType>(Names[K], CheckDescriptions[K], "Deadlock");
  return *Types[K];
}

TUState &DeadlockChecker::tu(ASTContext &Ctx, const Preprocessor *PP) const {
  if (!State || StateFor != &Ctx) {
    State = std::make_unique<TUState>();
    StateFor = &Ctx;
    State->Lib = std::make_unique<TranslationUnitAnalysis>(Ctx, Options, PP);
    State->Lib->summarize();
  }
  return *State;
}

const Symbol *DeadlockChecker::topFunction(CheckerContext &C) const {
  const LocationContext *L = C.getLocationContext();
  while (L->getParent())
    L = L->getParent();
  const auto *FD = dyn_cast_or_null<FunctionDecl>(L->getDecl());
  return FD ? tu(C).Lib->symbols().function(FD) : nullptr;
}

const ChainLink *DeadlockChecker::chainTo(SourceLocation Loc,
                                          CheckerContext &C) const {
  TUState &T = tu(C);
  // Inlined frames, innermost first: each is a call from its parent.
  const ChainLink *Chain = T.chains().operation(siteOf(Loc));
  for (const StackFrameContext *SF = C.getStackFrame(); SF && SF->getParent();
       SF = SF->getParent()->getStackFrame()) {
    const auto *Callee = dyn_cast_or_null<FunctionDecl>(SF->getDecl());
    const Stmt *CallSite = SF->getCallSite();
    if (!Callee || !CallSite)
      break;
    // Calls inside a library (std::function's invoker) are not the user's.
    if (C.getSourceManager().isInSystemHeader(CallSite->getBeginLoc()))
      continue;
    Chain = T.chains().call(siteOf(CallSite->getBeginLoc()),
                            T.Lib->symbols().function(Callee), Chain);
  }
  return Chain;
}

LockPath DeadlockChecker::pathOf(const MemRegion *R, TUState &T) const {
  SymbolMap &Symbols = T.Lib->symbols();
  if (!R)
    return LockPath::unknown();
  R = R->StripCasts();
  if (const auto *Field = dyn_cast<FieldRegion>(R)) {
    LockPath Owner = pathOf(Field->getSuperRegion(), T);
    // A library's private members (`_M_t._M_head_impl` inside
    // std::unique_ptr) are how it holds the pointer: `pool->cv`, as the
    // source says, not `pool._M_t._M_t._M_head_impl->cv`.
    const FieldDecl *FD = Field->getDecl();
    if (FD->getName().starts_with("_") &&
        FD->getASTContext().getSourceManager().isInSystemHeader(
            FD->getLocation()))
      return Owner;
    return Owner.field(Symbols.variable(FD));
  }
  if (const auto *Var = dyn_cast<VarRegion>(R)) {
    const VarDecl *VD = Var->getDecl();
    const Symbol *Sym = Symbols.variable(VD);
    if (VD->hasGlobalStorage())
      return LockPath::global(Sym);
    if (isa<ParmVarDecl>(VD))
      return LockPath::parameter(Sym);
    return LockPath::local(Sym);
  }
  if (isa<CXXThisRegion>(R))
    return LockPath::thisObject();
  if (const auto *Element = dyn_cast<ElementRegion>(R))
    return pathOf(Element->getSuperRegion(), T).index();
  if (const auto *Sym = dyn_cast<SymbolicRegion>(R))
    // The object a pointer (or `this`, or a reference) points to.
    if (const MemRegion *Pointer = pointerOf(Sym)) {
      if (isa<CXXThisRegion>(Pointer))
        return LockPath::thisObject();
      // A reference names its object, as in the source (`a.mu`).
      if (const auto *Var = dyn_cast<VarRegion>(Pointer);
          Var && Var->getValueType()->isReferenceType())
        return pathOf(Pointer, T);
      return pathOf(Pointer, T).deref();
    }
  return LockPath::unknown();
}

LockPath DeadlockChecker::nameInFrame(const MemRegion *R, ProgramStateRef State,
                                      const StackFrameContext *SF,
                                      CheckerContext &C) const {
  if (!R)
    return LockPath::unknown();
  R = R->StripCasts();
  TUState &T = tu(C);
  const auto *FD = dyn_cast_or_null<FunctionDecl>(SF->getDecl());
  if (!FD)
    return LockPath::unknown();
  // The objects the function was handed: its own, and its parameters'.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->isInstance())
    if (const MemRegion *This =
            State->getSVal(C.getSValBuilder().getCXXThis(MD, SF)).getAsRegion();
        This && This->StripCasts() == R)
      return LockPath::thisObject();
  for (const ParmVarDecl *Param : FD->parameters()) {
    QualType Type = Param->getType();
    if (!Type->isReferenceType() && !Type->isPointerType())
      continue;
    const MemRegion *Object =
        State->getSVal(State->getRegion(Param, SF)).getAsRegion();
    if (Object && Object->StripCasts() == R) {
      LockPath P = LockPath::parameter(T.Lib->symbols().variable(Param));
      return Type->isReferenceType() ? P : P.deref();
    }
  }
  if (const auto *Field = dyn_cast<FieldRegion>(R)) {
    LockPath Owner = nameInFrame(Field->getSuperRegion(), State, SF, C);
    return Owner.root() == RootKind::Unknown
               ? Owner
               : Owner.field(T.Lib->symbols().variable(Field->getDecl()));
  }
  if (const auto *Element = dyn_cast<ElementRegion>(R)) {
    LockPath Owner = nameInFrame(Element->getSuperRegion(), State, SF, C);
    return Owner.root() == RootKind::Unknown ? Owner : Owner.index();
  }
  if (const auto *Var = dyn_cast<VarRegion>(R))
    if (Var->getDecl()->hasGlobalStorage() || Var->getStackFrame() == SF)
      return pathOf(R, T);
  return LockPath::unknown();
}

llvm::SmallVector<HeldLock, 2> DeadlockChecker::heldList(ProgramStateRef State,
                                                         TUState &T) const {
  llvm::SmallVector<std::pair<unsigned, HeldLock>, 2> Ordered;
  for (const auto &[Region, Entry] : State->get<HeldLocks>())
    Ordered.push_back({Entry.Order,
                       {pathOf(Region, T), Entry.Mode, Entry.Reentrant,
                        Entry.Group, Entry.Chain}});
  llvm::sort(Ordered,
             [](const auto &A, const auto &B) { return A.first < B.first; });
  llvm::SmallVector<HeldLock, 2> Held;
  for (auto &[Order, Lock] : Ordered)
    Held.push_back(std::move(Lock));
  return Held;
}

/// A key for deduplicating records observed on many paths.
static std::string observedKey(char Kind, Site At,
                               llvm::ArrayRef<HeldLock> Held,
                               const LockPath &What) {
  std::string Key(1, Kind);
  Key += std::to_string(At.Raw) + "|" + std::to_string(hash_value(What));
  for (const HeldLock &H : Held)
    Key += "|" + std::to_string(hash_value(H.Lock));
  return Key;
}

void DeadlockChecker::recordAcquisition(ProgramStateRef State,
                                        const HeldLock &Lock,
                                        CheckerContext &C) const {
  TUState &T = tu(C);
  const Symbol *Top = topFunction(C);
  if (!Top)
    return;
  Acquisition A;
  A.Lock = Lock;
  A.Held = heldList(State, T);
  if (!T.ObservedKeys
           .insert(
               observedKey('a', Lock.Chain->operationSite(), A.Held, Lock.Lock))
           .second)
    return;
  FunctionSummary &S = T.observed(Top);
  S.Acquisitions.push_back(std::move(A));
}

/// The successful outcome of a try-lock: none when this thread already
/// holds the (non-recursive) lock, because then the try fails and never
/// blocks.
ProgramStateRef DeadlockChecker::tryAcquire(ProgramStateRef State,
                                            const MemRegion *Lock,
                                            LockMode Mode, bool Reentrant,
                                            SourceLocation Loc,
                                            CheckerContext &C) const {
  if (const LockEntry *Held = Lock ? State->get<HeldLocks>(Lock) : nullptr)
    if (!(Held->Reentrant || Reentrant))
      return nullptr;
  return acquire(State, Lock, Mode, Reentrant, Loc, C, /*Record=*/false);
}

ProgramStateRef DeadlockChecker::acquire(ProgramStateRef State,
                                         const MemRegion *Lock, LockMode Mode,
                                         bool Reentrant, SourceLocation Loc,
                                         CheckerContext &C, bool Record,
                                         unsigned Group) const {
  if (!Lock)
    return State;
  if (State->contains<ReleasedLocks>(Lock))
    return State->remove<ReleasedLocks>(Lock);
  TUState &T = tu(C);
  const ChainLink *Chain = chainTo(Loc, C);
  if (const LockEntry *Held = State->get<HeldLocks>(Lock)) {
    if (!(Held->Reentrant || Reentrant)) {
      LockPath Name = nameInFrame(Lock, State, C.getStackFrame(), C);
      if (Name.root() == RootKind::Unknown)
        Name = pathOf(Lock, T);
      HeldLock First{Name, Held->Mode, Held->Reentrant, 0, Held->Chain};
      Finding F = makeReacquisition(Name, First, Mode, siteOf(Loc), nullptr);
      CheckIndex K = indexOf(F.Check);
      if (Enabled[K])
        // This thread cannot go on: stop the path here.
        if (ExplodedNode *N = C.generateErrorNode(State))
          emit(F, K, N, &C, nullptr);
      return nullptr;
    }
    LockEntry Again = *Held;
    Again.Count = std::min(Again.Count + 1, 2u);
    return State->set<HeldLocks>(Lock, Again);
  }
  if (Record)
    recordAcquisition(
        State, HeldLock{pathOf(Lock, T), Mode, Reentrant, Group, Chain}, C);
  T.AcquiredInTop.insert(Lock);
  // After every lock held now (the count of them keeps states that differ
  // only in history equal).
  unsigned Order = 0;
  for (const auto &[Region, Entry] : State->get<HeldLocks>())
    Order = std::max(Order, Entry.Order + 1);
  return State->set<HeldLocks>(
      Lock, LockEntry{1, Mode, Reentrant, Chain, Group, Order});
}

ProgramStateRef DeadlockChecker::release(ProgramStateRef State,
                                         const MemRegion *Lock,
                                         TUState &T) const {
  if (!Lock)
    return State;
  if (!State->get<HeldLocks>(Lock)) {
    // The same lock reached again after the engine invalidated the pointer
    // to it (`_sync->lock(); call(); _sync->unlock();`): the region differs,
    // the name does not.
    LockPath Name = pathOf(Lock, T);
    if (Name.isPrecise())
      for (const auto &[Region, Entry] : State->get<HeldLocks>())
        if (pathOf(Region, T) == Name) {
          Lock = Region;
          break;
        }
  }
  if (const LockEntry *Held = State->get<HeldLocks>(Lock)) {
    if (Held->Count > 1) {
      LockEntry Less = *Held;
      --Less.Count;
      return State->set<HeldLocks>(Lock, Less);
    }
    return State->remove<HeldLocks>(Lock);
  }
  // Not taken here: the caller's lock.
  return State->add<ReleasedLocks>(Lock);
}

/// The class of the object region \p R.
static const CXXRecordDecl *classOf(const MemRegion *R) {
  if (const auto *Typed = dyn_cast<TypedValueRegion>(R))
    return Typed->getValueType()->getAsCXXRecordDecl();
  if (const auto *Sym = dyn_cast<SymbolicRegion>(R))
    return Sym->getPointeeStaticType()->getAsCXXRecordDecl();
  return nullptr;
}

const MemRegion *DeadlockChecker::knownPointee(const MemRegion *R,
                                               CheckerContext &C) const {
  const auto *Pointee = dyn_cast_or_null<SymbolicRegion>(R);
  const MemRegion *Pointer = Pointee ? pointerOf(Pointee) : nullptr;
  if (!Pointer)
    return R;
  if (const MemRegion *const *Stored =
          C.getState()->get<ConstPointees>(Pointer->StripCasts()))
    return *Stored;
  // The member chain from an object to the pointer: obj.cv.mu_.
  llvm::SmallVector<const FieldRegion *, 4> Chain;
  for (const auto *Field = dyn_cast_or_null<FieldRegion>(Pointer); Field;
       Field = dyn_cast<FieldRegion>(Field->getSuperRegion()->StripCasts()))
    Chain.push_back(Field);
  std::reverse(Chain.begin(), Chain.end());
  TUState &T = tu(C);
  MemRegionManager &Regions = C.getSValBuilder().getRegionManager();
  for (size_t OwnerDepth = 0; OwnerDepth < Chain.size(); ++OwnerDepth) {
    const MemRegion *Owner = Chain[OwnerDepth]->getSuperRegion()->StripCasts();
    const CXXRecordDecl *Class = classOf(Owner);
    if (!Class)
      continue;
    llvm::SmallVector<const Symbol *, 4> Path;
    for (size_t I = OwnerDepth; I < Chain.size(); ++I)
      Path.push_back(T.Lib->symbols().variable(Chain[I]->getDecl()));
    for (const MemberValue &M : T.Lib->model().memberValues(Class)) {
      if (!M.Value.AddressOf || !llvm::equal(M.Path, Path) ||
          M.Value.Path.root() != RootKind::This)
        continue;
      // `&this->m...` in the owner's terms: the owner's member region.
      const MemRegion *Target = Owner;
      for (const PathStep &Step : M.Value.Path.steps()) {
        const auto *Field = Step.Kind == StepKind::Field
                                ? dyn_cast_or_null<FieldDecl>(
                                      T.Lib->symbols().declOf(Step.Field))
                                : nullptr;
        const auto *Super = dyn_cast<SubRegion>(Target);
        if (!Field || !Super)
          return R;
        Target = Regions.getFieldRegion(Field, Super);
      }
      return Target;
    }
  }
  return R;
}

void DeadlockChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                                CheckerContext &C) const {
  const auto *Field = dyn_cast_or_null<FieldRegion>(Loc.getAsRegion());
  const MemRegion *Pointee = Val.getAsRegion();
  if (!Field || !Pointee)
    return;
  QualType Type = Field->getDecl()->getType();
  if (!Type->isPointerType() || !Type.isConstQualified())
    return;
  C.addTransition(
      C.getState()->set<ConstPointees>(Field, Pointee->StripCasts()));
}

/// The region a lock operand denotes: for a pointer argument its pointee,
/// for an object (or reference) itself.
const MemRegion *DeadlockChecker::operandRegion(const CallEvent &Call,
                                                unsigned Index,
                                                CheckerContext &C) const {
  if (Index >= Call.getNumArgs())
    return nullptr;
  return canonicalRegion(
      knownPointee(canonicalRegion(Call.getArgSVal(Index).getAsRegion()), C));
}

bool DeadlockChecker::evalLockFunction(const CallEvent &Call,
                                       const LockFunctionInfo &Info,
                                       CheckerContext &C) const {
  llvm::SmallVector<const MemRegion *, 2> Locks;
  llvm::SmallVector<bool, 2> Reentrant;
  const auto *Instance = dyn_cast<CXXInstanceCall>(&Call);
  TUState &T = tu(C);
  LockModel &Model = T.Lib->model();
  auto Add = [&](const MemRegion *R, QualType Type) {
    Locks.push_back(R);
    Reentrant.push_back(R && Model.isReentrant(Type, pathOf(R, T)));
  };
  if (Info.FromAttributes && !Info.Capabilities.empty()) {
    // Attribute arguments: `this`, a parameter, or a member of `this`.
    const auto *FD = cast<FunctionDecl>(Call.getDecl());
    for (const Expr *Cap : Info.Capabilities) {
      const Expr *E = Cap->IgnoreParenImpCasts();
      if (const auto *Addr = dyn_cast<UnaryOperator>(E);
          Addr && Addr->getOpcode() == UO_AddrOf)
        E = Addr->getSubExpr()->IgnoreParenImpCasts();
      const MemRegion *R = nullptr;
      if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
        if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl())) {
          unsigned I = Param->getFunctionScopeIndex();
          // A pointer's or a reference's value is the lock's region.
          R = I < FD->getNumParams() ? operandRegion(Call, I, C) : nullptr;
        } else if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
                   Var && Var->hasGlobalStorage()) {
          R = C.getState()
                  ->getLValue(Var, C.getLocationContext())
                  .getAsRegion();
        }
      } else if (const auto *Member = dyn_cast<MemberExpr>(E);
                 Member && Instance &&
                 isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())) {
        if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
          if (const MemRegion *Object =
                  Instance->getCXXThisVal().getAsRegion()) {
            R = C.getStoreManager().getRegionManager().getFieldRegion(
                Field, cast<SubRegion>(Object));
            // `RELEASE(mu_)` with `Mutex *mu_`: the lock is what it points to.
            if (Field->getType()->isPointerType())
              R = C.getState()->getSVal(R).getAsRegion();
          }
      }
      Add(canonicalRegion(R), Cap->getType()->isPointerType()
                                  ? Cap->getType()->getPointeeType()
                                  : Cap->getType());
    }
  } else {
    switch (Info.Operand) {
    case LockOperand::Object:
      if (Instance)
        Add(canonicalRegion(Instance->getCXXThisVal().getAsRegion()),
            C.getASTContext().getRecordType(
                cast<CXXMethodDecl>(Call.getDecl())->getParent()));
      break;
    case LockOperand::FirstArgument:
      if (Call.getNumArgs() > 0) {
        QualType Type = Call.getArgExpr(0)->getType();
        Add(operandRegion(Call, 0, C),
            Type->isPointerType() ? Type->getPointeeType() : Type);
      }
      break;
    case LockOperand::AllArguments:
      for (unsigned I = 0; I < Call.getNumArgs(); ++I)
        Add(operandRegion(Call, I, C), Call.getArgExpr(I)->getType());
      break;
    }
  }
  // `std::lock(lk1, lk2)` over guards locks their mutexes; the guards then
  // own them.
  ProgramStateRef State = C.getState();
  llvm::SmallVector<const MemRegion *, 2> LockedGuards;
  for (size_t I = 0; I < Locks.size(); ++I)
    if (const GuardEntry *G =
            Locks[I] ? State->get<Guards>(Locks[I]) : nullptr) {
      LockedGuards.push_back(Locks[I]);
      Locks[I] = G->mutex();
      Reentrant[I] = G->Reentrant;
    }
  if (Info.Action == LockAction::Acquire ||
      Info.Action == LockAction::AcquireAll)
    for (const MemRegion *G : LockedGuards) {
      GuardEntry Owning = *State->get<Guards>(G);
      Owning.Owns = true;
      State = State->set<Guards>(G, Owning);
    }
  SourceLocation Loc = Call.getOriginExpr()
                           ? Call.getOriginExpr()->getBeginLoc()
                           : Call.getSourceRange().getBegin();
  // The call's own result: unknown unless it is a try.
  if (const Expr *E = Call.getOriginExpr())
    State = State->BindExpr(
        E, C.getLocationContext(),
        C.getSValBuilder().conjureSymbolVal(nullptr, E, C.getLocationContext(),
                                            C.blockCount()));
  switch (Info.Action) {
  case LockAction::Acquire:
  case LockAction::AcquireAll: {
    unsigned Group = groupFor(Locks.size(), C);
    for (size_t I = 0; I < Locks.size() && State; ++I)
      State = acquire(State, Locks[I], Info.Mode, Reentrant[I], Loc, C,
                      /*Record=*/true, Group);
    if (State)
      C.addTransition(State);
    return true;
  }
  case LockAction::Release:
    for (const MemRegion *Lock : Locks)
      State = release(State, Lock, T);
    C.addTransition(State);
    return true;
  case LockAction::TryAcquire:
  case LockAction::TryAcquireAll: {
    // Both outcomes, with the result constrained: the engine's branches on
    // it then follow only the consistent one.
    const Expr *E = Call.getOriginExpr();
    SVal Result = E ? State->getSVal(E, C.getLocationContext()) : UnknownVal();
    auto Defined = Result.getAs<DefinedOrUnknownSVal>();
    if (!Defined) {
      C.addTransition(State);
      return true;
    }
    SValBuilder &SVB = C.getSValBuilder();
    DefinedOrUnknownSVal Succeeded = *Defined;
    if (Info.Success != SuccessValue::True) {
      int64_t Value = Info.Success == SuccessValue::Zero ? 0 : -1;
      Succeeded =
          SVB.evalEQ(State, *Defined, SVB.makeIntVal(Value, E->getType()));
    }
    auto [Success, Failure] = State->assume(Succeeded);
    if (Success) {
      for (size_t I = 0; I < Locks.size() && Success; ++I)
        Success =
            tryAcquire(Success, Locks[I], Info.Mode, Reentrant[I], Loc, C);
      if (Success)
        C.addTransition(Success);
    }
    if (Failure)
      C.addTransition(Failure);
    return true;
  }
  }
  return false;
}

bool DeadlockChecker::evalGuardConstruction(const CXXConstructorCall &Call,
                                            const GuardType &Guard,
                                            CheckerContext &C) const {
  const MemRegion *Object = Call.getCXXThisVal().getAsRegion();
  const auto *Construct =
      dyn_cast_or_null<CXXConstructExpr>(Call.getOriginExpr());
  if (!Object || !Construct)
    return false;
  TUState &T = tu(C);
  // The constructor's body does not run, so the guard's members stay
  // unbound; give them opaque values, or the library's destructor, which
  // the engine inlines (it offers destructors to no checker), would read
  // garbage and end the path there silently.
  ProgramStateRef State = C.getState()->invalidateRegions(
      {Object}, Construct, C.blockCount(), C.getLocationContext(),
      /*CausesPointerEscape=*/false);
  const CXXConstructorDecl *Ctor = Construct->getConstructor();
  if (Ctor->isCopyOrMoveConstructor()) {
    // unique_lock(std::move(other)): the other guard's lock moves here.
    const MemRegion *From = operandRegion(Call, 0, C);
    const GuardEntry *Source = From ? State->get<Guards>(From) : nullptr;
    GuardEntry Moved = Source ? *Source : GuardEntry();
    if (Source)
      State = State->remove<Guards>(From);
    C.addTransition(State->set<Guards>(Object, Moved));
    return true;
  }
  LockCatalog::GuardTag Tag;
  LockMode Mode = Guard.Mode;
  LockPathBuilder Paths(T.Lib->symbols(), nullptr);
  llvm::SmallVector<LockOperandInfo, 2> Ops =
      T.Lib->model().guardOperands(Construct, Paths, Tag, Mode);
  // The lock arguments are the leading non-tag ones.
  llvm::SmallVector<const MemRegion *, 2> Locks;
  for (unsigned I = 0; I < Call.getNumArgs() && Locks.size() < Ops.size(); ++I)
    if (T.Lib->model().catalog().classifyTag(recordNameOf(
            Call.getArgExpr(I)->getType())) == LockCatalog::GuardTag::None) {
      Locks.push_back(operandRegion(Call, I, C));
    }
  GuardEntry Entry;
  Entry.Mode = Mode;
  if (!Locks.empty()) {
    for (size_t I = 0; I < Locks.size() && I < Entry.Mutexes.size(); ++I)
      Entry.Mutexes[I] = Locks[I];
    Entry.Reentrant = Ops.front().Reentrant;
  }
  SourceLocation Loc = Construct->getBeginLoc();
  switch (Tag) {
  case LockCatalog::GuardTag::None: {
    unsigned Group = groupFor(Locks.size(), C);
    for (size_t I = 0; I < Locks.size() && State; ++I)
      State = acquire(State, Locks[I], Mode, Ops[I].Reentrant, Loc, C,
                      /*Record=*/true, Group);
    if (!State)
      return true;
    Entry.Owns = !Locks.empty();
    break;
  }
  case LockCatalog::GuardTag::Defer:
    break;
  case LockCatalog::GuardTag::Adopt:
    Entry.Owns = true;
    break;
  case LockCatalog::GuardTag::Try: {
    SVal Owns = C.getSValBuilder().conjureSymbolVal(
        nullptr, Construct, C.getLocationContext(), C.getASTContext().BoolTy,
        C.blockCount());
    tryWithGuard(State, Object, Entry, Owns, Loc, C);
    return true;
  }
  }
  C.addTransition(State->set<Guards>(Object, Entry));
  return true;
}

void DeadlockChecker::tryWithGuard(ProgramStateRef State,
                                   const MemRegion *Guard, GuardEntry Entry,
                                   SVal Result, SourceLocation Loc,
                                   CheckerContext &C) const {
  auto [Success, Failure] =
      State->assume(Result.castAs<DefinedOrUnknownSVal>());
  if (Success && Entry.mutex()) {
    GuardEntry Owning = Entry;
    Owning.Owns = true;
    if (ProgramStateRef S = tryAcquire(Success, Entry.mutex(), Entry.Mode,
                                       Entry.Reentrant, Loc, C))
      C.addTransition(S->set<Guards>(Guard, Owning));
  }
  if (Failure)
    C.addTransition(Failure->set<Guards>(Guard, Entry));
}

bool DeadlockChecker::evalGuardAssignment(const CXXInstanceCall &Call,
                                          CheckerContext &C) const {
  // `lk = std::move(other)`: the target lets go of what it owned and takes
  // over the source's lock.
  const MemRegion *Target = Call.getCXXThisVal().getAsRegion();
  const MemRegion *Source = operandRegion(Call, 0, C);
  if (!Target)
    return false;
  ProgramStateRef State = C.getState();
  if (const GuardEntry *Old = State->get<Guards>(Target))
    if (Old->Owns)
      for (const MemRegion *Mutex : Old->Mutexes)
        if (Mutex && State->get<HeldLocks>(Mutex))
          State = release(State, Mutex, tu(C));
  GuardEntry Moved;
  if (const GuardEntry *From = Source ? State->get<Guards>(Source) : nullptr) {
    Moved = *From;
    State = State->remove<Guards>(Source);
  }
  State = State->set<Guards>(Target, Moved);
  if (const Expr *E = Call.getOriginExpr())
    State =
        State->BindExpr(E, C.getLocationContext(), loc::MemRegionVal(Target));
  C.addTransition(State);
  return true;
}

bool DeadlockChecker::evalGuardMethod(const CXXInstanceCall &Call,
                                      GuardAction Action,
                                      CheckerContext &C) const {
  const MemRegion *Object = Call.getCXXThisVal().getAsRegion();
  if (!Object)
    return false;
  ProgramStateRef State = C.getState();
  const GuardEntry *Entry = State->get<Guards>(Object);
  const Expr *E = Call.getOriginExpr();
  SourceLocation Loc = E ? E->getBeginLoc() : SourceLocation();
  GuardEntry Updated = Entry ? *Entry : GuardEntry();
  switch (Action) {
  case GuardAction::Lock:
    if (Entry && Entry->mutex()) {
      State =
          acquire(State, Entry->mutex(), Entry->Mode, Entry->Reentrant, Loc, C);
      if (!State)
        return true;
      Updated.Owns = true;
      State = State->set<Guards>(Object, Updated);
    }
    break;
  case GuardAction::Unlock:
    if (Entry && Entry->Owns) {
      State = release(State, Entry->mutex(), tu(C));
      Updated.Owns = false;
      State = State->set<Guards>(Object, Updated);
    }
    break;
  case GuardAction::Disown:
    State = State->remove<Guards>(Object);
    break;
  case GuardAction::TryLock: {
    SVal Result = C.getSValBuilder().conjureSymbolVal(
        nullptr, E, C.getLocationContext(), C.getASTContext().BoolTy,
        C.blockCount());
    if (E)
      State = State->BindExpr(E, C.getLocationContext(), Result);
    tryWithGuard(State, Object, Updated, Result, Loc, C);
    return true;
  }
  case GuardAction::OwnsQuery:
    if (E) {
      // Known on this path: the engine prunes the other branch.
      SVal Owns =
          C.getSValBuilder().makeTruthVal(Entry && Entry->Owns, E->getType());
      State = State->BindExpr(E, C.getLocationContext(), Owns);
    }
    break;
  }
  C.addTransition(State);
  return true;
}

bool DeadlockChecker::insideModelledCall(CheckerContext &C) const {
  LockModel &Model = tu(C).Lib->model();
  for (const StackFrameContext *SF = C.getStackFrame(); SF && SF->getParent();
       SF = SF->getParent()->getStackFrame()) {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(SF->getDecl());
    if (!FD)
      continue;
    if (Model.isLockRelated(FD))
      return true;
    if (const auto *Dtor = dyn_cast<CXXDestructorDecl>(FD);
        Dtor && Model.destructorJoins(
                    C.getASTContext().getRecordType(Dtor->getParent())))
      return true;
  }
  return false;
}

bool DeadlockChecker::evalCall(const CallEvent &Call, CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || insideModelledCall(C))
    return false;
  TUState &T = tu(C);
  LockModel &Model = T.Lib->model();
  // Guards: construction, destruction and members, all modelled here so
  // that their library bodies are not inlined as well.
  if (const auto *Ctor = dyn_cast<CXXConstructorCall>(&Call)) {
    if (const GuardType *Guard = Model.guardType(
            Ctor->getOriginExpr() ? Ctor->getOriginExpr()->getType()
                                  : QualType()))
      return evalGuardConstruction(*Ctor, *Guard, C);
    // A home-made guard (`MutexLock(Mutex *mu) ACQUIRE(mu)`) whose body is
    // here: let the engine run it, so that its members are what its
    // destructor releases.
    if (FD->hasBody())
      return false;
  }
  if (const auto *Dtor = dyn_cast<CXXDestructorCall>(&Call)) {
    if (ProgramStateRef State = destroyGuard(*Dtor, C)) {
      C.addTransition(State);
      return true;
    }
    return false;
  }
  if (const auto *Instance = dyn_cast<CXXInstanceCall>(&Call))
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
      if ((MD->isCopyAssignmentOperator() || MD->isMoveAssignmentOperator()) &&
          Model.guardType(C.getASTContext().getRecordType(MD->getParent())))
        return evalGuardAssignment(*Instance, C);
      if (std::optional<GuardAction> Action = Model.guardMethod(MD))
        return evalGuardMethod(*Instance, *Action, C);
    }
  if (const LockFunctionInfo *Info = Model.lockFunction(FD))
    return evalLockFunction(Call, *Info, C);
  return false;
}

void DeadlockChecker::checkBeginFunction(CheckerContext &C) const {
  const auto *FD =
      dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
  if (!FD)
    return;
  TUState &T = tu(C);
  const Symbol *Function = T.Lib->symbols().function(FD);
  if (C.inTopFrame())
    // What its feasible paths do replaces lib/'s summary, even if nothing.
    T.observed(Function);
  else
    T.Inlined.insert(Function);
}

/// A virtual call whose target the engine does not know, so it neither
/// inlines nor models it.
static bool leavesTheEngine(const CallEvent &Call) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Call.getDecl());
  if (!Method || !Method->isVirtual())
    return false;
  const Decl *Target = Call.getRuntimeDefinition().getDecl();
  return !Target || !Target->hasBody();
}

void DeadlockChecker::checkPreCall(const CallEvent &Call,
                                   CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  const Symbol *Top = FD ? topFunction(C) : nullptr;
  if (!Top || insideModelledCall(C))
    return;
  TUState &T = tu(C);
  LockModel &Model = T.Lib->model();
  ProgramStateRef State = C.getState();
  const Expr *E = Call.getOriginExpr();
  SourceLocation Loc = E ? E->getBeginLoc() : Call.getSourceRange().getBegin();
  if (C.inTopFrame() && E) {
    TUState::TopCall &Visit = T.TopCalls[siteOf(Loc).Raw];
    Visit.Caller = Top;
    Visit.ThroughLibrary |= !T.Lib->calleeSummary(FD);
    llvm::SmallVector<HeldLock, 2> Held = heldList(State, T);
    if (Visit.HeldKeys.insert(observedKey('h', siteOf(Loc), Held, LockPath()))
            .second)
      Visit.HeldLists.push_back(std::move(Held));
  } else if (E && leavesTheEngine(Call)) {
    // A virtual call the engine cannot resolve, inside an inlined frame:
    // the calls lib/ resolves there are lost unless the top-level call
    // that led here is taken from lib/'s summary.
    const StackFrameContext *Outer = C.getStackFrame();
    while (Outer->getParent() && Outer->getParent()->getParent())
      Outer = Outer->getParent()->getStackFrame();
    if (const Stmt *Site = Outer->getCallSite()) {
      auto It = T.TopCalls.find(siteOf(Site->getBeginLoc()).Raw);
      if (It != T.TopCalls.end())
        It->second.ThroughLibrary = true;
    }
  }
  // The function whose body blocks: the innermost inlined frame.
  const auto *FrameDecl =
      dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl());
  const Symbol *Frame = FrameDecl ? T.Lib->symbols().function(FrameDecl) : Top;
  auto Operand = [&](CallOperand O) -> const MemRegion * {
    if (O.OperandKind == CallOperand::Object)
      if (const auto *Instance = dyn_cast<CXXInstanceCall>(&Call))
        return canonicalRegion(Instance->getCXXThisVal().getAsRegion());
    if (O.OperandKind == CallOperand::Argument)
      return operandRegion(Call, O.Index, C);
    return nullptr;
  };
  // Blocking and waking: recorded with the locks held, for composition.
  if (const BlockingFunction *Row = Model.blockingFunction(FD)) {
    const Expr *Timeout = Row->Timeout.OperandKind == CallOperand::Argument &&
                                  Row->Timeout.Index < Call.getNumArgs()
                              ? Call.getArgExpr(Row->Timeout.Index)
                              : nullptr;
    std::optional<bool> Bounded = boundedWait(*Row, Timeout, C.getASTContext());
    if (!Bounded)
      return; // A poll.
    BlockingOp Op;
    Op.Kind = Row->Kind;
    Op.Blocker = Frame;
    Op.Waited = pathOf(Operand(Row->Waited), T);
    Op.Timed = *Bounded;
    Op.Activity = blockingActivity(*Row, Op.Waited, qualifiedNameOf(FD));
    Op.Chain = chainTo(Loc, C);
    Op.Held = heldList(State, T);
    if (const MemRegion *Released = Operand(Row->Releases)) {
      // A unique_lock releases its mutex.
      if (const GuardEntry *G = State->get<Guards>(Released))
        Released = G->mutex();
      LockPath Mutex = pathOf(Released, T);
      llvm::erase_if(Op.Held,
                     [&](const HeldLock &H) { return H.Lock == Mutex; });
      Op.Releases = Mutex;
    }
    recordBlocking(std::move(Op), Top, C);
  } else if (const auto *Dtor = dyn_cast<CXXDestructorCall>(&Call);
             Dtor && Model.destructorJoins(C.getASTContext().getRecordType(
                         cast<CXXMethodDecl>(FD)->getParent()))) {
    // std::jthread's destructor joins.
    BlockingOp Op;
    Op.Kind = BlockKind::Join;
    Op.Blocker = Frame;
    Op.Waited = pathOf(Operand(CallOperand::object()), T);
    Op.Activity = "joining thread '" + Op.Waited.str() + "' (destructor)";
    Op.Chain = chainTo(Loc, C);
    Op.Held = heldList(State, T);
    recordBlocking(std::move(Op), Top, C);
  }
  if (const WakeFunction *Row = Model.wakeFunction(FD)) {
    WakeOp Op;
    Op.Kind = Row->Kind;
    Op.Woken = pathOf(Operand(Row->Woken), T);
    Op.Activity = wakeActivity(*Row, Op.Woken, qualifiedNameOf(FD));
    Op.Chain = chainTo(Loc, C);
    Op.Held = heldList(State, T);
    if (T.ObservedKeys
            .insert(
                observedKey('w', Op.Chain->operationSite(), Op.Held, Op.Woken))
            .second) {
      FunctionSummary &S = T.observed(Top);
      S.Wakes.push_back(std::move(Op));
    }
  }
}

void DeadlockChecker::recordBlocking(BlockingOp Op, const Symbol *Top,
                                     CheckerContext &C) const {
  TUState &T = tu(C);
  if (!T.ObservedKeys
           .insert(
               observedKey('b', Op.Chain->operationSite(), Op.Held, Op.Waited))
           .second)
    return;
  // Which function a joined thread runs, and which descriptor an I/O call
  // reads, are lib/'s (flow-insensitive) knowledge.
  const auto *Frame =
      dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl());
  if (const FunctionSummary *Lib =
          Frame ? T.Lib->calleeSummary(Frame) : nullptr)
    for (const BlockingOp &Known : Lib->Blocks)
      if (Known.Chain->operationSite() == Op.Chain->operationSite()) {
        Op.Finishers = Known.Finishers;
        // A descriptor passed by value has no region to name it by.
        if (Op.Waited.root() == RootKind::Unknown)
          Op.Waited = Known.Waited;
      }
  FunctionSummary &S = T.observed(Top);
  S.Blocks.push_back(std::move(Op));
}

void DeadlockChecker::recordUserCall(const CallEvent &Call,
                                     CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  const Symbol *Top = FD ? topFunction(C) : nullptr;
  TUState &T = tu(C);
  // Lock, guard, blocking and wake calls are modelled here, not left to
  // their bodies' summaries (which would take the lock a second time).
  if (!Top || T.Lib->model().isLockRelated(FD) || !T.Lib->calleeSummary(FD))
    return;
  // A call the engine did not inline: composition applies lib/'s summary
  // of the callee, with the locks held here.
  CallRecord Record;
  Record.Callee = T.Lib->symbols().function(FD);
  const Expr *E = Call.getOriginExpr();
  Record.Loc = chainTo(E ? E->getBeginLoc() : SourceLocation(), C)->Loc;
  if (const auto *Instance = dyn_cast<CXXInstanceCall>(&Call))
    if (const MemRegion *Object = Instance->getCXXThisVal().getAsRegion())
      Record.Bindings.This = PathValue{pathOf(Object, T), false};
  for (unsigned I = 0; I < Call.getNumArgs(); ++I) {
    const MemRegion *R = Call.getArgSVal(I).getAsRegion();
    Record.Bindings.Args.push_back(
        R ? std::optional(PathValue{
                pathOf(R, T), Call.getArgExpr(I)->getType()->isPointerType()})
          : std::nullopt);
  }
  Record.Held = heldList(C.getState(), T);
  if (!T.ObservedKeys
           .insert(observedKey('c', Record.Loc, Record.Held, LockPath()) +
                   Record.Callee->QualifiedName)
           .second)
    return;
  FunctionSummary &S = T.observed(Top);
  S.Calls.push_back(std::move(Record));
}

ProgramStateRef DeadlockChecker::destroyGuard(const CXXDestructorCall &Dtor,
                                              CheckerContext &C) const {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Dtor.getDecl());
  if (!Method || !tu(C).Lib->model().guardType(
                     C.getASTContext().getRecordType(Method->getParent())))
    return nullptr;
  ProgramStateRef State = C.getState();
  if (const MemRegion *Object = Dtor.getCXXThisVal().getAsRegion())
    if (const GuardEntry *Entry = State->get<Guards>(Object)) {
      if (Entry->Owns)
        for (const MemRegion *Mutex : Entry->Mutexes)
          if (Mutex && State->get<HeldLocks>(Mutex))
            State = release(State, Mutex, tu(C));
      State = State->remove<Guards>(Object);
    }
  return State;
}

void DeadlockChecker::checkPostCall(const CallEvent &Call,
                                    CheckerContext &C) const {
  // A call that does not return (`__assert_fail`, `abort`) ends the path,
  // as core.builtin.NoReturnFunctions says. Without that checker (enabled
  // by default, but not with --analyzer-no-default-checks) the engine goes
  // on to the end of the function with the locks still held.
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
      FD && (FD->isNoReturn() || FD->hasAttr<AnalyzerNoReturnAttr>())) {
    C.generateSink(C.getState(), C.getPredecessor());
    return;
  }
  // The engine does not offer destructors to evalCall: a guard's is
  // modelled here, after its body (if inlined) ran without knowing the
  // guard's mutex.
  if (insideModelledCall(C))
    return;
  if (const auto *Dtor = dyn_cast<CXXDestructorCall>(&Call)) {
    if (ProgramStateRef State = destroyGuard(*Dtor, C)) {
      if (State != C.getState())
        C.addTransition(State);
      return;
    }
    // `~MutexLock() RELEASE()` with no body here.
    const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
    if (FD && !C.wasInlined)
      if (const LockFunctionInfo *Info = tu(C).Lib->model().lockFunction(FD);
          Info && Info->Action == LockAction::Release) {
        evalLockFunction(Call, *Info, C);
        return;
      }
  }
  if (!C.wasInlined)
    recordUserCall(Call, C);
}

void DeadlockChecker::checkPreStmt(const ReturnStmt *RS,
                                   CheckerContext &C) const {
  // Marks the return for checkEndFunction's report: the path still runs
  // destructors before it ends.
  if (!C.inTopFrame() || C.getState()->get<HeldLocks>().isEmpty())
    return;
  TUState &T = tu(C);
  ProgramStateRef State =
      C.getState()->set<ReturnMark>(T.ReturnNodes.size() + 1);
  if (ExplodedNode *N = C.addTransition(State, &ReturnTag))
    T.ReturnNodes.push_back(N);
}

void DeadlockChecker::checkEndFunction(const ReturnStmt *RS,
                                       CheckerContext &C) const {
  if (!C.inTopFrame())
    return;
  TUState &T = tu(C);
  const auto *FD =
      dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
  if (!FD || isa<CXXConstructorDecl>(FD) || isa<CXXDestructorDecl>(FD))
    return; // Guards lock in constructors and unlock in destructors.
  ProgramStateRef State = C.getState();
  std::optional<SVal> Returned;
  if (RS && RS->getRetValue())
    Returned = C.getSVal(RS->getRetValue());
  // Report at the return statement: the node marked before it.
  ExplodedNode *N = C.getPredecessor();
  unsigned Mark = State->get<ReturnMark>();
  if (RS && Mark && Mark <= T.ReturnNodes.size())
    N = T.ReturnNodes[Mark - 1];
  // Sorted by lock at the end of the analysis: a path that never takes a
  // lock may end before any path has taken it.
  T.TopExits.push_back({N, RS, State, Returned});
}

llvm::MapVector<const MemRegion *, TUState::Exits>
DeadlockChecker::sortExits(const FunctionDecl *FD, TUState &T) const {
  llvm::MapVector<const MemRegion *, TUState::Exits> ByLock;
  for (const MemRegion *Lock : T.AcquiredInTop) {
    TUState::Exits &E = ByLock[Lock];
    E.ReturnsBool = FD->getReturnType()->isBooleanType();
    E.ReturnsInteger = FD->getReturnType()->isIntegerType();
    for (const TUState::Exits::Exit &X : T.TopExits) {
      if (const LockEntry *Held = X.State->get<HeldLocks>(Lock)) {
        E.Held.push_back(X);
        E.Name = pathOf(Lock, T);
        // One note for all of them: the acquisition latest in the source,
        // as clang-tidy's merged paths name it.
        if (!E.Chain || E.Chain->operationSite() < Held->Chain->operationSite())
          E.Chain = Held->Chain;
      } else {
        E.Free.push_back(X);
      }
    }
  }
  return ByLock;
}

/// The value a path returns, if the constraints fix it.
static std::optional<int64_t> returnedValue(const TUState::Exits::Exit &X) {
  if (!X.Returned)
    return std::nullopt;
  if (std::optional<nonloc::ConcreteInt> V =
          X.Returned->getAs<nonloc::ConcreteInt>())
    return V->getValue().getExtValue();
  if (SymbolRef Sym = X.Returned->getAsSymbol())
    if (const llvm::APSInt *V =
            X.State->getStateManager().getConstraintManager().getSymVal(X.State,
                                                                        Sym))
      return V->getExtValue();
  return std::nullopt;
}

/// Whether the constraints rule out that a path returns \p Value.
static bool cannotReturn(const TUState::Exits::Exit &X, int64_t Value,
                         SValBuilder &SVB) {
  if (!X.Returned || !X.Returned->getAs<DefinedOrUnknownSVal>() || !X.Return ||
      !X.Return->getRetValue())
    return false;
  QualType Type = X.Return->getRetValue()->getType();
  SVal Equal = SVB.evalEQ(X.State, *X.Returned, SVB.makeIntVal(Value, Type));
  auto Defined = Equal.getAs<DefinedOrUnknownSVal>();
  return Defined && !X.State->assume(*Defined, true);
}

void DeadlockChecker::checkEndAnalysis(ExplodedGraph &G, BugReporter &BR,
                                       ExprEngine &Eng) const {
  if (!State)
    return;
  TUState &T = *State;
  llvm::MapVector<const MemRegion *, TUState::Exits> ByLock;
  if (!T.TopExits.empty())
    if (const auto *FD = dyn_cast_or_null<FunctionDecl>(
            T.TopExits.front().Node->getLocationContext()->getDecl()))
      ByLock = sortExits(FD, T);
  for (auto &[Lock, E] : ByLock) {
    // As lib/ does: which element of a container is held is beyond us.
    if (E.Held.empty() || E.Free.empty() || !Enabled[MissingUnlockCheck] ||
        !E.Name.isPrecise())
      continue;
    // lib/'s try-lock wrapper rule, on what the constraints say each path
    // returns.
    std::set<int64_t> HeldValues, FreeValues;
    bool AllKnown = true;
    for (const TUState::Exits::Exit &X : E.Held) {
      if (std::optional<int64_t> V = returnedValue(X))
        HeldValues.insert(*V);
      else
        AllKnown = false;
    }
    for (const TUState::Exits::Exit &X : E.Free) {
      if (std::optional<int64_t> V = returnedValue(X))
        FreeValues.insert(*V);
      else if (HeldValues.size() == 1 &&
               cannotReturn(X, *HeldValues.begin(), Eng.getSValBuilder()))
        FreeValues.insert(*HeldValues.begin() == 0 ? 1 : 0); // Any other.
      else
        AllKnown = false;
    }
    if (tryWrapperSuccess(E.ReturnsBool, E.ReturnsInteger, HeldValues,
                          FreeValues, AllKnown))
      continue;
    for (const TUState::Exits::Exit &Exit : E.Held) {
      const ReturnStmt *RS = Exit.Return;
      const ExplodedNode *Node = Exit.Node;
      HeldLock H{E.Name, LockMode::Exclusive, false, 0, E.Chain};
      SourceLocation Loc = RS ? RS->getBeginLoc() : SourceLocation();
      Finding F = makeMissingUnlock(H, siteOf(Loc), !RS);
      emit(F, MissingUnlockCheck, const_cast<ExplodedNode *>(Node), nullptr,
           &BR);
    }
  }
  T.TopExits.clear();
  T.AcquiredInTop.clear();
  T.ReturnNodes.clear();
}

void DeadlockChecker::addUnresolvedCalls(const Symbol *Function,
                                         const FunctionSummary &Lib,
                                         FunctionSummary &Observed) const {
  // lib/ follows calls through std::function and function pointers to the
  // callables that flow there; the engine loses them in library code. At
  // such sites, take lib/'s callees with the locks the engine saw held.
  for (const CallRecord &Call : Lib.Calls) {
    auto It = State->TopCalls.find(Call.Loc.Raw);
    if (It == State->TopCalls.end() || It->second.Caller != Function ||
        !It->second.ThroughLibrary)
      continue;
    for (const llvm::SmallVector<HeldLock, 2> &Held : It->second.HeldLists) {
      CallRecord Record = Call;
      Record.Held = Held;
      Observed.Calls.push_back(std::move(Record));
    }
  }
}

void DeadlockChecker::dropInlinedOnly(ProgramSummaries &Program) const {
  // A function the engine only ever inlined is already part of its callers'
  // summaries; lib/'s summary of it would count its lock orders again, as
  // if it also ran on its own, without the locks its callers hold. Keep it
  // where some remaining summary still calls it.
  llvm::DenseSet<const Symbol *> Kept;
  std::vector<const Symbol *> Work;
  for (auto &[Function, Summary] : Program.Functions)
    if (!State->Inlined.contains(Function) || State->Observed.count(Function))
      if (Kept.insert(Function).second)
        Work.push_back(Function);
  while (!Work.empty()) {
    const Symbol *F = Work.back();
    Work.pop_back();
    for (const CallRecord &Call : Program.Functions[F].Calls)
      if (Program.Functions.count(Call.Callee) &&
          Kept.insert(Call.Callee).second)
        Work.push_back(Call.Callee);
  }
  Program.Functions.remove_if(
      [&](const auto &Entry) { return !Kept.contains(Entry.first); });
}

void DeadlockChecker::checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                                AnalysisManager &Mgr,
                                                BugReporter &BR) const {
  if (!State)
    return;
  TUState &T = *State;
  ProgramSummaries &Program = T.Lib->program();
  // While the summaries of inlined callees are still there.
  deriveProgramFacts(Program);
  // What the engine saw on feasible paths replaces the flow-sensitive
  // parts of lib/'s summaries of the functions it analysed; the rest (net
  // effect, linkage, ...) stays: callers need it.
  for (auto &[Function, Observed] : T.Observed) {
    FunctionSummary &Summary = Program.Functions[Function];
    addUnresolvedCalls(Function, Summary, Observed);
    Summary.Function = Function;
    Summary.Acquisitions = std::move(Observed.Acquisitions);
    Summary.Calls = std::move(Observed.Calls);
    Summary.Blocks = std::move(Observed.Blocks);
    Summary.Wakes = std::move(Observed.Wakes);
  }
  dropInlinedOnly(Program);
  // Path-sensitive findings were reported on their paths.
  for (auto &[Function, Summary] : Program.Functions)
    Summary.Findings.clear();
  struct Forward : DeadlockHandler {
    const DeadlockChecker &Checker;
    BugReporter &BR;
    Forward(const DeadlockChecker &Checker, BugReporter &BR)
        : Checker(Checker), BR(BR) {}
    void handleFinding(const Finding &F) override {
      if (F.Check == CheckKind::AnalysisLimit ||
          F.Check == CheckKind::MissingUnlock)
        return;
      if (F.Check == CheckKind::BlockingUnderLock &&
          ((F.IO && !Checker.IncludeIO) ||
           (Checker.ConfirmedOnly && !F.Certain)))
        return;
      Checker.emit(F, indexOf(F.Check), nullptr, nullptr, &BR);
    }
  } Handler(*this, BR);
  reportFindings(Program, Handler);
  State.reset();
  StateFor = nullptr;
}

void DeadlockChecker::emit(const Finding &F, CheckIndex K, ExplodedNode *N,
                           CheckerContext *C, BugReporter *BR) const {
  if (!Enabled[K])
    return;
  const SourceManager &SM = C ? C->getSourceManager() : BR->getSourceManager();
  auto Loc = [&](Site S) { return PathDiagnosticLocation(locationOf(S), SM); };
  std::unique_ptr<BugReport> Report;
  if (N) {
    // The engine keeps one report per location and message; two outer
    // acquisitions reaching one inner acquisition are two findings.
    PathDiagnosticLocation Unique;
    const Decl *UniqueDecl = nullptr;
    bool Reacquisition = F.Check == CheckKind::DoubleLock ||
                         F.Check == CheckKind::RecursiveSharedLock;
    if (Reacquisition && !F.Notes.empty() && F.Notes.front().Loc.isValid()) {
      Unique = Loc(F.Notes.front().Loc);
      const LocationContext *Top = N->getLocationContext();
      while (Top->getParent())
        Top = Top->getParent();
      UniqueDecl = Top->getDecl();
    }
    Report = std::make_unique<PathSensitiveBugReport>(type(K), F.Message, N,
                                                      Unique, UniqueDecl);
  } else
    Report = std::make_unique<BasicBugReport>(type(K), F.Message, Loc(F.Loc));
  FileID MainFile = SM.getFileID(locationOf(F.Loc));
  for (const Note &Item : F.Notes)
    if (Item.Loc.isValid() &&
        (CrossFileNotes || SM.getFileID(locationOf(Item.Loc)) == MainFile))
      Report->addNote(Item.Message, Loc(Item.Loc));
  if (C)
    C->emitReport(std::move(Report));
  else
    BR->emitReport(std::move(Report));
}

/// The hidden core checker: every deadlock.* checker depends on it and
/// shares its DeadlockChecker. The analysis settings are options of the
/// `deadlock` package.
void registerDeadlockCore(CheckerManager &Mgr) {
  auto *Checker = Mgr.registerChecker<DeadlockChecker>();
  const AnalyzerOptions &Opts = Mgr.getAnalyzerOptions();
  Checker->CrossFileNotes = Opts.AnalysisDiagOpt != PD_PLIST &&
                            Opts.AnalysisDiagOpt != PD_PLIST_HTML &&
                            Opts.AnalysisDiagOpt != PD_HTML_SINGLE_FILE;
  auto Settings = AnalysisSettings::read(
      [&](StringRef Name) -> std::optional<std::string> {
        std::string Value = Opts.getCheckerStringOption("deadlock", Name).str();
        if (Value.empty())
          return std::nullopt;
        return Value;
      },
      "deadlock:");
  llvm::Expected<AnalysisOptions> Built =
      Settings ? buildAnalysisOptions(*Settings, "deadlock:")
               : llvm::Expected<AnalysisOptions>(Settings.takeError());
  if (!Built) {
    // One line naming the option and the entry, as clang-tidy's is.
    DiagnosticsEngine &Diags = Mgr.getASTContext().getDiagnostics();
    Diags.Report(Diags.getCustomDiagID(DiagnosticsEngine::Error, "%0"))
        << llvm::toString(Built.takeError());
    return;
  }
  Checker->Options = std::move(*Built);
}

/// Registers one deadlock.* checker on the shared DeadlockChecker.
template <CheckIndex K> void registerDeadlockCheck(CheckerManager &Mgr) {
  auto *Checker = Mgr.getChecker<DeadlockChecker>();
  Checker->Enabled[K] = true;
  Checker->Names[K] = Mgr.getCurrentCheckerName();
  if (K == BlockingUnderLockCheck) {
    const AnalyzerOptions &Opts = Mgr.getAnalyzerOptions();
    Checker->IncludeIO =
        Opts.getCheckerBooleanOption(Mgr.getCurrentCheckerName(), "IncludeIO");
    Checker->ConfirmedOnly = Opts.getCheckerBooleanOption(
        Mgr.getCurrentCheckerName(), "ConfirmedOnly");
  }
}

bool shouldRegisterCore(const CheckerManager &) { return true; }

template <CheckIndex K> bool shouldRegister(const CheckerManager &) {
  return true;
}

} // namespace

extern "C" void clang_registerCheckers(CheckerRegistry &Registry) {
  Registry.addPackage("deadlock");
  Registry.addChecker(&registerDeadlockCore, &shouldRegisterCore,
                      "deadlock.Core", "Lock-state modelling for deadlock.*",
                      "", /*IsHidden=*/true);
  constexpr const char *Docs =
      "https://github.com/clang-deadlock/clang-deadlock/blob/main/docs/"
      "static-analyzer.md";
  Registry.addChecker(&registerDeadlockCheck<DoubleLockCheck>,
                      &shouldRegister<DoubleLockCheck>, "deadlock.DoubleLock",
                      "A thread acquires a non-recursive lock it holds", Docs,
                      false);
  Registry.addChecker(
      &registerDeadlockCheck<RecursiveSharedLockCheck>,
      &shouldRegister<RecursiveSharedLockCheck>, "deadlock.RecursiveSharedLock",
      "A thread re-acquires a shared lock it holds shared", Docs, false);
  Registry.addChecker(
      &registerDeadlockCheck<MissingUnlockCheck>,
      &shouldRegister<MissingUnlockCheck>, "deadlock.MissingUnlock",
      "A lock is held on some returns and not on others", Docs, false);
  Registry.addChecker(
      &registerDeadlockCheck<BlockingUnderLockCheck>,
      &shouldRegister<BlockingUnderLockCheck>, "deadlock.BlockingUnderLock",
      "A blocking operation runs while a lock is held", Docs, false);
  Registry.addChecker(&registerDeadlockCheck<LockOrderInversionCheck>,
                      &shouldRegister<LockOrderInversionCheck>,
                      "deadlock.LockOrderInversion",
                      "Locks are taken in inconsistent orders", Docs, false);
  for (const char *Name :
       {"deadlock.DoubleLock", "deadlock.RecursiveSharedLock",
        "deadlock.MissingUnlock", "deadlock.BlockingUnderLock",
        "deadlock.LockOrderInversion"})
    Registry.addDependency(Name, "deadlock.Core");
  for (const char *Option :
       {"LockFunctions", "GuardTypes", "RecursiveLockTypes",
        "BlockingFunctions", "NonBlockingFunctions", "MaxPathsPerPoint",
        "MaxStepsPerFunction"})
    Registry.addPackageOption("string", "deadlock", Option, "",
                              "As the clang-tidy option of the same name "
                              "(docs/options.md)",
                              "released");
  Registry.addCheckerOption("bool", "deadlock.BlockingUnderLock", "IncludeIO",
                            "true", "Report blocking I/O under a lock",
                            "released");
  Registry.addCheckerOption("bool", "deadlock.BlockingUnderLock",
                            "ConfirmedOnly", "false",
                            "Report only certain deadlocks", "released");
}

extern "C" const char clang_analyzerAPIVersionString[] =
    CLANG_ANALYZER_API_VERSION_STRING;
