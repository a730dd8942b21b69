//===--- TranslationUnitAnalysis.cpp --------------------------------------===//

#include "TranslationUnitAnalysis.h"
#include "Core/Composition.h"
#include "ObjectFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace deadlock {

struct TranslationUnitAnalysis::FunctionInfo {
  const FunctionDecl *Definition = nullptr;
  llvm::SmallVector<const FunctionDecl *, 4> Callees;
  /// Variables, fields and parameters called through (function pointers,
  /// std::function); their callables are callees too.
  llvm::SmallVector<const Decl *, 1> CalledHolders;
  bool UsesLocks = false;
};

/// One declaration per holder: parameters of different declarations of a
/// function are the same parameter.
static const Decl *canonicalHolder(const Decl *D) {
  if (const auto *Param = dyn_cast<ParmVarDecl>(D))
    if (const auto *FD = dyn_cast<FunctionDecl>(Param->getDeclContext())) {
      const FunctionDecl *Canonical = FD->getCanonicalDecl();
      unsigned Index = Param->getFunctionScopeIndex();
      if (Index < Canonical->getNumParams())
        return Canonical->getParamDecl(Index);
    }
  return D->getCanonicalDecl();
}

const Decl *holderOf(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return isa<VarDecl>(Ref->getDecl()) ? Ref->getDecl()->getCanonicalDecl()
                                        : nullptr;
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return isa<FieldDecl>(Member->getMemberDecl())
               ? Member->getMemberDecl()->getCanonicalDecl()
               : nullptr;
  return nullptr;
}

/// One walk over the user code of the TU: every function definition with
/// its callees, and how pthread/C11 mutexes are initialised.
class TranslationUnitAnalysis::Collector
    : public RecursiveASTVisitor<Collector> {
public:
  Collector(TranslationUnitAnalysis &TU)
      : TU(TU), SM(TU.Ctx.getSourceManager()) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody() || FD->isDependentContext())
      return RecursiveASTVisitor::TraverseDecl(D);
    return withFunction(FD,
                        [&] { return RecursiveASTVisitor::TraverseDecl(D); });
  }

  bool TraverseLambdaExpr(LambdaExpr *E) {
    const CXXMethodDecl *Op = E->getCallOperator();
    if (Op->isDependentContext())
      return RecursiveASTVisitor::TraverseLambdaExpr(E);
    return withFunction(
        Op, [&] { return RecursiveASTVisitor::TraverseLambdaExpr(E); });
  }

  bool VisitCallExpr(CallExpr *E) {
    const FunctionDecl *Callee = E->getDirectCallee();
    if (Callee) {
      addCallee(Callee);
      noteInitialisation(E, Callee);
      // pthread_create(&t, attr, fn, arg): joining t waits for fn.
      if (Callee->getDeclName().isIdentifier() &&
          Callee->getName() == "pthread_create" && E->getNumArgs() == 4)
        if (const FunctionDecl *Target = callableOf(E->getArg(2)))
          if (const auto *Addr =
                  dyn_cast<UnaryOperator>(E->getArg(0)->IgnoreParenImpCasts());
              Addr && Addr->getOpcode() == UO_AddrOf)
            if (const Decl *Holder = holderOf(Addr->getSubExpr()))
              addCallable(Holder, Target);
      // Callables passed as arguments are what the parameter holds.
      for (unsigned I = 0, N = std::min<unsigned>(E->getNumArgs(),
                                                  Callee->getNumParams());
           I < N; ++I) {
        if (const FunctionDecl *Target = callableOf(E->getArg(I)))
          addCallable(Callee->getParamDecl(I), Target);
        // `finish(t)` with `void finish(std::thread &t) { t.join(); }`:
        // the parameter holds whatever the argument holds.
        else if (const Decl *Holder = holderOf(E->getArg(I)))
          Flows.emplace_back(Holder, Callee->getParamDecl(I));
      }
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
          Op && Op->isAssignmentOp() && Op->getNumArgs() == 2)
        if (const FunctionDecl *Target = callableOf(Op->getArg(1)))
          if (const Decl *Holder = holderOf(Op->getArg(0)))
            addCallable(Holder, Target);
    }
    const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
    if (Current && (!Callee || (Op && Op->getOperator() == OO_Call)))
      if (const Decl *Holder = holderOf(Op ? Op->getArg(0) : E->getCallee()))
        current()->CalledHolders.push_back(Holder);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *E) {
    if (E->getOpcode() == BO_Assign)
      if (const FunctionDecl *Target = callableOf(E->getRHS()))
        if (const Decl *Holder = holderOf(E->getLHS()))
          addCallable(Holder, Target);
    return true;
  }

  bool TraverseConstructorInitializer(CXXCtorInitializer *Init) {
    if (const FieldDecl *Field = Init->getMember())
      if (const FunctionDecl *Target = callableOf(Init->getInit()))
        addCallable(Field, Target);
    return RecursiveASTVisitor::TraverseConstructorInitializer(Init);
  }

  bool VisitCXXMethodDecl(CXXMethodDecl *MD) {
    if (MD->doesThisDeclarationHaveABody() && !MD->isDependentContext())
      for (const CXXMethodDecl *Overridden : MD->overridden_methods())
        addOverrider(Overridden, MD);
    return true;
  }

  bool VisitCXXDeleteExpr(CXXDeleteExpr *E) {
    if (const CXXDestructorDecl *Dtor = destructorDeleting(E))
      addCallee(Dtor);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    addCallee(E->getConstructor());
    if (const CXXRecordDecl *RD = E->getConstructor()->getParent())
      if (const CXXDestructorDecl *Dtor = RD->getDestructor())
        addCallee(Dtor);
    return true;
  }

  bool VisitVarDecl(VarDecl *VD) {
    noteStaticInitialiser(VD, VD->getInit());
    if (const FunctionDecl *Target = callableOf(VD->getInit()))
      addCallable(VD, Target);
    return true;
  }
  bool VisitFieldDecl(FieldDecl *FD) {
    noteStaticInitialiser(FD, FD->getInClassInitializer());
    return true;
  }

  /// Callables flow from arguments into parameters, to a fixpoint.
  void resolveFlows() {
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (auto &[From, To] : Flows)
        for (const FunctionDecl *Target : TU.callTargets(From))
          if (!llvm::is_contained(TU.callTargets(To), Target)) {
            addCallable(To, Target);
            Changed = true;
          }
    }
  }

  /// Marks the lock classes initialised recursive.
  void resolveRecursiveInitialisations() {
    for (auto &[Mutex, Attr] : PendingInits)
      if (RecursiveAttrs.contains(Attr))
        const_cast<Symbol *>(Mutex)->KnownRecursive = true;
  }

  llvm::MapVector<const FunctionDecl *, FunctionInfo> Functions;

private:
  template <typename Fn> bool withFunction(const FunctionDecl *FD, Fn Body) {
    // By key, not by pointer: nested functions (lambdas) grow the map.
    const FunctionDecl *Saved = Current;
    Current = FD->getCanonicalDecl();
    Functions[Current].Definition = FD;
    bool Result = Body();
    Current = Saved;
    return Result;
  }

  FunctionInfo *current() { return Current ? &Functions[Current] : nullptr; }

  void addCallee(const FunctionDecl *Callee) {
    FunctionInfo *Info = current();
    if (!Info)
      return;
    if (TU.Model.isLockRelated(Callee))
      Info->UsesLocks = true;
    else
      Info->Callees.push_back(Callee->getCanonicalDecl());
  }

  void addCallable(const Decl *Holder, const FunctionDecl *Target) {
    auto &Targets = TU.Callables[canonicalHolder(Holder)];
    if (!llvm::is_contained(Targets, Target))
      Targets.push_back(Target);
  }

  /// Overriders of \p Base and of everything it overrides.
  void addOverrider(const CXXMethodDecl *Base, const CXXMethodDecl *MD) {
    auto &List = TU.Overriders[Base->getCanonicalDecl()];
    if (!llvm::is_contained(List, MD))
      List.push_back(MD);
    for (const CXXMethodDecl *Up : Base->overridden_methods())
      addOverrider(Up, MD);
  }

  /// The lock class an initialisation call names, e.g. `Foo::mu_` in
  /// `pthread_mutex_init(&mu_, &attr)`.
  const Symbol *classOf(const Expr *E) {
    LockPathBuilder Paths(TU.Symbols, nullptr);
    return Paths.lockObject(E).lockClass();
  }

  static bool mentions(const Expr *E, StringRef Needle) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl()->getName().contains(Needle);
    if (const auto *Binary = dyn_cast<BinaryOperator>(E))
      return mentions(Binary->getLHS(), Needle) ||
             mentions(Binary->getRHS(), Needle);
    return false;
  }

  void noteInitialisation(const CallExpr *E, const FunctionDecl *Callee) {
    if (!Callee->getDeclName().isIdentifier() || E->getNumArgs() < 2)
      return;
    StringRef Name = Callee->getName();
    if (Name == "pthread_mutexattr_settype" &&
        mentions(E->getArg(1), "RECURSIVE")) {
      if (const Symbol *Attr = classOf(E->getArg(0)))
        RecursiveAttrs.insert(Attr);
    } else if (Name == "pthread_mutex_init") {
      const Symbol *Mutex = classOf(E->getArg(0));
      const Symbol *Attr = classOf(E->getArg(1));
      if (Mutex && Attr)
        PendingInits.emplace_back(Mutex, Attr);
    } else if (Name == "mtx_init" && mentions(E->getArg(1), "mtx_recursive")) {
      if (const Symbol *Mutex = classOf(E->getArg(0)))
        const_cast<Symbol *>(Mutex)->KnownRecursive = true;
    }
  }

  void noteStaticInitialiser(const ValueDecl *VD, const Expr *Init) {
    if (!Init || !Init->getBeginLoc().isMacroID())
      return;
    StringRef Macro = Lexer::getImmediateMacroName(Init->getBeginLoc(), SM,
                                                   TU.Ctx.getLangOpts());
    if (Macro.contains("RECURSIVE_MUTEX_INITIALIZER"))
      TU.Symbols.markRecursive(VD);
  }

  TranslationUnitAnalysis &TU;
  const SourceManager &SM;
  const FunctionDecl *Current = nullptr;
  llvm::DenseSet<const Symbol *> RecursiveAttrs;
  llvm::SmallVector<std::pair<const Symbol *, const Symbol *>, 0> PendingInits;
  llvm::SmallVector<std::pair<const Decl *, const Decl *>, 0> Flows;
};

TranslationUnitAnalysis::TranslationUnitAnalysis(ASTContext &Ctx,
                                                 const AnalysisOptions &Opts,
                                                 const Preprocessor *PP)
    : Ctx(Ctx), Opts(Opts), Symbols(Program.Symbols),
      Model(Ctx, Opts.Catalog, Opts.Blocking, Symbols, PP) {}

TranslationUnitAnalysis::~TranslationUnitAnalysis() = default;

void TranslationUnitAnalysis::collect(Scope For) {
  Collector C(*this);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  C.resolveRecursiveInitialisations();
  C.resolveFlows();

  // Relevant: functions that use locks, and every function that can reach
  // one through calls; for a program, also those reaching a call out of the
  // TU (FactsOnly unless they reach a lock too).
  llvm::DenseMap<const FunctionDecl *,
                 llvm::SmallVector<const FunctionDecl *, 2>>
      Callers;
  llvm::SmallVector<const FunctionDecl *, 16> UseLocks, CallOut;
  for (auto &[Canonical, Info] : C.Functions) {
    for (const FunctionDecl *Callee : Info.Callees) {
      Callers[Callee].push_back(Canonical);
      for (const FunctionDecl *Overrider : overriders(Callee))
        Callers[Overrider->getCanonicalDecl()].push_back(Canonical);
    }
    for (const Decl *Holder : Info.CalledHolders)
      for (const FunctionDecl *Target : callTargets(Holder))
        Callers[Target->getCanonicalDecl()].push_back(Canonical);
    if (Info.UsesLocks)
      UseLocks.push_back(Canonical);
    else if (For == Scope::Program &&
             llvm::any_of(Info.Callees, [&](const FunctionDecl *Callee) {
               return !C.Functions.count(Callee) && recordsCallsTo(Callee);
             }))
      CallOut.push_back(Canonical);
  }
  auto CallersOf = [&](llvm::SmallVector<const FunctionDecl *, 16> Worklist) {
    llvm::DenseSet<const FunctionDecl *> Reached(Worklist.begin(),
                                                 Worklist.end());
    while (!Worklist.empty()) {
      const FunctionDecl *F = Worklist.pop_back_val();
      for (const FunctionDecl *Caller : Callers.lookup(F))
        if (Reached.insert(Caller).second)
          Worklist.push_back(Caller);
    }
    return Reached;
  };
  llvm::DenseSet<const FunctionDecl *> ReachLocks = CallersOf(UseLocks);
  llvm::DenseSet<const FunctionDecl *> ReachOut = CallersOf(CallOut);
  for (auto &[Canonical, Info] : C.Functions) {
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Info.Definition))
      if (NullFieldFacts Facts = nullFieldFacts(Ctor, Ctx, Symbols);
          !Facts.empty())
        LeavesNull[Canonical] = std::move(Facts);
    bool Locks = ReachLocks.contains(Canonical);
    bool Out = ReachOut.contains(Canonical);
    if (!Locks && !Out && !LeavesNull.count(Canonical))
      continue;
    Relevant[Canonical] = Info.Definition;
    Order.push_back(Canonical);
    if (!Locks)
      FactsOnly.insert(Canonical);
    if (!Locks && !Out)
      NullFieldsOnly.insert(Canonical);
  }
}

void TranslationUnitAnalysis::analyze(const FunctionDecl *Canonical) {
  auto [It, Inserted] = States.try_emplace(Canonical, State::InProgress);
  if (!Inserted)
    return;
  FunctionAnalysisInput In{Ctx, Model, Symbols, Program, *this, Opts.Limits};
  const FunctionDecl *Definition = Relevant.lookup(Canonical);
  FunctionSummary Summary;
  if (NullFieldsOnly.contains(Canonical))
    Summary.Loc = Site{Definition->getLocation().getRawEncoding()};
  else
    Summary = analyzeFunction(Definition, In);
  Summary.LeavesNull = LeavesNull.lookup(Canonical);
  const Symbol *Sym = Symbols.function(Canonical);
  Summary.Function = Sym;
  Summary.NonBlocking = Model.isDeclaredNonBlocking(Canonical);
  Summary.Internal = !Canonical->isExternallyVisible();
  Summary.FactsOnly = FactsOnly.contains(Canonical);
  Program.Functions[Sym] = std::move(Summary);
  States[Canonical] = State::Done;
}

void TranslationUnitAnalysis::summarize(Scope For) {
  collect(For);
  for (const FunctionDecl *Canonical : Order)
    analyze(Canonical);
}

const FunctionSummary *
TranslationUnitAnalysis::calleeSummary(const FunctionDecl *Callee) {
  const FunctionDecl *Canonical = Callee->getCanonicalDecl();
  if (!Relevant.count(Canonical))
    return nullptr;
  analyze(Canonical);
  if (States.lookup(Canonical) != State::Done)
    return nullptr; // Recursion: the summary is still being computed.
  auto It = Program.Functions.find(Symbols.function(Canonical));
  return It == Program.Functions.end() ? nullptr : &It->second;
}

bool TranslationUnitAnalysis::recordsCallsTo(const FunctionDecl *Callee) {
  const FunctionDecl *Canonical = Callee->getCanonicalDecl();
  if (Relevant.count(Canonical))
    return true;
  // A function defined elsewhere may lock; the whole-program merge decides.
  const SourceManager &SM = Ctx.getSourceManager();
  return !Callee->hasBody() &&
         !SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation()));
}

llvm::ArrayRef<const FunctionDecl *>
TranslationUnitAnalysis::overriders(const FunctionDecl *Method) {
  auto It = Overriders.find(Method->getCanonicalDecl());
  if (It == Overriders.end())
    return {};
  return It->second;
}

llvm::ArrayRef<const FunctionDecl *>
TranslationUnitAnalysis::callTargets(const Decl *Holder) {
  auto It = Callables.find(canonicalHolder(Holder));
  if (It == Callables.end())
    return {};
  return It->second;
}

void TranslationUnitAnalysis::report(DeadlockHandler &Handler) {
  reportFindings(Program, Handler);
}

} // namespace deadlock
