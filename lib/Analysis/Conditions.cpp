//===--- Conditions.cpp ---------------------------------------------------===//

#include "Conditions.h"
#include "ObjectFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace deadlock {

namespace {

const Expr *strip(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Temp->getSubExpr();
    else
      return E;
  }
}

std::optional<int64_t> constantOf(const Expr *E, ASTContext &Ctx) {
  if (isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E))
    return 0;
  Expr::EvalResult Result;
  if (!E->isValueDependent() && E->EvaluateAsInt(Result, Ctx))
    return Result.Val.getInt().getExtValue(); // bool true is 1, not -1
  return std::nullopt;
}

/// Collects the declarations a condition reads; rejects conditions whose
/// value could change without a visible write (calls to non-const members,
/// assignments, increments).
class StableReads : public RecursiveASTVisitor<StableReads> {
public:
  llvm::SmallVector<const Decl *, 4> Reads;
  bool Stable = true;

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (isa<VarDecl>(E->getDecl()))
      Reads.push_back(E->getDecl()->getCanonicalDecl());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    Reads.push_back(E->getMemberDecl()->getCanonicalDecl());
    return true;
  }
  bool VisitCallExpr(CallExpr *E) {
    const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
    const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
    if (!MD || !MD->isConst())
      Stable = false;
    return Stable;
  }
  bool VisitBinaryOperator(BinaryOperator *E) {
    if (E->isAssignmentOp())
      Stable = false;
    return Stable;
  }
  bool VisitUnaryOperator(UnaryOperator *E) {
    if (E->isIncrementDecrementOp())
      Stable = false;
    return Stable;
  }
  bool VisitLambdaExpr(LambdaExpr *) { return Stable = false; }
};

} // namespace

unsigned Conditions::tryAtom(const Expr *Call) {
  auto [It, Inserted] = CallAtoms.try_emplace(Call, NextAtom);
  if (Inserted)
    ++NextAtom;
  return It->second;
}

llvm::ArrayRef<unsigned> Conditions::atomsReading(const Decl *D) const {
  auto It = Readers.find(D->getCanonicalDecl());
  if (It == Readers.end())
    return {};
  return It->second;
}

unsigned Conditions::variableAtom(const VarDecl *VD) {
  VD = VD->getCanonicalDecl();
  auto [It, Inserted] = VariableAtoms.try_emplace(VD, NextAtom);
  if (Inserted) {
    ++NextAtom;
    Readers[VD].push_back(It->second);
  }
  return It->second;
}

std::optional<unsigned> Conditions::valueAtom(const Expr *E) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      return variableAtom(VD);
  StableReads Reads;
  Reads.TraverseStmt(const_cast<Expr *>(E));
  if (!Reads.Stable || Reads.Reads.empty())
    return std::nullopt;
  llvm::FoldingSetNodeID ID;
  E->Profile(ID, Ctx, /*Canonical=*/true);
  auto [It, Inserted] = ValueAtoms.try_emplace(ID, NextAtom);
  if (Inserted) {
    ++NextAtom;
    for (const Decl *D : Reads.Reads)
      Readers[D].push_back(It->second);
    if (const FieldDecl *Field = fieldOfThis(E);
        Field && Field->getType()->isPointerType())
      ThisFieldAtoms[It->second] = Field;
  }
  return It->second;
}

const Expr *Conditions::tryCallBehind(const Expr *E, SuccessValue &Success) {
  E = strip(E);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      if (const Expr *Aliased = Aliases.lookup(VD))
        E = Aliased;
  if (std::optional<SuccessValue> S = IsTryCall(E)) {
    Success = *S;
    return E;
  }
  return nullptr;
}

BranchTest Conditions::analyze(const Expr *Cond) {
  return Cond ? analyzeStripped(strip(Cond), 0) : BranchTest();
}

BranchTest Conditions::analyzeStripped(const Expr *E, unsigned Depth) {
  if (Depth > 8)
    return {};
  auto Flip = [](BranchTest T) {
    T.Polarity = !T.Polarity;
    return T;
  };

  if (const auto *Not = dyn_cast<UnaryOperator>(E);
      Not && Not->getOpcode() == UO_LNot)
    return Flip(analyzeStripped(strip(Not->getSubExpr()), Depth + 1));

  if (const auto *Cmp = dyn_cast<BinaryOperator>(E);
      Cmp && (Cmp->getOpcode() == BO_EQ || Cmp->getOpcode() == BO_NE)) {
    const Expr *LHS = strip(Cmp->getLHS()), *RHS = strip(Cmp->getRHS());
    std::optional<int64_t> K = constantOf(RHS, Ctx);
    const Expr *Other = LHS;
    if (!K) {
      K = constantOf(LHS, Ctx);
      Other = RHS;
    }
    if (K) {
      bool Equal = Cmp->getOpcode() == BO_EQ;
      SuccessValue Success;
      if (const Expr *Call = tryCallBehind(Other, Success)) {
        // `call == K` holds exactly when the outcome matches K.
        bool MeansSuccess;
        switch (Success) {
        case SuccessValue::True:
          MeansSuccess = *K != 0;
          break;
        case SuccessValue::Zero:
          MeansSuccess = *K == 0;
          break;
        case SuccessValue::MinusOne:
          MeansSuccess = *K == -1;
          break;
        }
        BranchTest T{BranchTest::Fact, tryAtom(Call), nullptr, MeansSuccess};
        return Equal ? T : Flip(T);
      }
      if (*K == 0) {
        // `x == 0`, `p != nullptr`: a truth test of x.
        BranchTest T = analyzeStripped(Other, Depth + 1);
        return Equal ? Flip(T) : T;
      }
    }
  }

  SuccessValue Success;
  if (const Expr *Call = tryCallBehind(E, Success)) {
    if (Success == SuccessValue::MinusOne)
      return {};
    // A bool result is true on success; an errno-style result is zero.
    return {BranchTest::Fact, tryAtom(Call), nullptr,
            Success == SuccessValue::True};
  }

  if (GuardKey Guard = IsGuardQuery(E))
    return {BranchTest::GuardOwns, 0, Guard, true};

  if (std::optional<unsigned> Atom = valueAtom(E))
    return {BranchTest::Fact, *Atom, nullptr, true};
  return {};
}

std::optional<int64_t> Conditions::returnValue(
    const Expr *E, const std::function<std::optional<bool>(unsigned)> &FactOf) {
  if (!E)
    return std::nullopt;
  E = strip(E);
  if (std::optional<int64_t> K = constantOf(E, Ctx))
    return K;
  if (const auto *Choice = dyn_cast<ConditionalOperator>(E)) {
    // `return mu.try_lock() ? 0 : EBUSY;`
    BranchTest T = analyze(Choice->getCond());
    if (T.TestKind != BranchTest::Fact)
      return std::nullopt;
    std::optional<bool> Value = FactOf(T.Atom);
    if (!Value)
      return std::nullopt;
    return returnValue(*Value == T.Polarity ? Choice->getTrueExpr()
                                            : Choice->getFalseExpr(),
                       FactOf);
  }
  SuccessValue Success;
  if (const Expr *Call = tryCallBehind(E, Success)) {
    // A returned try outcome: reproduce the raw result.
    std::optional<bool> Succeeded = FactOf(tryAtom(Call));
    if (!Succeeded)
      return std::nullopt;
    switch (Success) {
    case SuccessValue::True:
      return *Succeeded ? 1 : 0;
    case SuccessValue::Zero:
      return *Succeeded ? 0 : 1;
    case SuccessValue::MinusOne:
      return *Succeeded ? -1 : 0;
    }
  }
  BranchTest T = analyzeStripped(E, 0);
  if (T.TestKind != BranchTest::Fact)
    return std::nullopt;
  std::optional<bool> Value = FactOf(T.Atom);
  if (!Value)
    return std::nullopt;
  return *Value == T.Polarity ? 1 : 0;
}

} // namespace deadlock
