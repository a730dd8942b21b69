//===--- ObjectFacts.cpp --------------------------------------------------===//

#include "ObjectFacts.h"
#include "SymbolMap.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace deadlock {

namespace {

const Expr *unwrap(const Expr *E) {
  if (const auto *Default = dyn_cast_or_null<CXXDefaultInitExpr>(E))
    E = Default->getExpr();
  return E ? E->IgnoreParenImpCasts() : nullptr;
}

bool isNull(const Expr *E, ASTContext &Ctx) {
  E = unwrap(E);
  if (!E)
    return false;
  if (isa<ImplicitValueInitExpr, CXXScalarValueInitExpr>(E))
    return true;
  return !E->isValueDependent() &&
         E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
             Expr::NPCK_NotNull;
}

/// Calls `noteWrite` on every expression the visited code may write:
/// assigned (with the value, for a plain assignment), incremented, address
/// taken, or bound to a non-const reference.
template <typename Derived>
class WriteVisitor : public RecursiveASTVisitor<Derived> {
public:
  bool VisitBinaryOperator(BinaryOperator *E) {
    if (E->isAssignmentOp())
      self().noteWrite(E->getLHS(),
                       E->getOpcode() == BO_Assign ? E->getRHS() : nullptr);
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *E) {
    if (E->isIncrementDecrementOp() || E->getOpcode() == UO_AddrOf)
      self().noteWrite(E->getSubExpr(), nullptr);
    return true;
  }
  bool VisitCallExpr(CallExpr *E) {
    if (const FunctionDecl *Callee = E->getDirectCallee())
      noteReferenceArgs(Callee, E->arguments());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    noteReferenceArgs(E->getConstructor(), E->arguments());
    return true;
  }

private:
  Derived &self() { return static_cast<Derived &>(*this); }
  template <typename Args>
  void noteReferenceArgs(const FunctionDecl *Callee, Args Arguments) {
    unsigned I = 0;
    for (const Expr *Arg : Arguments) {
      if (I >= Callee->getNumParams())
        break;
      QualType T = Callee->getParamDecl(I++)->getType();
      if (T->isReferenceType() && !T.getNonReferenceType().isConstQualified())
        self().noteWrite(Arg, nullptr);
    }
  }
};

/// How a function uses `this`: only to reach fields, or also to escape;
/// and which fields it writes.
class ThisUses : public WriteVisitor<ThisUses> {
public:
  explicit ThisUses(ASTContext &Ctx) : Ctx(Ctx) {}

  llvm::SmallVector<const CXXThisExpr *, 8> All;
  llvm::SmallPtrSet<const CXXThisExpr *, 8> ReachingFields;
  llvm::SmallSetVector<const FieldDecl *, 4> Written;
  /// Written with something that may not be null.
  llvm::SmallPtrSet<const FieldDecl *, 4> SetNonNull;
  bool CapturedByLambda = false;

  bool VisitCXXThisExpr(CXXThisExpr *E) {
    All.push_back(E);
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    if (fieldOfThis(E))
      ReachingFields.insert(
          cast<CXXThisExpr>(E->getBase()->IgnoreParenImpCasts()));
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *E) {
    for (const LambdaCapture &C : E->captures())
      CapturedByLambda |= C.capturesThis();
    return true;
  }
  void noteWrite(const Expr *E, const Expr *Value) {
    if (const FieldDecl *Field = fieldOfThis(E)) {
      Written.insert(Field);
      if (!Value || !isNull(Value, Ctx))
        SetNonNull.insert(Field);
    }
  }
  bool escapes() const {
    return CapturedByLambda || llvm::any_of(All, [&](const CXXThisExpr *E) {
             return !ReachingFields.contains(E);
           });
  }

private:
  ASTContext &Ctx;
};

/// The uses of local pointer variables that keep their object fresh.
class LocalUses : public WriteVisitor<LocalUses> {
public:
  explicit LocalUses(ASTContext &Ctx) : Ctx(Ctx) {}

  bool shouldVisitLambdaBody() const { return true; }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (const auto *VD = dyn_cast<VarDecl>(E->getDecl()))
      if (isCandidate(VD))
        Refs[VD].push_back(E);
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    if (isCandidate(VD) && VD->getInit())
      noteValue(VD, VD->getInit());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *E) {
    if (E->getOpcode() == BO_Assign)
      if (const VarDecl *VD = refTo(E->getLHS())) {
        Harmless.insert(cast<DeclRefExpr>(E->getLHS()->IgnoreParenImpCasts()));
        noteValue(VD, E->getRHS());
      }
    if (E->isEqualityOp() &&
        (isNull(E->getLHS(), Ctx) || isNull(E->getRHS(), Ctx)))
      for (const Expr *Side : {E->getLHS(), E->getRHS()})
        markHarmless(Side);
    return WriteVisitor::VisitBinaryOperator(E);
  }
  bool VisitUnaryOperator(UnaryOperator *E) {
    if (E->getOpcode() == UO_LNot)
      markHarmless(E->getSubExpr());
    return WriteVisitor::VisitUnaryOperator(E);
  }
  bool VisitImplicitCastExpr(ImplicitCastExpr *E) {
    if (E->getCastKind() == CK_PointerToBoolean)
      markHarmless(E->getSubExpr());
    return true;
  }
  bool VisitCXXDeleteExpr(CXXDeleteExpr *E) {
    markHarmless(E->getArgument());
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *S) {
    // The object leaves with the return: nothing after it on that path.
    markHarmless(S->getRetValue());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    // `s->count_`: reaching a field keeps the object fresh; a member call
    // does not.
    if (isa<FieldDecl>(E->getMemberDecl()))
      markHarmless(E->getBase());
    return true;
  }
  void noteWrite(const Expr *E, const Expr *) {
    // A pointer field set through the variable is no longer null.
    if (const auto *Member = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts()))
      if (const VarDecl *VD = refTo(Member->getBase()))
        if (Member->getType()->isPointerType())
          Escaped.insert(VD);
  }

  FreshLocals result() const {
    FreshLocals Out;
    for (const auto &[VD, Made] : Constructors) {
      if (Escaped.contains(VD) || Made.empty())
        continue;
      auto It = Refs.find(VD);
      if (It != Refs.end() &&
          !llvm::all_of(It->second, [&](const DeclRefExpr *R) {
            return Harmless.contains(R);
          }))
        continue;
      Out[VD].assign(Made.begin(), Made.end());
    }
    return Out;
  }

private:
  static bool isCandidate(const VarDecl *VD) {
    return VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) &&
           VD->getType()->isPointerType();
  }
  static const VarDecl *refTo(const Expr *E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return VD && isCandidate(VD) ? VD : nullptr;
  }
  void markHarmless(const Expr *E) {
    if (!E)
      return;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
      Harmless.insert(Ref);
  }
  /// \p VD gets \p Value: null, or an object made here; anything else (a
  /// copy of another pointer) is not fresh.
  void noteValue(const VarDecl *VD, const Expr *Value) {
    auto &Made = Constructors[VD];
    if (isNull(Value, Ctx))
      return;
    if (const auto *New = dyn_cast<CXXNewExpr>(unwrap(Value)))
      if (const CXXConstructExpr *Construct = New->getConstructExpr();
          Construct && !New->isArray()) {
        Made.insert(Construct->getConstructor()->getCanonicalDecl());
        return;
      }
    Escaped.insert(VD);
  }

  ASTContext &Ctx;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const DeclRefExpr *, 4>>
      Refs;
  llvm::SmallPtrSet<const DeclRefExpr *, 8> Harmless;
  llvm::DenseMap<const VarDecl *,
                 llvm::SmallSetVector<const CXXConstructorDecl *, 1>>
      Constructors;
  llvm::SmallPtrSet<const VarDecl *, 4> Escaped;
};

} // namespace

const FieldDecl *fieldOfThis(const Expr *E) {
  const auto *Member = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  if (!Member || !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return dyn_cast<FieldDecl>(Member->getMemberDecl());
}

NullFieldFacts nullFieldFacts(const CXXConstructorDecl *Ctor, ASTContext &Ctx,
                              SymbolMap &Symbols) {
  ThisUses Uses(Ctx);
  Uses.TraverseStmt(Ctor->getBody());
  for (const CXXCtorInitializer *Init : Ctor->inits())
    Uses.TraverseStmt(Init->getInit());
  NullFieldFacts Facts;
  if (Uses.escapes())
    return Facts;
  for (const FieldDecl *Field : Uses.Written)
    Facts.Written.push_back(Symbols.variable(Field));
  for (const CXXCtorInitializer *Init : Ctor->inits()) {
    if (Init->isBaseInitializer() || Init->isDelegatingInitializer()) {
      if (const auto *Construct =
              dyn_cast<CXXConstructExpr>(Init->getInit()->IgnoreImplicit()))
        Facts.Bases.push_back(Symbols.function(Construct->getConstructor()));
      continue;
    }
    const FieldDecl *Field = Init->getMember();
    if (Field && Field->getType()->isPointerType() &&
        !Uses.Written.contains(Field) && isNull(Init->getInit(), Ctx))
      Facts.Fields.push_back(Symbols.variable(Field));
  }
  return Facts;
}

llvm::SmallPtrSet<const FieldDecl *, 4> fieldsSetNonNull(const FunctionDecl *FD,
                                                         ASTContext &Ctx) {
  ThisUses Uses(Ctx);
  Uses.TraverseStmt(FD->getBody());
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      Uses.TraverseStmt(Init->getInit());
  return std::move(Uses.SetNonNull);
}

FreshLocals freshLocals(const Stmt *Body, ASTContext &Ctx) {
  LocalUses Uses(Ctx);
  Uses.TraverseStmt(const_cast<Stmt *>(Body));
  return Uses.result();
}

} // namespace deadlock
