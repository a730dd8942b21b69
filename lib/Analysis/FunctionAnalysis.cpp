//===--- FunctionAnalysis.cpp - Path-sensitive lockset analysis -----------===//

#include "FunctionAnalysis.h"
#include "Conditions.h"
#include "Core/Diagnostics.h"
#include "Core/PathState.h"
#include "LockModel.h"
#include "ObjectFacts.h"
#include "SymbolMap.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <set>
#include <tuple>

using namespace clang;

namespace deadlock {

CalleeOracle::~CalleeOracle() = default;

namespace {

const Expr *stripTemporaries(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *C = dyn_cast<ExprWithCleanups>(E))
      E = C->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
      E = F->getSubExpr();
    else
      return E;
  }
  return E;
}

/// A text key for deduplicating summary records: what happens where, with
/// which locks held and released.
static std::string recordKey(Site At, const Symbol *Callee,
                             const HeldLock *Lock, const PathState &W,
                             llvm::ArrayRef<const Symbol *> IfNonNull = {}) {
  std::string Key = std::to_string(At.Raw) + "|" +
                    std::to_string(reinterpret_cast<uintptr_t>(Callee));
  for (const Symbol *Field : IfNonNull)
    Key += "|n" + std::to_string(reinterpret_cast<uintptr_t>(Field));
  if (Lock)
    Key += "|" + std::to_string(hash_value(Lock->Lock)) + "/" +
           std::to_string(static_cast<int>(Lock->Mode));
  for (const HeldLock &H : W.Held)
    Key += "|" + std::to_string(hash_value(H.Lock)) + "/" +
           std::to_string(static_cast<int>(H.Mode));
  Key += "|r";
  for (const LockPath &P : W.Released)
    Key += "|" + std::to_string(hash_value(P));
  return Key;
}

/// The variable a write through \p E modifies, if any.
const Decl *writtenDecl(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl()->getCanonicalDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl()->getCanonicalDecl();
  return nullptr;
}

/// One pass over the body before the analysis: which variables are written
/// after initialisation, and which guard variable each construction
/// initialises.
class BodyScan : public RecursiveASTVisitor<BodyScan> {
public:
  llvm::DenseSet<const VarDecl *> Reassigned;
  llvm::DenseMap<const CXXConstructExpr *, const VarDecl *> ConstructedVars;
  llvm::SmallVector<const VarDecl *, 4> InitialisedVars;

  bool shouldVisitLambdaBody() const { return false; }
  // A range-for's hidden iterator is incremented in implicit code.
  bool shouldVisitImplicitCode() const { return true; }

  void noteWrite(const Expr *E) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
        Reassigned.insert(VD);
  }
  bool VisitBinaryOperator(BinaryOperator *E) {
    if (E->isAssignmentOp())
      noteWrite(E->getLHS());
    else if (E->isRelationalOp() && comparesTwoObjects(E))
      OrdersInstances = true;
    return true;
  }

  /// `&a < &b`, `a < b` on pointers, `a.id() < b.id()`: a comparison whose
  /// sides come from two different objects, as code that orders two locks
  /// of one class has.
  static bool comparesTwoObjects(const BinaryOperator *E) {
    if (E->getLHS()->getType()->isPointerType() &&
        E->getRHS()->getType()->isPointerType())
      return true;
    // `a.id() < b.id()`: keys of two objects of one class.
    const Decl *Left = soleRoot(E->getLHS()), *Right = soleRoot(E->getRHS());
    if (!Left || !Right || Left == Right)
      return false;
    auto ClassOf = [](const Decl *D) -> const Type * {
      const auto *VD = dyn_cast<ValueDecl>(D);
      if (!VD)
        return nullptr;
      QualType T = VD->getType().getNonReferenceType();
      if (const auto *Ptr = T->getAs<PointerType>())
        T = Ptr->getPointeeType();
      return T->isRecordType() ? T->getCanonicalTypeUnqualified().getTypePtr()
                               : nullptr;
    };
    const Type *LeftClass = ClassOf(Left);
    return LeftClass && LeftClass == ClassOf(Right);
  }
  static const Decl *soleRoot(const Expr *E) {
    struct Roots : RecursiveASTVisitor<Roots> {
      llvm::SmallPtrSet<const Decl *, 2> Found;
      bool VisitDeclRefExpr(DeclRefExpr *R) {
        if (isa<VarDecl>(R->getDecl()))
          Found.insert(R->getDecl()->getCanonicalDecl());
        return true;
      }
      bool VisitCXXThisExpr(CXXThisExpr *T) {
        Found.insert(nullptr);
        return true;
      }
    } R;
    R.TraverseStmt(const_cast<Expr *>(E));
    return R.Found.size() == 1 ? *R.Found.begin() : nullptr;
  }
  bool OrdersInstances = false;
  bool VisitUnaryOperator(UnaryOperator *E) {
    if (E->isIncrementDecrementOp())
      noteWrite(E->getSubExpr());
    else if (E->getOpcode() == UO_AddrOf &&
             !E->getSubExpr()->getType()->isRecordType())
      noteWrite(E->getSubExpr());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *E) {
    OverloadedOperatorKind Op = E->getOperator();
    if ((E->isAssignmentOp() || Op == OO_PlusPlus || Op == OO_MinusMinus) &&
        E->getNumArgs() > 0)
      noteWrite(E->getArg(0));
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    if (const Expr *Init = VD->getInit()) {
      InitialisedVars.push_back(VD);
      if (const auto *Construct =
              dyn_cast_or_null<CXXConstructExpr>(stripTemporaries(Init)))
        ConstructedVars[Construct] = VD;
    }
    return true;
  }
};

class LocksetAnalysis {
public:
  LocksetAnalysis(const FunctionDecl *FD, const FunctionAnalysisInput &In)
      : FD(FD), In(In), Model(In.Model),
        Conds(
            In.Ctx, [this](const Expr *E) { return tryCallSuccess(E); },
            [this](const Expr *E) { return guardQueried(E); }) {
    Summary.Function = In.Symbols.function(FD);
    Summary.Loc = siteOf(FD->getLocation());
  }

  FunctionSummary run();

private:
  // Set-up.
  void scanBody();
  std::optional<SuccessValue> tryCallSuccess(const Expr *E);
  GuardKey guardQueried(const Expr *E);
  GuardKey guardKeyOf(const Expr *E);

  /// Adds what is known about the fields of a local object to a call on it.
  void withKnownFields(CallBindings &B) const;

  // Transfer functions.
  void transfer(const CFGElement &E, PathSet &Ws);
  void visitIndirectCall(const CallExpr *Call, PathSet &Ws);
  void visitDelete(const CXXDeleteExpr *Delete, PathSet &Ws);
  void visitBlocking(const CallExpr *Call, const FunctionDecl *Callee,
                     const BlockingFunction &Row, PathSet &Ws);
  void visitWake(const CallExpr *Call, const FunctionDecl *Callee,
                 const WakeFunction &Row, PathSet &Ws);
  /// Records a blocking operation on every path; \p Released (a condition
  /// wait's mutex, per path) is not held while it waits.
  void recordBlocking(BlockingOp Op, const Expr *ReleasedLock, PathSet &Ws);
  void visitCall(const CallExpr *Call, PathSet &Ws);
  /// The state of the guard passed as argument \p I, if it is one.
  GuardState *guardArgument(PathState &W, const CallExpr *Call, unsigned I);
  void visitLockFunction(const CallExpr *Call, const FunctionDecl *Callee,
                         const LockFunctionInfo &Info, PathSet &Ws);
  void visitConstruct(const CXXConstructExpr *Construct, PathSet &Ws);
  void visitGuardMethod(GuardKey Guard, GuardAction Action, const Expr *Call,
                        PathSet &Ws);
  void moveGuard(GuardKey From, GuardKey To, PathSet &Ws);
  void destroyGuard(GuardKey Guard, PathSet &Ws);
  /// A call to a function that is not a lock function. Its summary's net
  /// effect is applied if \p ApplyExit (not for the other possible
  /// targets of a virtual or indirect call).
  void visitUserCall(const FunctionDecl *Callee, const CallBindings &Bindings,
                     Site At, const Expr *Call, PathSet &Ws,
                     bool ApplyExit = true,
                     llvm::ArrayRef<const Symbol *> FreshFrom = {});
  void noteWrite(const Expr *Target, PathSet &Ws);
  void forget(const Decl *D, PathSet &Ws);
  void declare(const VarDecl *VD, PathSet &Ws);
  void learnConstant(const Expr *Target, const Expr *Value, PathSet &Ws);
  void learnConstant(const VarDecl *VD, const Expr *Value, PathSet &Ws);

  // Operations on one path.
  void acquire(PathState &W, HeldLock Lock, Site At, const ChainLink *Again,
               bool Record);
  void release(PathState &W, const LockPath &Lock);
  /// The success continuation of a try-acquire.
  void tryAcquired(PathState &W, HeldLock Lock);
  /// Replaces each path by its success (with \p OnSuccess applied) and
  /// failure continuations of a try operation.
  template <typename Fn> void split(PathSet &Ws, unsigned Atom, Fn OnSuccess);

  // Edges.
  PathSet inState(const CFGBlock *B);
  /// The paths that leave \p Pred towards \p Succ.
  PathSet edgeState(const CFGBlock *Pred, const CFGBlock *Succ);
  const BranchTest &testOf(const CFGBlock *B);
  void bound(PathSet &Ws);

  // Results.
  void finish();
  void report(Finding F);
  void recordAcquisition(const PathState &W, const HeldLock &Lock);
  void recordCall(const PathState &W, const Symbol *Callee, Site At,
                  const CallBindings &Bindings,
                  llvm::ArrayRef<const Symbol *> FreshFrom);
  /// The fields of `*this` path \p W has tested non-null.
  NonNullFields ifNonNull(const PathState &W);
  const Expr *operandOf(const CallExpr *Call, CallOperand Operand) const;
  /// The thread functions a join of \p Thread waits for.
  llvm::SmallVector<const Symbol *, 1> finishers(const Expr *Thread);
  void limitHit(llvm::StringRef What, unsigned Limit);

  Site siteOf(SourceLocation L) const { return Site{L.getRawEncoding()}; }
  const ChainLink *operation(Site At) {
    return In.Program.Chains.operation(At);
  }

  const FunctionDecl *FD;
  const FunctionAnalysisInput &In;
  LockModel &Model;
  Conditions Conds;
  BodyScan Scan;
  std::optional<LockPathBuilder> Paths;
  std::unique_ptr<CFG> Cfg;

  std::vector<PathSet> Out;
  std::vector<bool> HasOut;
  llvm::DenseMap<const CFGBlock *, BranchTest> Tests;

  FunctionSummary Summary;
  /// Fields of local objects known from their construction.
  llvm::DenseMap<
      const Symbol *,
      llvm::SmallVector<
          std::pair<llvm::SmallVector<const Symbol *, 2>, PathValue>, 1>>
      KnownFields;
  std::set<std::tuple<CheckKind, uint64_t, std::string>> Reported;
  std::set<std::string> RecordKeys;
  /// Locals holding objects made here that did not escape (for `delete`).
  std::optional<FreshLocals> Fresh;
  /// Fields this function may set non-null: its tests of them say nothing
  /// about the object it was called on.
  std::optional<llvm::SmallPtrSet<const FieldDecl *, 4>> SetNonNull;
  unsigned Steps = 0;
  bool Aborted = false;
  bool Truncated = false;
};

//===----------------------------------------------------------------------===//
// Set-up
//===----------------------------------------------------------------------===//

void LocksetAnalysis::withKnownFields(CallBindings &B) const {
  if (!B.This || B.This->AddressOf)
    return;
  const LockPath &Object = B.This->Path;
  llvm::ArrayRef<PathStep> Steps = Object.steps();
  auto AllFields = [](llvm::ArrayRef<PathStep> S) {
    return llvm::all_of(
        S, [](const PathStep &P) { return P.Kind == StepKind::Field; });
  };
  // `Path` names a field F of the call's object: Steps + [F].
  auto Extends = [&](llvm::ArrayRef<const Symbol *> Path,
                     llvm::ArrayRef<PathStep> Suffix) -> const Symbol * {
    if (Path.size() != Suffix.size() + 1)
      return nullptr;
    for (size_t I = 0; I < Suffix.size(); ++I)
      if (Suffix[I].Field != Path[I])
        return nullptr;
    return Path.back();
  };
  auto Add = [&](const Symbol *Field, PathValue Value) {
    if (llvm::none_of(B.ThisFields,
                      [&](const FieldValue &F) { return F.Field == Field; }))
      B.ThisFields.push_back({Field, std::move(Value)});
  };

  // What the construction of a local object stored in it.
  if (Object.root() == RootKind::Local && AllFields(Steps))
    if (auto It = KnownFields.find(Object.rootSymbol());
        It != KnownFields.end())
      for (const auto &[Path, Value] : It->second)
        if (const Symbol *F = Extends(Path, Steps))
          Add(F, Value);

  // What every constructor of an enclosing object's class stored in its
  // members: for each owner along the path, in the owner's terms.
  for (size_t OwnerSteps = Steps.size() + 1; OwnerSteps-- > 0;) {
    llvm::ArrayRef<PathStep> Suffix = Steps.drop_front(OwnerSteps);
    if (!AllFields(Suffix))
      break;
    const clang::CXXRecordDecl *OwnerClass = nullptr;
    if (!Suffix.empty()) {
      if (const auto *Field = dyn_cast_or_null<FieldDecl>(
              In.Symbols.declOf(Suffix.front().Field)))
        OwnerClass = dyn_cast<CXXRecordDecl>(Field->getParent());
    } else if (Object.root() == RootKind::This) {
      if (const auto *Method = dyn_cast<CXXMethodDecl>(FD))
        OwnerClass = Method->getParent();
    } else if (Object.root() == RootKind::Local) {
      if (const auto *Var = dyn_cast_or_null<ValueDecl>(
              In.Symbols.declOf(Object.rootSymbol())))
        OwnerClass = Var->getType()->getAsCXXRecordDecl();
    }
    if (!OwnerClass)
      continue;
    CallBindings Owner;
    Owner.This = PathValue{Object.prefix(OwnerSteps), false};
    for (const MemberValue &M : Model.memberValues(OwnerClass))
      if (const Symbol *F = Extends(M.Path, Suffix))
        Add(F, PathValue{instantiate(M.Value.Path, Owner), M.Value.AddressOf});
  }
}

void LocksetAnalysis::scanBody() {
  Scan.TraverseStmt(FD->getBody());
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      Scan.TraverseStmt(Init->getInit());
  Paths.emplace(In.Symbols, &Scan.Reassigned);
  // `bool ok = mu.try_lock(); if (ok) ...`: `ok` stands for the call.
  for (const VarDecl *VD : Scan.InitialisedVars)
    if (!Scan.Reassigned.contains(VD) && !VD->getType()->isRecordType())
      if (const Expr *Init = stripTemporaries(VD->getInit()))
        if (tryCallSuccess(Init))
          Conds.addAlias(VD, Init);
}

std::optional<SuccessValue> LocksetAnalysis::tryCallSuccess(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return std::nullopt;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee))
    if (Model.guardMethod(MD) == GuardAction::TryLock)
      return SuccessValue::True;
  if (const LockFunctionInfo *Info = Model.lockFunction(Callee)) {
    if (Info->Action == LockAction::TryAcquire ||
        Info->Action == LockAction::TryAcquireAll)
      return Info->Success;
    return std::nullopt;
  }
  if (const FunctionSummary *S = In.Callees.calleeSummary(Callee))
    if (!S->Exit.TryAcquired.empty())
      return S->Exit.Success;
  return std::nullopt;
}

GuardKey LocksetAnalysis::guardQueried(const Expr *E) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
  if (!Call || !Call->getMethodDecl() ||
      Model.guardMethod(Call->getMethodDecl()) != GuardAction::OwnsQuery)
    return nullptr;
  return guardKeyOf(Call->getImplicitObjectArgument());
}

GuardKey LocksetAnalysis::guardKeyOf(const Expr *E) {
  E = stripTemporaries(E);
  if (!E)
    return nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl()->getCanonicalDecl();
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->isInStdNamespace() && Call->getNumArgs() == 1 &&
        Callee->getDeclName().isIdentifier() && Callee->getName() == "move")
      return guardKeyOf(Call->getArg(0));
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getConstructor()->isCopyOrMoveConstructor() &&
        Construct->getNumArgs() > 0)
      return guardKeyOf(Construct->getArg(0));
    return Construct;
  }
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Operations on one path
//===----------------------------------------------------------------------===//

void LocksetAnalysis::acquire(PathState &W, HeldLock Lock, Site At,
                              const ChainLink *Again, bool Record) {
  // Taking back a lock of the caller's that this function released.
  if (auto It = llvm::find(W.Released, Lock.Lock); It != W.Released.end()) {
    W.Released.erase(It);
    return;
  }
  if (Lock.Lock.isPrecise())
    if (const HeldLock *Held = W.findHeld(Lock.Lock);
        Held && !(Held->Reentrant || Lock.Reentrant)) {
      report(makeReacquisition(Lock.Lock, *Held, Lock.Mode, At, Again));
      // The thread never gets past this acquisition: it orders nothing,
      // and what the path does next never happens.
      W.Stuck = true;
      return;
    }
  if (Record)
    recordAcquisition(W, Lock);
  // Held twice now (recursively, or after a reported double lock): each
  // release undoes one acquisition. Two are enough to know that one release
  // leaves it held; counting further would not terminate around loops.
  if (llvm::count_if(
          W.Held, [&](const HeldLock &H) { return H.Lock == Lock.Lock; }) < 2)
    W.Held.push_back(std::move(Lock));
}

void LocksetAnalysis::tryAcquired(PathState &W, HeldLock Lock) {
  // try_lock on a non-recursive lock this thread holds does not take it a
  // second time.
  if (const HeldLock *Held = W.findHeld(Lock.Lock);
      Held && Lock.Lock.isPrecise() && !(Held->Reentrant || Lock.Reentrant))
    return;
  W.Held.push_back(std::move(Lock));
}

void LocksetAnalysis::release(PathState &W, const LockPath &Lock) {
  if (!Lock.isPrecise()) {
    // `locks_[i].unlock()` in an unlock-all loop: which element is unknown,
    // and counting iterations is beyond us; treat them all as released.
    bool Any = false;
    while (W.releaseHeld(Lock))
      Any = true;
    if (Any)
      return;
  } else if (W.releaseHeld(Lock)) {
    return;
  }
  // Not taken on this path: the caller's lock, released for a while.
  if (Lock.isPrecise() && Lock.root() != RootKind::Local &&
      !llvm::is_contained(W.Released, Lock))
    W.Released.push_back(Lock);
}

template <typename Fn>
void LocksetAnalysis::split(PathSet &Ws, unsigned Atom, Fn OnSuccess) {
  PathSet Result;
  for (PathState &W : Ws) {
    PathState Success = W;
    Success.setFact(Atom, true);
    OnSuccess(Success);
    mergePath(Result, std::move(Success));
    W.setFact(Atom, false);
    mergePath(Result, std::move(W));
  }
  Ws = std::move(Result);
  bound(Ws);
}

void LocksetAnalysis::learnConstant(const Expr *Target, const Expr *Value,
                                    PathSet &Ws) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      learnConstant(VD, Value, Ws);
}

void LocksetAnalysis::learnConstant(const VarDecl *VD, const Expr *Value,
                                    PathSet &Ws) {
  // `locked = true;` after `if (c) mu.lock();` ties the flag to the lock.
  if (!VD->getType()->isScalarType() || VD->hasGlobalStorage())
    return;
  Expr::EvalResult Result;
  if (Value->isValueDependent() || !Value->EvaluateAsInt(Result, In.Ctx))
    return;
  unsigned Atom = Conds.variableAtom(VD);
  for (PathState &W : Ws)
    W.setFact(Atom, !Result.Val.getInt().isZero());
}

void LocksetAnalysis::noteWrite(const Expr *Target, PathSet &Ws) {
  if (const Decl *D = writtenDecl(Target))
    forget(D, Ws);
}

void LocksetAnalysis::forget(const Decl *D, PathSet &Ws) {
  for (unsigned Atom : Conds.atomsReading(D))
    for (PathState &W : Ws)
      W.dropFact(Atom);
}

void LocksetAnalysis::declare(const VarDecl *VD, PathSet &Ws) {
  // A declaration in a loop body makes a new variable each time round:
  // facts about the old one no longer hold, and a lock reached through the
  // old one's value is not the one reached through the new one's.
  forget(VD, Ws);
  const Symbol *Sym = In.Symbols.variable(VD);
  auto Stale = [&](const LockPath &P) {
    return P.root() == RootKind::Local && P.rootSymbol() == Sym &&
           !P.steps().empty() && P.steps().front().Kind == StepKind::Deref;
  };
  for (PathState &W : Ws) {
    for (HeldLock &H : W.Held)
      if (Stale(H.Lock))
        H.Lock = LockPath::unknown(H.Lock.lockClass());
    for (GuardState &G : W.Guards)
      for (HeldLock &H : G.Locks)
        if (Stale(H.Lock))
          H.Lock = LockPath::unknown(H.Lock.lockClass());
  }
  if (VD->getInit())
    learnConstant(VD, VD->getInit(), Ws);
}

//===----------------------------------------------------------------------===//
// Transfer functions
//===----------------------------------------------------------------------===//

void LocksetAnalysis::transfer(const CFGElement &E, PathSet &Ws) {
  if (std::optional<CFGStmt> S = E.getAs<CFGStmt>()) {
    const Stmt *Statement = S->getStmt();
    if (const auto *Call = dyn_cast<CallExpr>(Statement))
      visitCall(Call, Ws);
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Statement))
      visitConstruct(Construct, Ws);
    else if (const auto *Delete = dyn_cast<CXXDeleteExpr>(Statement))
      visitDelete(Delete, Ws);
    else if (const auto *Binary = dyn_cast<BinaryOperator>(Statement)) {
      if (Binary->isAssignmentOp()) {
        noteWrite(Binary->getLHS(), Ws);
        if (Binary->getOpcode() == BO_Assign)
          learnConstant(Binary->getLHS(), Binary->getRHS(), Ws);
      }
    } else if (const auto *Decl = dyn_cast<DeclStmt>(Statement)) {
      for (const clang::Decl *D : Decl->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          declare(VD, Ws);
    } else if (const auto *Unary = dyn_cast<UnaryOperator>(Statement)) {
      if (Unary->isIncrementDecrementOp())
        noteWrite(Unary->getSubExpr(), Ws);
    }
    return;
  }
  if (std::optional<CFGAutomaticObjDtor> Dtor =
          E.getAs<CFGAutomaticObjDtor>()) {
    const VarDecl *VD = Dtor->getVarDecl();
    if (Model.guardType(VD->getType())) {
      destroyGuard(VD->getCanonicalDecl(), Ws);
      return;
    }
    if (Model.destructorJoins(VD->getType())) {
      // std::jthread's destructor joins.
      const Stmt *Trigger = Dtor->getTriggerStmt();
      LockPath Thread = LockPath::local(In.Symbols.variable(VD));
      BlockingOp Op;
      Op.Kind = BlockKind::Join;
      Op.Waited = Thread;
      Op.Activity = "joining thread '" + Thread.str() + "' (destructor)";
      for (const FunctionDecl *F : In.Callees.callTargets(VD))
        Op.Finishers.push_back(In.Symbols.function(F));
      Op.Chain =
          operation(siteOf(Trigger ? Trigger->getEndLoc() : VD->getLocation()));
      recordBlocking(std::move(Op), nullptr, Ws);
      return;
    }
    if (const CXXDestructorDecl *D = Dtor->getDestructorDecl(In.Ctx);
        D && !D->isTrivial()) {
      CallBindings Bindings;
      Bindings.This =
          PathValue{LockPath::local(In.Symbols.variable(VD)), false};
      withKnownFields(Bindings);
      const Stmt *Trigger = Dtor->getTriggerStmt();
      visitUserCall(D, Bindings,
                    siteOf(Trigger ? Trigger->getEndLoc() : VD->getLocation()),
                    nullptr, Ws);
    }
    return;
  }
  if (std::optional<CFGTemporaryDtor> Temp = E.getAs<CFGTemporaryDtor>()) {
    if (GuardKey Key = guardKeyOf(Temp->getBindTemporaryExpr()))
      destroyGuard(Key, Ws);
    return;
  }
}

static bool isStdFunctionCall(const FunctionDecl *Callee) {
  const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
  return MD && MD->getOverloadedOperator() == OO_Call &&
         qualifiedNameOf(MD->getParent()) == "std::function";
}

void LocksetAnalysis::visitCall(const CallExpr *Call, PathSet &Ws) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || isStdFunctionCall(Callee)) {
    visitIndirectCall(Call, Ws);
    return;
  }
  if (const BlockingFunction *Row = Model.blockingFunction(Callee))
    visitBlocking(Call, Callee, *Row, Ws);
  if (const WakeFunction *Row = Model.wakeFunction(Callee))
    visitWake(Call, Callee, *Row, Ws);
  if (const Expr *Descriptor = Model.nonBlockingDescriptor(Call)) {
    LockPath Path = Paths->lockObject(Descriptor);
    if (!llvm::is_contained(Summary.NonBlockingDescriptors, Path))
      Summary.NonBlockingDescriptors.push_back(std::move(Path));
  }
  // Arguments passed by non-const reference or address may be changed.
  for (unsigned I = 0, N = std::min<unsigned>(Call->getNumArgs(),
                                              Callee->getNumParams());
       I < N; ++I) {
    QualType ParamType = Callee->getParamDecl(I)->getType();
    const Expr *Arg = Call->getArg(I)->IgnoreParenImpCasts();
    if (ParamType->isReferenceType() &&
        !ParamType.getNonReferenceType().isConstQualified())
      noteWrite(Arg, Ws);
    else if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg);
             AddrOf && AddrOf->getOpcode() == UO_AddrOf)
      noteWrite(AddrOf->getSubExpr(), Ws);
  }

  if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee)) {
    const Expr *Object = nullptr;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      Object = Member->getImplicitObjectArgument();
    else if (isa<CXXOperatorCallExpr>(Call) && Call->getNumArgs() > 0)
      Object = Call->getArg(0);
    if (Object && Model.guardType(Object->getType())) {
      if ((MD->isCopyAssignmentOperator() || MD->isMoveAssignmentOperator()) &&
          Call->getNumArgs() == 2) {
        // `lk = std::move(other)` or `lk = std::unique_lock(mu)`.
        GuardKey Target = guardKeyOf(Object);
        destroyGuard(Target, Ws);
        moveGuard(guardKeyOf(Call->getArg(1)), Target, Ws);
        return;
      }
      if (std::optional<GuardAction> Action = Model.guardMethod(MD))
        visitGuardMethod(guardKeyOf(Object), *Action, Call, Ws);
      return;
    }
    if (isa<CXXOperatorCallExpr>(Call) && MD->isCopyAssignmentOperator())
      noteWrite(Call->getArg(0), Ws);
  }

  if (const LockFunctionInfo *Info = Model.lockFunction(Callee)) {
    visitLockFunction(Call, Callee, *Info, Ws);
    return;
  }
  CallBindings Bindings = Paths->bindings(Call, Callee);
  withKnownFields(Bindings);
  Site At = siteOf(Call->getBeginLoc());
  visitUserCall(Callee, Bindings, At, Call, Ws);
  // A virtual call may reach any overrider defined here.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee); MD && MD->isVirtual())
      if (const auto *ME =
              dyn_cast<MemberExpr>(Member->getCallee()->IgnoreParens());
          ME && !ME->hasQualifier())
        for (const FunctionDecl *Overrider : In.Callees.overriders(MD))
          if (Overrider->getCanonicalDecl() != Callee->getCanonicalDecl())
            visitUserCall(Overrider, Bindings, At, Call, Ws,
                          /*ApplyExit=*/false);
}

void LocksetAnalysis::visitDelete(const CXXDeleteExpr *Delete, PathSet &Ws) {
  // `delete p` runs p's destructor on *p.
  const CXXDestructorDecl *Dtor = destructorDeleting(Delete);
  if (!Dtor || Dtor->isTrivial() || Delete->isArrayForm())
    return;
  CallBindings Bindings;
  if (std::optional<PathValue> Pointer = Paths->value(Delete->getArgument()))
    Bindings.This = LockPathBuilder::pointee(*Pointer);
  // Deleting an object made here with `new` that never escaped: its fields
  // are what its constructor left.
  llvm::SmallVector<const Symbol *, 1> FreshFrom;
  if (const auto *Ref =
          dyn_cast<DeclRefExpr>(Delete->getArgument()->IgnoreParenImpCasts())) {
    if (!Fresh)
      Fresh = freshLocals(FD->getBody(), In.Ctx);
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      for (const CXXConstructorDecl *Ctor : Fresh->lookup(VD))
        FreshFrom.push_back(In.Symbols.function(Ctor));
  }
  visitUserCall(Dtor, Bindings, siteOf(Delete->getBeginLoc()), nullptr, Ws,
                /*ApplyExit=*/true, FreshFrom);
}

void LocksetAnalysis::visitIndirectCall(const CallExpr *Call, PathSet &Ws) {
  // `fn()` through a function pointer, `cb_()` through a std::function:
  // the targets are the callables stored in that variable, field or
  // parameter anywhere in this TU.
  const Expr *Holder = Call->getCallee();
  unsigned FirstArg = 0;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    Holder = Op->getArg(0);
    FirstArg = 1;
  }
  Holder = Holder->IgnoreParenImpCasts();
  if (const auto *Deref = dyn_cast<UnaryOperator>(Holder);
      Deref && Deref->getOpcode() == UO_Deref)
    Holder = Deref->getSubExpr()->IgnoreParenImpCasts();
  const Decl *D = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Holder))
    D = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(Holder))
    D = Member->getMemberDecl();
  if (!D)
    return;
  llvm::ArrayRef<const FunctionDecl *> Targets = In.Callees.callTargets(D);
  Site At = siteOf(Call->getBeginLoc());
  for (const FunctionDecl *Target : Targets) {
    CallBindings Bindings;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(Target))
      Bindings.ThisIsCallers = MD->getParent()->isLambda();
    for (unsigned I = FirstArg, N = Call->getNumArgs(); I < N; ++I)
      Bindings.Args.push_back(Paths->value(Call->getArg(I)));
    visitUserCall(Target, Bindings, At, nullptr, Ws,
                  /*ApplyExit=*/Targets.size() == 1);
  }
}

const Expr *LocksetAnalysis::operandOf(const CallExpr *Call,
                                       CallOperand Operand) const {
  switch (Operand.OperandKind) {
  case CallOperand::None:
    return nullptr;
  case CallOperand::Object:
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      return Member->getImplicitObjectArgument();
    if (isa<CXXOperatorCallExpr>(Call) && Call->getNumArgs() > 0)
      return Call->getArg(0);
    return nullptr;
  case CallOperand::Argument:
    return Operand.Index < Call->getNumArgs() ? Call->getArg(Operand.Index)
                                              : nullptr;
  }
  return nullptr;
}

llvm::SmallVector<const Symbol *, 1>
LocksetAnalysis::finishers(const Expr *Thread) {
  llvm::SmallVector<const Symbol *, 1> Result;
  if (const Decl *Holder = Thread ? holderOf(Thread) : nullptr)
    for (const FunctionDecl *F : In.Callees.callTargets(Holder))
      Result.push_back(In.Symbols.function(F));
  return Result;
}

void LocksetAnalysis::visitBlocking(const CallExpr *Call,
                                    const FunctionDecl *Callee,
                                    const BlockingFunction &Row, PathSet &Ws) {
  std::optional<bool> Bounded = boundedWait(
      Row, Row.Timeout.Index == ~0u ? nullptr : operandOf(Call, Row.Timeout),
      In.Ctx);
  if (!Bounded)
    return; // A poll.
  BlockingOp Op;
  Op.Kind = Row.Kind;
  Op.Timed = *Bounded;
  const Expr *Waited = operandOf(Call, Row.Waited);
  if (Waited)
    Op.Waited = Paths->lockObject(Waited);
  Op.Activity = blockingActivity(Row, Op.Waited, qualifiedNameOf(Callee));
  if (Row.Kind == BlockKind::Join)
    Op.Finishers = finishers(Waited);
  if (Row.Kind == BlockKind::Future && Waited) {
    // `auto f = p.get_future(); f.get();` waits for p's value;
    // `auto f = std::async(g); f.get();` waits for g to return.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Waited->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
          VD && VD->getInit() && !Scan.Reassigned.contains(VD)) {
        const Expr *Init = stripTemporaries(VD->getInit());
        if (const auto *Get = dyn_cast_or_null<CXXMemberCallExpr>(Init);
            Get && Get->getMethodDecl() &&
            Get->getMethodDecl()->getDeclName().isIdentifier() &&
            Get->getMethodDecl()->getName() == "get_future")
          Op.Waited = Paths->lockObject(Get->getImplicitObjectArgument());
        else if (const FunctionDecl *Async = callableOf(Init))
          Op.Finishers.push_back(In.Symbols.function(Async));
      }
  }
  Op.Chain = operation(siteOf(Call->getBeginLoc()));
  recordBlocking(std::move(Op), operandOf(Call, Row.Releases), Ws);
}

void LocksetAnalysis::recordBlocking(BlockingOp Op, const Expr *ReleasedLock,
                                     PathSet &Ws) {
  Op.Blocker = Summary.Function;
  for (const PathState &W : Ws) {
    BlockingOp Here = Op;
    Here.Held.assign(W.Held.begin(), W.Held.end());
    Here.Released.assign(W.Released.begin(), W.Released.end());
    if (ReleasedLock) {
      // A condition wait releases its mutex: given directly, by pointer, or
      // through the unique_lock that owns it.
      std::optional<LockPath> Mutex;
      if (Model.guardType(ReleasedLock->getType())) {
        GuardKey Key = guardKeyOf(ReleasedLock);
        for (const GuardState &G : W.Guards)
          if (G.Key == Key && !G.Locks.empty())
            Mutex = G.Locks.front().Lock;
        if (!Mutex)
          continue; // A guard we cannot see into: say nothing.
      } else {
        Mutex = Paths->lockObject(ReleasedLock);
      }
      llvm::erase_if(Here.Held,
                     [&](const HeldLock &H) { return H.Lock == *Mutex; });
      Here.Releases = Mutex;
    }
    Here.IfNonNull = ifNonNull(W);
    std::string Key =
        "b" + recordKey(Here.Chain->Loc, nullptr, nullptr, W, Here.IfNonNull);
    for (const HeldLock &H : Here.Held)
      Key += "|" + std::to_string(hash_value(H.Lock));
    if (!RecordKeys.insert(Key).second)
      continue;
    Summary.Blocks.push_back(std::move(Here));
  }
}

void LocksetAnalysis::visitWake(const CallExpr *Call,
                                const FunctionDecl *Callee,
                                const WakeFunction &Row, PathSet &Ws) {
  const Expr *Woken = operandOf(Call, Row.Woken);
  if (!Woken)
    return;
  WakeOp Op;
  Op.Kind = Row.Kind;
  Op.Woken = Paths->lockObject(Woken);
  Op.Activity = wakeActivity(Row, Op.Woken, qualifiedNameOf(Callee));
  Op.Chain = operation(siteOf(Call->getBeginLoc()));
  for (const PathState &W : Ws) {
    if (!RecordKeys.insert("w" + recordKey(Op.Chain->Loc, nullptr, nullptr, W))
             .second)
      continue;
    WakeOp Here = Op;
    Here.Held.assign(W.Held.begin(), W.Held.end());
    Here.Released.assign(W.Released.begin(), W.Released.end());
    Summary.Wakes.push_back(std::move(Here));
  }
}

GuardState *LocksetAnalysis::guardArgument(PathState &W, const CallExpr *Call,
                                           unsigned I) {
  if (I >= Call->getNumArgs() || !Model.guardType(Call->getArg(I)->getType()))
    return nullptr;
  GuardKey Key = guardKeyOf(Call->getArg(I));
  return Key ? W.guard(Key) : nullptr;
}

void LocksetAnalysis::visitLockFunction(const CallExpr *Call,
                                        const FunctionDecl *Callee,
                                        const LockFunctionInfo &Info,
                                        PathSet &Ws) {
  llvm::SmallVector<LockOperandInfo, 2> Ops =
      Model.operands(Call, Callee, Info, *Paths);
  Site At = siteOf(Call->getBeginLoc());
  auto HeldOf = [&](const LockOperandInfo &Op, unsigned Group) {
    return HeldLock{Op.Lock, Info.Mode, Op.Reentrant, Group, operation(At)};
  };
  switch (Info.Action) {
  case LockAction::Acquire:
    for (PathState &W : Ws)
      for (const LockOperandInfo &Op : Ops)
        acquire(W, HeldOf(Op, 0), At, nullptr, /*Record=*/true);
    return;
  case LockAction::AcquireAll: {
    unsigned Group = In.Program.NextGroup++;
    for (PathState &W : Ws)
      for (unsigned I = 0; I < Ops.size(); ++I) {
        // std::lock(lk1, lk2) over deferred unique_locks locks their mutexes.
        if (GuardState *G = guardArgument(W, Call, I)) {
          for (HeldLock Lock : G->Locks) {
            Lock.Group = Group;
            Lock.Chain = operation(At);
            acquire(W, Lock, At, nullptr, /*Record=*/true);
          }
          W.guard(G->Key)->Owns = true;
          continue;
        }
        acquire(W, HeldOf(Ops[I], Group), At, nullptr, /*Record=*/true);
      }
    return;
  }
  case LockAction::Release:
    for (PathState &W : Ws)
      for (const LockOperandInfo &Op : Ops)
        release(W, Op.Lock);
    return;
  case LockAction::TryAcquire:
  case LockAction::TryAcquireAll: {
    unsigned Group = Ops.size() > 1 ? In.Program.NextGroup++ : 0;
    // A failed try holds nothing and a successful one cannot block, so
    // neither is an acquisition that can deadlock.
    split(Ws, Conds.tryAtom(Call), [&](PathState &W) {
      for (const LockOperandInfo &Op : Ops)
        tryAcquired(W, HeldOf(Op, Group));
    });
    return;
  }
  }
}

void LocksetAnalysis::visitConstruct(const CXXConstructExpr *Construct,
                                     PathSet &Ws) {
  const VarDecl *Var = Scan.ConstructedVars.lookup(Construct);
  if (!Model.guardType(Construct->getType())) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    if (Ctor->isTrivial())
      return;
    std::optional<PathValue> Object;
    if (Var)
      Object = PathValue{LockPath::local(In.Symbols.variable(Var)), false};
    CallBindings Bindings = Paths->bindings(Construct, Object);
    if (Var) {
      // What the constructor keeps of its arguments is now known of Var.
      auto &Fields = KnownFields[Object->Path.rootSymbol()];
      Fields.clear();
      for (const StoredField &Stored : Model.storedFields(Ctor))
        if (Stored.Param < Bindings.Args.size() &&
            Bindings.Args[Stored.Param]) {
          PathValue V = *Bindings.Args[Stored.Param];
          if (Stored.AddressOf) {
            if (V.AddressOf)
              continue;
            V.AddressOf = true;
          }
          Fields.emplace_back(Stored.Path, V);
        }
      withKnownFields(Bindings);
    }
    visitUserCall(Ctor, Bindings, siteOf(Construct->getBeginLoc()), nullptr,
                  Ws);
    return;
  }

  GuardKey Key = Var ? static_cast<GuardKey>(Var->getCanonicalDecl())
                     : static_cast<GuardKey>(Construct);
  if (Construct->getConstructor()->isCopyOrMoveConstructor()) {
    if (Construct->getNumArgs() > 0)
      moveGuard(guardKeyOf(Construct->getArg(0)), Key, Ws);
    return;
  }

  LockCatalog::GuardTag Tag;
  LockMode Mode = LockMode::Exclusive;
  llvm::SmallVector<LockOperandInfo, 2> Ops =
      Model.guardOperands(Construct, *Paths, Tag, Mode);
  Site At = siteOf(Var ? Var->getLocation() : Construct->getBeginLoc());
  unsigned Group = Ops.size() > 1 ? In.Program.NextGroup++ : 0;

  GuardState Fresh;
  Fresh.Key = Key;
  Fresh.Mode = Mode;
  for (const LockOperandInfo &Op : Ops)
    Fresh.Locks.push_back(
        HeldLock{Op.Lock, Mode, Op.Reentrant, Group, operation(At)});
  for (PathState &W : Ws)
    W.eraseGuard(Key);

  switch (Tag) {
  case LockCatalog::GuardTag::None:
    for (PathState &W : Ws) {
      for (const HeldLock &Lock : Fresh.Locks)
        acquire(W, Lock, At, nullptr, /*Record=*/true);
      W.Guards.push_back(Fresh);
      W.Guards.back().Owns = !Fresh.Locks.empty();
    }
    return;
  case LockCatalog::GuardTag::Defer:
    for (PathState &W : Ws)
      W.Guards.push_back(Fresh);
    return;
  case LockCatalog::GuardTag::Adopt:
    // The lock was taken before: here (often by std::lock), or by the
    // caller (leveldb's CondVar::Wait adopts its caller's mutex). The guard
    // owns it either way; releasing a caller's lock is what the guard's
    // destructor will do.
    for (PathState &W : Ws) {
      W.Guards.push_back(Fresh);
      W.Guards.back().Owns = true;
    }
    return;
  case LockCatalog::GuardTag::Try:
    for (PathState &W : Ws)
      W.Guards.push_back(Fresh);
    split(Ws, Conds.tryAtom(Construct), [&](PathState &W) {
      for (const HeldLock &Lock : Fresh.Locks)
        tryAcquired(W, Lock);
      W.guard(Key)->Owns = true;
    });
    return;
  }
}

void LocksetAnalysis::visitGuardMethod(GuardKey Guard, GuardAction Action,
                                       const Expr *Call, PathSet &Ws) {
  if (!Guard)
    return;
  Site At = siteOf(Call->getBeginLoc());
  switch (Action) {
  case GuardAction::Lock:
    for (PathState &W : Ws)
      if (GuardState *G = W.guard(Guard)) {
        for (HeldLock Lock : G->Locks) {
          Lock.Chain = operation(At);
          acquire(W, Lock, At, nullptr, /*Record=*/true);
        }
        // acquire() may have grown W.Guards' neighbours; look it up again.
        W.guard(Guard)->Owns = true;
      }
    return;
  case GuardAction::TryLock:
    split(Ws, Conds.tryAtom(Call), [&](PathState &W) {
      if (GuardState *G = W.guard(Guard)) {
        for (HeldLock Lock : G->Locks) {
          Lock.Chain = operation(At);
          tryAcquired(W, Lock);
        }
        G->Owns = true;
      }
    });
    return;
  case GuardAction::Unlock:
    for (PathState &W : Ws)
      if (GuardState *G = W.guard(Guard); G && G->Owns) {
        for (const HeldLock &Lock : G->Locks)
          release(W, Lock.Lock);
        G->Owns = false;
      }
    return;
  case GuardAction::Disown:
    // The lock stays held; nothing releases it automatically any more.
    for (PathState &W : Ws)
      W.eraseGuard(Guard);
    return;
  case GuardAction::OwnsQuery:
    return;
  }
}

void LocksetAnalysis::moveGuard(GuardKey From, GuardKey To, PathSet &Ws) {
  for (PathState &W : Ws) {
    GuardState Moved;
    if (GuardState *Source = From ? W.guard(From) : nullptr) {
      Moved = *Source;
      Source->Locks.clear();
      Source->Owns = false;
    }
    Moved.Key = To;
    W.eraseGuard(To);
    W.Guards.push_back(std::move(Moved));
  }
}

void LocksetAnalysis::destroyGuard(GuardKey Guard, PathSet &Ws) {
  if (!Guard)
    return;
  for (PathState &W : Ws) {
    if (GuardState *G = W.guard(Guard); G && G->Owns)
      for (const HeldLock &Lock : G->Locks)
        release(W, Lock.Lock);
    W.eraseGuard(Guard);
  }
}

void LocksetAnalysis::visitUserCall(const FunctionDecl *Callee,
                                    const CallBindings &Bindings, Site At,
                                    const Expr *Call, PathSet &Ws,
                                    bool ApplyExit,
                                    llvm::ArrayRef<const Symbol *> FreshFrom) {
  const FunctionSummary *CalleeSummary = In.Callees.calleeSummary(Callee);
  bool Record = In.Callees.recordsCallsTo(Callee);
  if (!CalleeSummary && !Record)
    return;
  const Symbol *CalleeSym = In.Symbols.function(Callee);
  for (const PathState &W : Ws)
    if (Record)
      recordCall(W, CalleeSym, At, Bindings, FreshFrom);
  if (!ApplyExit || !CalleeSummary || CalleeSummary->Exit.empty())
    return;

  // The callee's net effect, in this function's terms.
  const ExitEffect &Exit = CalleeSummary->Exit;
  auto Instantiated = [&](const HeldLock &H) {
    HeldLock Lock = H;
    Lock.Lock = instantiate(H.Lock, Bindings);
    Lock.Chain = In.Program.Chains.call(At, CalleeSym, H.Chain);
    return Lock;
  };
  for (PathState &W : Ws) {
    for (const HeldLock &H : Exit.Acquired) {
      HeldLock Lock = Instantiated(H);
      const ChainLink *Via = Lock.Chain;
      // The callee's summary already holds this acquisition; composition
      // instantiates it, so it is not recorded twice.
      acquire(W, std::move(Lock), At, Via, /*Record=*/false);
    }
    for (const LockPath &P : Exit.Released)
      release(W, instantiate(P, Bindings));
  }
  if (!Exit.TryAcquired.empty() && Call)
    split(Ws, Conds.tryAtom(Call), [&](PathState &W) {
      for (const HeldLock &H : Exit.TryAcquired)
        W.Held.push_back(Instantiated(H));
    });
}

//===----------------------------------------------------------------------===//
// Edges and the fixpoint
//===----------------------------------------------------------------------===//

const BranchTest &LocksetAnalysis::testOf(const CFGBlock *B) {
  auto [It, Inserted] = Tests.try_emplace(B);
  if (!Inserted)
    return It->second;
  if (B->succ_size() != 2 || B->getTerminator().isTemporaryDtorsBranch())
    return It->second;
  const auto *Cond =
      dyn_cast_or_null<Expr>(B->getTerminatorCondition(/*StripParens=*/false));
  if (!Cond)
    return It->second;
  // In `if (a && b)`, the block that tests `b` has the whole condition as
  // its terminator condition; what it branches on is the right operand.
  const Stmt *Terminator = B->getTerminatorStmt();
  while (const auto *Logical = dyn_cast<BinaryOperator>(Cond->IgnoreParens())) {
    if (!Logical->isLogicalOp() || Logical == Terminator)
      break;
    Cond = Logical->getRHS();
  }
  BranchTest Test = Conds.analyze(Cond);
  Tests[B] = Test;
  return Tests[B];
}

void LocksetAnalysis::bound(PathSet &Ws) {
  if (!boundPaths(Ws, In.Limits.MaxPathsPerPoint))
    Truncated = true;
}

PathSet LocksetAnalysis::edgeState(const CFGBlock *Pred, const CFGBlock *Succ) {
  PathSet Result;
  if (!HasOut[Pred->getBlockID()])
    return Result;
  unsigned Index = 0;
  for (const CFGBlock::AdjacentBlock &Edge : Pred->succs()) {
    if (Edge.getReachableBlock() == Succ)
      break;
    ++Index;
  }
  const BranchTest &Test = testOf(Pred);
  for (PathState W : Out[Pred->getBlockID()])
    if (W.assume(Test, /*Branch=*/Index == 0))
      mergePath(Result, std::move(W));
  return Result;
}

PathSet LocksetAnalysis::inState(const CFGBlock *B) {
  PathSet Result;
  if (B == &Cfg->getEntry()) {
    Result.emplace_back();
    return Result;
  }
  for (const CFGBlock::AdjacentBlock &PredEdge : B->preds())
    if (const CFGBlock *Pred = PredEdge.getReachableBlock())
      for (PathState &W : edgeState(Pred, B))
        mergePath(Result, std::move(W));
  bound(Result);
  return Result;
}

FunctionSummary LocksetAnalysis::run() {
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = true;
  Options.AddInitializers = true;
  Options.AddCXXDefaultInitExprInCtors = true;
  Options.setAllAlwaysAdd();
  Cfg = CFG::buildCFG(FD, FD->getBody(), &In.Ctx, Options);
  if (!Cfg)
    return std::move(Summary);
  scanBody();
  Summary.OrdersInstances = Scan.OrdersInstances;

  Out.assign(Cfg->getNumBlockIDs(), {});
  HasOut.assign(Cfg->getNumBlockIDs(), false);
  PostOrderCFGView PostOrder(Cfg.get());
  ForwardDataflowWorklist Worklist(*Cfg, &PostOrder);
  Worklist.enqueueBlock(&Cfg->getEntry());
  while (const CFGBlock *B = Worklist.dequeue()) {
    PathSet Ws = inState(B);
    for (const CFGElement &E : *B) {
      transfer(E, Ws);
      llvm::erase_if(Ws, [](const PathState &W) { return W.Stuck; });
      Steps += Ws.size();
    }
    if (Steps > In.Limits.MaxStepsPerFunction) {
      Aborted = true;
      break;
    }
    unsigned ID = B->getBlockID();
    if (HasOut[ID] && Out[ID] == Ws)
      continue;
    Out[ID] = std::move(Ws);
    HasOut[ID] = true;
    Worklist.enqueueSuccessors(B);
  }

  if (!Aborted)
    finish();
  if (Aborted || Truncated) {
    // Paths were dropped or facts forgotten: what was found may rest on
    // paths that cannot happen. Say that the bound was hit instead.
    Summary.Findings.clear();
    if (Aborted)
      limitHit("path-steps", In.Limits.MaxStepsPerFunction);
    else
      limitHit("paths per program point", In.Limits.MaxPathsPerPoint);
  }
  return std::move(Summary);
}

//===----------------------------------------------------------------------===//
// Results
//===----------------------------------------------------------------------===//

void LocksetAnalysis::finish() {
  struct Exit {
    PathSet States;
    Site Loc;
    bool AtEnd;
    const Expr *Returned;
  };
  llvm::SmallVector<Exit, 4> Exits;
  const CFGBlock &ExitBlock = Cfg->getExit();
  for (const CFGBlock::AdjacentBlock &PredEdge : ExitBlock.preds()) {
    const CFGBlock *Pred = PredEdge.getReachableBlock();
    if (!Pred || !HasOut[Pred->getBlockID()] || Pred->hasNoReturnElement())
      continue;
    if (llvm::any_of(*Pred, [](const CFGElement &Element) {
          std::optional<CFGStmt> S = Element.getAs<CFGStmt>();
          return S && isa<CXXThrowExpr>(S->getStmt());
        }))
      continue; // Leaves by an exception, not a return.
    Exit E{edgeState(Pred, &ExitBlock), Site(), true, nullptr};
    for (const CFGElement &Element : llvm::reverse(*Pred))
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
        if (const auto *Return = dyn_cast<ReturnStmt>(S->getStmt())) {
          E.Loc = siteOf(Return->getBeginLoc());
          E.AtEnd = false;
          E.Returned = Return->getRetValue();
          break;
        }
    if (E.AtEnd) {
      const auto *Body = dyn_cast<CompoundStmt>(FD->getBody());
      E.Loc = siteOf(Body ? Body->getRBracLoc() : FD->getEndLoc());
    }
    if (!E.States.empty())
      Exits.push_back(std::move(E));
  }
  if (Exits.empty())
    return;

  // Every lock held at some exit, in first-seen order.
  llvm::SmallVector<HeldLock, 4> HeldSomewhere;
  for (const Exit &E : Exits)
    for (const PathState &W : E.States)
      for (const HeldLock &H : W.Held)
        if (H.Lock.root() != RootKind::Local &&
            llvm::none_of(HeldSomewhere, [&](const HeldLock &Seen) {
              return Seen.Lock == H.Lock;
            }))
          HeldSomewhere.push_back(H);

  QualType ReturnType = FD->getReturnType();
  for (const HeldLock &Lock : HeldSomewhere) {
    std::set<int64_t> HeldValues, FreeValues;
    bool AllKnown = true, Everywhere = true;
    for (const Exit &E : Exits)
      for (const PathState &W : E.States) {
        bool Held = W.isHeld(Lock.Lock);
        Everywhere &= Held;
        std::optional<int64_t> Value = Conds.returnValue(
            E.Returned, [&](unsigned Atom) { return W.fact(Atom); });
        if (!Value)
          AllKnown = false;
        else
          (Held ? HeldValues : FreeValues).insert(*Value);
      }
    // A constructor that takes a lock on some paths (`if (m) m->lock();`)
    // is a guard being built; its destructor releases alike. Take the
    // paths that lock as its effect.
    if (Everywhere || isa<CXXConstructorDecl>(FD)) {
      Summary.Exit.Acquired.push_back(Lock);
      continue;
    }
    if (std::optional<SuccessValue> Success = tryWrapperSuccess(
            ReturnType->isBooleanType(), ReturnType->isIntegerType(),
            HeldValues, FreeValues, AllKnown)) {
      Summary.Exit.TryAcquired.push_back(Lock);
      Summary.Exit.Success = *Success;
      continue;
    }
    // Which element of a container is held, and how many loop iterations
    // took one, is beyond the analysis: no report for imprecise locks.
    if (!Lock.Lock.isPrecise())
      continue;
    for (const Exit &E : Exits)
      for (const PathState &W : E.States)
        if (const HeldLock *H = W.findHeld(Lock.Lock))
          report(makeMissingUnlock(*H, E.Loc, E.AtEnd));
  }

  // Released on every path without being taken: a release wrapper. A
  // destructor releasing on some paths is a guard's (see constructors).
  bool Destructor = isa<CXXDestructorDecl>(FD);
  llvm::SmallVector<LockPath, 1> ReleasedSomewhere;
  for (const Exit &E : Exits)
    for (const PathState &W : E.States)
      for (const LockPath &P : W.Released)
        if (!llvm::is_contained(ReleasedSomewhere, P))
          ReleasedSomewhere.push_back(P);
  for (const LockPath &P : ReleasedSomewhere)
    if (Destructor || llvm::all_of(Exits, [&](const Exit &E) {
          return llvm::all_of(E.States, [&](const PathState &W) {
            return llvm::is_contained(W.Released, P);
          });
        }))
      Summary.Exit.Released.push_back(P);
}

void LocksetAnalysis::report(Finding F) {
  if (!Reported.emplace(F.Check, F.Loc.Raw, F.Message).second)
    return;
  Summary.Findings.push_back(std::move(F));
}

void LocksetAnalysis::limitHit(llvm::StringRef What, unsigned Limit) {
  report(makeAnalysisLimit(*Summary.Function, Summary.Loc, What, Limit));
}

void LocksetAnalysis::recordAcquisition(const PathState &W,
                                        const HeldLock &Lock) {
  NonNullFields IfNonNull = ifNonNull(W);
  if (!RecordKeys
           .insert(recordKey(Lock.Chain->Loc, nullptr, &Lock, W, IfNonNull))
           .second)
    return;
  Acquisition A;
  A.Lock = Lock;
  A.IfNonNull = std::move(IfNonNull);
  A.Held.assign(W.Held.begin(), W.Held.end());
  A.Released.assign(W.Released.begin(), W.Released.end());
  Summary.Acquisitions.push_back(std::move(A));
}

NonNullFields LocksetAnalysis::ifNonNull(const PathState &W) {
  NonNullFields Fields;
  for (const auto &[Atom, Value] : W.Facts)
    if (Value)
      if (const FieldDecl *Field = Conds.testedThisField(Atom)) {
        if (!SetNonNull)
          SetNonNull = fieldsSetNonNull(FD, In.Ctx);
        if (!SetNonNull->contains(Field))
          Fields.push_back(In.Symbols.variable(Field));
      }
  return Fields;
}

void LocksetAnalysis::recordCall(const PathState &W, const Symbol *Callee,
                                 Site At, const CallBindings &Bindings,
                                 llvm::ArrayRef<const Symbol *> FreshFrom) {
  NonNullFields IfNonNull = ifNonNull(W);
  if (!RecordKeys.insert(recordKey(At, Callee, nullptr, W, IfNonNull)).second)
    return;
  CallRecord C;
  C.Callee = Callee;
  C.Loc = At;
  C.Bindings = Bindings;
  C.IfNonNull = std::move(IfNonNull);
  C.FreshFrom.assign(FreshFrom.begin(), FreshFrom.end());
  C.Held.assign(W.Held.begin(), W.Held.end());
  C.Released.assign(W.Released.begin(), W.Released.end());
  Summary.Calls.push_back(std::move(C));
}

} // namespace

FunctionSummary analyzeFunction(const FunctionDecl *FD,
                                const FunctionAnalysisInput &In) {
  if (!FD->hasBody() || FD->isDependentContext())
    return {};
  return LocksetAnalysis(FD, In).run();
}

} // namespace deadlock
