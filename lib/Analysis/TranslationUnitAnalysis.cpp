//===--- TranslationUnitAnalysis.cpp --------------------------------------===//

#include "TranslationUnitAnalysis.h"
#include "Core/Composition.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace deadlock {

struct TranslationUnitAnalysis::FunctionInfo {
  const FunctionDecl *Definition = nullptr;
  llvm::SmallVector<const FunctionDecl *, 4> Callees;
  bool UsesLocks = false;
};

/// One walk over the user code of the TU: every function definition with
/// its callees, and how pthread/C11 mutexes are initialised.
class TranslationUnitAnalysis::Collector
    : public RecursiveASTVisitor<Collector> {
public:
  Collector(TranslationUnitAnalysis &TU) : TU(TU), SM(TU.Ctx.getSourceManager()) {}

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
    return withFunction(FD, [&] { return RecursiveASTVisitor::TraverseDecl(D); });
  }

  bool TraverseLambdaExpr(LambdaExpr *E) {
    const CXXMethodDecl *Op = E->getCallOperator();
    if (Op->isDependentContext())
      return RecursiveASTVisitor::TraverseLambdaExpr(E);
    return withFunction(Op, [&] {
      return RecursiveASTVisitor::TraverseLambdaExpr(E);
    });
  }

  bool VisitCallExpr(CallExpr *E) {
    if (const FunctionDecl *Callee = E->getDirectCallee()) {
      addCallee(Callee);
      noteInitialisation(E, Callee);
    }
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
    if (VD->hasGlobalStorage())
      noteStaticInitialiser(VD, VD->getInit());
    return true;
  }
  bool VisitFieldDecl(FieldDecl *FD) {
    noteStaticInitialiser(FD, FD->getInClassInitializer());
    return true;
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
    FunctionInfo *Saved = Current;
    Current = &Functions[FD->getCanonicalDecl()];
    Current->Definition = FD;
    bool Result = Body();
    Current = Saved;
    return Result;
  }

  void addCallee(const FunctionDecl *Callee) {
    if (!Current)
      return;
    if (TU.Model.isLockRelated(Callee))
      Current->UsesLocks = true;
    else
      Current->Callees.push_back(Callee->getCanonicalDecl());
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
    StringRef Macro = Lexer::getImmediateMacroName(
        Init->getBeginLoc(), SM, TU.Ctx.getLangOpts());
    if (Macro.contains("RECURSIVE_MUTEX_INITIALIZER"))
      TU.Symbols.markRecursive(VD);
  }

  TranslationUnitAnalysis &TU;
  const SourceManager &SM;
  FunctionInfo *Current = nullptr;
  llvm::DenseSet<const Symbol *> RecursiveAttrs;
  llvm::SmallVector<std::pair<const Symbol *, const Symbol *>, 0> PendingInits;
};

TranslationUnitAnalysis::TranslationUnitAnalysis(ASTContext &Ctx,
                                                 const AnalysisOptions &Opts,
                                                 const Preprocessor *PP)
    : Ctx(Ctx), Opts(Opts), Symbols(Program.Symbols),
      Model(Ctx, Opts.Catalog, Symbols, PP) {}

TranslationUnitAnalysis::~TranslationUnitAnalysis() = default;

void TranslationUnitAnalysis::collect() {
  Collector C(*this);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  C.resolveRecursiveInitialisations();

  // Relevant: functions that use locks, and every function that can reach
  // one through calls.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const FunctionDecl *, 2>>
      Callers;
  llvm::SmallVector<const FunctionDecl *, 16> Worklist;
  for (auto &[Canonical, Info] : C.Functions) {
    for (const FunctionDecl *Callee : Info.Callees)
      Callers[Callee].push_back(Canonical);
    if (Info.UsesLocks)
      Worklist.push_back(Canonical);
  }
  llvm::DenseSet<const FunctionDecl *> Reached(Worklist.begin(), Worklist.end());
  while (!Worklist.empty()) {
    const FunctionDecl *F = Worklist.pop_back_val();
    for (const FunctionDecl *Caller : Callers.lookup(F))
      if (Reached.insert(Caller).second)
        Worklist.push_back(Caller);
  }
  for (auto &[Canonical, Info] : C.Functions)
    if (Reached.contains(Canonical)) {
      Relevant[Canonical] = Info.Definition;
      Order.push_back(Canonical);
    }
}

void TranslationUnitAnalysis::analyze(const FunctionDecl *Canonical) {
  auto [It, Inserted] = States.try_emplace(Canonical, State::InProgress);
  if (!Inserted)
    return;
  FunctionAnalysisInput In{Ctx, Model, Symbols, Program, *this, Opts.Limits};
  FunctionSummary Summary = analyzeFunction(Relevant.lookup(Canonical), In);
  const Symbol *Sym = Symbols.function(Canonical);
  Summary.Function = Sym;
  Program.Functions[Sym] = std::move(Summary);
  States[Canonical] = State::Done;
}

void TranslationUnitAnalysis::summarize() {
  collect();
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

void TranslationUnitAnalysis::report(DeadlockHandler &Handler) {
  reportFindings(Program, Handler);
}

} // namespace deadlock
