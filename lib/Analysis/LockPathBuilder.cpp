//===--- LockPathBuilder.cpp ----------------------------------------------===//

#include "LockPathBuilder.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace deadlock {

namespace {
constexpr unsigned MaxDepth = 16;

/// Element accessors of containers: `v[i]`, `v.at(i)`, `v.front()` all
/// collapse to `[*]`.
bool isElementAccessor(const FunctionDecl *FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (!MD || MD->isStatic())
    return false;
  if (MD->getOverloadedOperator() == OO_Subscript)
    return true;
  if (!MD->getDeclName().isIdentifier())
    return false;
  StringRef Name = MD->getName();
  return Name == "at" || Name == "front" || Name == "back";
}

/// `p.get()` on a smart pointer yields the pointer `p` holds.
bool isSmartPointerGet(const FunctionDecl *FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  return MD && MD->getNumParams() == 0 && MD->getDeclName().isIdentifier() &&
         MD->getName() == "get" && MD->getReturnType()->isPointerType() &&
         MD->getParent()->isInStdNamespace();
}
} // namespace

PathValue LockPathBuilder::pointee(const PathValue &Pointer) {
  if (Pointer.AddressOf)
    return {Pointer.Path, false};
  return {Pointer.Path.deref(), false};
}

PathValue LockPathBuilder::derefOf(const Expr *Base, const PathValue &V) const {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Base->IgnoreParenImpCasts()))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
        VD && Reassigned && Reassigned->contains(VD) && !V.AddressOf)
      return {LockPath::unknown(), false};
  return pointee(V);
}

std::optional<PathValue> LockPathBuilder::variable(const VarDecl *VD,
                                                   unsigned Depth) {
  bool IsReassigned = Reassigned && Reassigned->contains(VD);
  // References (and pointers that never change) are names for what they
  // were initialised with: `auto &m = acct.mu;` is `acct.mu`.
  if (!VD->hasGlobalStorage() && !isa<ParmVarDecl>(VD) && VD->getInit() &&
      (VD->getType()->isReferenceType() ||
       (VD->getType()->isPointerType() && !IsReassigned)))
    if (std::optional<PathValue> Init = value(VD->getInit(), Depth + 1))
      return Init;
  const Symbol *Sym = Symbols.variable(VD);
  if (VD->hasGlobalStorage())
    return PathValue{LockPath::global(Sym), false};
  if (isa<ParmVarDecl>(VD))
    return PathValue{LockPath::parameter(Sym), false};
  return PathValue{LockPath::local(Sym), false};
}

std::optional<PathValue> LockPathBuilder::value(const Expr *E, unsigned Depth) {
  if (!E || Depth > MaxDepth)
    return std::nullopt;
  E = E->IgnoreParens();

  if (const auto *Cast = dyn_cast<CastExpr>(E)) {
    switch (Cast->getCastKind()) {
    case CK_ArrayToPointerDecay: {
      // `pthread_mutex_lock(locks)` locks the first element.
      std::optional<PathValue> Array = value(Cast->getSubExpr(), Depth + 1);
      if (!Array || Array->AddressOf)
        return std::nullopt;
      return PathValue{Array->Path.index(), true};
    }
    case CK_NoOp:
    case CK_LValueToRValue:
    case CK_DerivedToBase:
    case CK_UncheckedDerivedToBase:
    case CK_BaseToDerived:
    case CK_BitCast:
    case CK_Dynamic:
    case CK_ConstructorConversion:
    case CK_UserDefinedConversion:
      return value(Cast->getSubExpr(), Depth + 1);
    default:
      return std::nullopt;
    }
  }
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
    return value(Cleanups->getSubExpr(), Depth + 1);
  if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
    return value(Temp->getSubExpr(), Depth + 1);
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
    return value(Bind->getSubExpr(), Depth + 1);

  if (isa<CXXThisExpr>(E))
    return PathValue{LockPath::thisObject(), true};

  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      return variable(VD, Depth);
    return std::nullopt;
  }

  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field) {
      // A static data member is a global.
      if (const auto *VD = dyn_cast<VarDecl>(Member->getMemberDecl()))
        return variable(VD, Depth);
      return std::nullopt;
    }
    std::optional<PathValue> Base = value(Member->getBase(), Depth + 1);
    if (!Base)
      return std::nullopt;
    PathValue Object =
        Member->isArrow() ? derefOf(Member->getBase(), *Base) : *Base;
    if (Object.AddressOf)
      return std::nullopt;
    return PathValue{Object.Path.field(Symbols.variable(Field)), false};
  }

  if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
    std::optional<PathValue> Sub = value(Unary->getSubExpr(), Depth + 1);
    if (!Sub)
      return std::nullopt;
    if (Unary->getOpcode() == UO_AddrOf)
      return Sub->AddressOf ? std::nullopt
                            : std::optional<PathValue>({Sub->Path, true});
    if (Unary->getOpcode() == UO_Deref)
      return derefOf(Unary->getSubExpr(), *Sub);
    return std::nullopt;
  }

  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
    std::optional<PathValue> Base = value(Subscript->getBase(), Depth + 1);
    if (!Base)
      return std::nullopt;
    // `arr[i]` after decay, or `p[i]` on a pointer: an element.
    return PathValue{Base->AddressOf ? Base->Path : Base->Path.index(), false};
  }

  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind Kind = Op->getOperator();
    if ((Kind == OO_Arrow || Kind == OO_Star) && Op->getNumArgs() == 1) {
      std::optional<PathValue> Ptr = value(Op->getArg(0), Depth + 1);
      if (!Ptr || Ptr->AddressOf)
        return std::nullopt;
      // Iterators and smart pointers: `it->mu`, `*it`.
      PathValue Object = derefOf(Op->getArg(0), *Ptr);
      return Kind == OO_Arrow && !Object.Path.isUnknown()
                 ? PathValue{Ptr->Path, false}
                 : Object;
    }
  }

  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return PathValue{LockPath::unknown(), false};
    if (Callee->isInStdNamespace() && Callee->getDeclName().isIdentifier() &&
        (Callee->getName() == "addressof" || Callee->getName() == "move") &&
        Call->getNumArgs() == 1) {
      std::optional<PathValue> Arg = value(Call->getArg(0), Depth + 1);
      if (Arg && Callee->getName() == "addressof" && !Arg->AddressOf)
        return PathValue{Arg->Path, true};
      return Arg;
    }
    if (isSmartPointerGet(Callee))
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
        if (std::optional<PathValue> Ptr =
                value(MC->getImplicitObjectArgument(), Depth + 1);
            Ptr && !Ptr->AddressOf)
          return Ptr;
    if (isElementAccessor(Callee)) {
      const Expr *Container = nullptr;
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
        Container = MC->getImplicitObjectArgument();
      else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call))
        Container = OC->getArg(0);
      if (Container)
        if (std::optional<PathValue> Base = value(Container, Depth + 1)) {
          PathValue Object = Base->AddressOf ? PathValue{Base->Path, false}
                                             : *Base;
          PathValue Element{Object.Path.index(), false};
          // `v.at(i)` returning a pointer: the element holds the pointer.
          return Callee->getReturnType()->isPointerType()
                     ? PathValue{Element.Path, false}
                     : Element;
        }
    }
    // Whatever a function returns has no name here; its class is the
    // function that produced it.
    return PathValue{LockPath::unknown(Symbols.function(Callee)), false};
  }
  return std::nullopt;
}

LockPath LockPathBuilder::lockObject(const Expr *E) {
  std::optional<PathValue> V = value(E);
  if (!V)
    return LockPath::unknown();
  QualType T = E->IgnoreParenImpCasts()->getType();
  if (T->isPointerType() || V->AddressOf)
    return pointee(*V).Path;
  return V->Path;
}

CallBindings LockPathBuilder::bindings(const CallExpr *Call,
                                       const FunctionDecl *Callee) {
  CallBindings B;
  unsigned FirstArg = 0;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const Expr *Object = Member->getImplicitObjectArgument();
    if (std::optional<PathValue> V = value(Object))
      B.This = Object->getType()->isPointerType() ? pointee(*V) : *V;
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
             Op && isa<CXXMethodDecl>(Callee) &&
             !cast<CXXMethodDecl>(Callee)->isStatic()) {
    if (std::optional<PathValue> V = value(Op->getArg(0)))
      B.This = *V;
    FirstArg = 1;
  }
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
      MD && MD->getParent()->isLambda())
    B.ThisIsCallers = true;
  for (unsigned I = FirstArg, N = Call->getNumArgs(); I < N; ++I)
    B.Args.push_back(value(Call->getArg(I)));
  return B;
}

CallBindings LockPathBuilder::bindings(const CXXConstructExpr *Construct,
                                       std::optional<PathValue> Object) {
  CallBindings B;
  B.This = std::move(Object);
  for (const Expr *Arg : Construct->arguments())
    B.Args.push_back(value(Arg));
  return B;
}

} // namespace deadlock
