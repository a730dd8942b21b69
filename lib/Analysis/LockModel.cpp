//===--- LockModel.cpp ----------------------------------------------------===//

#include "LockModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include <functional>

using namespace clang;

namespace deadlock {

std::string recordNameOf(QualType T) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD ? qualifiedNameOf(RD) : std::string();
}

const FunctionDecl *callableOf(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
      return Lambda->getCallOperator();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<FunctionDecl>(Ref->getDecl());
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && Unary->getOpcode() == UO_AddrOf) {
      E = Unary->getSubExpr();
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      std::string Type = recordNameOf(Construct->getType());
      bool Thread = Type == "std::thread" || Type == "std::jthread" ||
                    Type == "boost::thread";
      if (Construct->getNumArgs() == 0 ||
          (!Thread && Construct->getNumArgs() != 1))
        return nullptr;
      E = Construct->getArg(0);
    } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
      // std::async(policy, f, args...): the first callable argument.
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee || !Callee->isInStdNamespace() ||
          !Callee->getDeclName().isIdentifier() || Callee->getName() != "async")
        return nullptr;
      for (const Expr *Arg : Call->arguments())
        if (const FunctionDecl *Target = callableOf(Arg))
          return Target;
      return nullptr;
    } else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Temp->getSubExpr();
    } else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
    } else if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E)) {
      E = Cleanups->getSubExpr();
    } else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

const CXXDestructorDecl *destructorDeleting(const CXXDeleteExpr *Delete) {
  // Dependent or void* deletes have no destroyed type; incomplete classes
  // no destructor.
  QualType T = Delete->getDestroyedType();
  const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return nullptr;
  return RD->getDefinition()->getDestructor();
}

static QualType objectType(QualType T) {
  T = T.getNonReferenceType();
  if (const auto *Ptr = T->getAs<PointerType>())
    return Ptr->getPointeeType();
  return T;
}

LockModel::LockModel(ASTContext &Ctx, const LockCatalog &Catalog,
                     const BlockingCatalog &Blocking, SymbolMap &Symbols,
                     const Preprocessor *PP)
    : Ctx(Ctx), Catalog(Catalog), Blocking(Blocking), Symbols(Symbols), PP(PP) {
}

const LockModel::CatalogRows &LockModel::rowsFor(const FunctionDecl *FD) {
  FD = FD->getCanonicalDecl();
  auto [It, Inserted] = Rows.try_emplace(FD);
  if (Inserted) {
    std::string Name = qualifiedNameOf(FD);
    It->second.Blocking = Blocking.findBlocking(Name);
    It->second.Wake = Blocking.findWake(Name);
    It->second.DescriptorMode = Blocking.findDescriptorMode(Name);
    It->second.NonBlocking = Blocking.isNonBlocking(Name);
  }
  return It->second;
}

const BlockingFunction *LockModel::blockingFunction(const FunctionDecl *FD) {
  return rowsFor(FD).Blocking;
}

const WakeFunction *LockModel::wakeFunction(const FunctionDecl *FD) {
  return rowsFor(FD).Wake;
}

const Expr *LockModel::nonBlockingDescriptor(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  const DescriptorModeFunction *Row =
      Callee ? rowsFor(Callee).DescriptorMode : nullptr;
  if (!Row || Row->Mode.Index >= Call->getNumArgs() ||
      Row->Descriptor.Index >= Call->getNumArgs())
    return nullptr;
  // The flag is a macro (O_NONBLOCK, FIONBIO): look for it as written.
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range =
      SM.getExpansionRange(Call->getArg(Row->Mode.Index)->getSourceRange());
  StringRef Written = Lexer::getSourceText(Range, SM, Ctx.getLangOpts());
  if (!Written.contains(Row->Flag))
    return nullptr;
  return Call->getArg(Row->Descriptor.Index);
}

bool LockModel::isDeclaredNonBlocking(const FunctionDecl *FD) {
  return rowsFor(FD).NonBlocking;
}

bool LockModel::destructorJoins(QualType T) {
  return recordNameOf(T) == "std::jthread" &&
         !Blocking.isNonBlocking("std::jthread::~jthread");
}

LockModel::~LockModel() = default;

static SuccessValue successOf(const Expr *Value, ASTContext &Ctx) {
  Expr::EvalResult Result;
  if (Value && Value->EvaluateAsInt(Result, Ctx) &&
      Result.Val.getInt().isZero())
    return SuccessValue::Zero;
  return SuccessValue::True;
}

std::optional<LockFunctionInfo>
LockModel::fromAttributes(const FunctionDecl *FD) {
  auto Make = [](LockAction Action, bool Shared, auto Args,
                 SuccessValue Success = SuccessValue::True) {
    LockFunctionInfo Info{Action,
                          Shared ? LockMode::Shared : LockMode::Exclusive,
                          LockOperand::Object,
                          Success,
                          {},
                          true};
    for (const Expr *Arg : Args)
      Info.Capabilities.push_back(Arg);
    return Info;
  };
  for (const Attr *A : FD->attrs()) {
    if (const auto *Acquire = dyn_cast<AcquireCapabilityAttr>(A))
      return Make(LockAction::Acquire, Acquire->isShared(), Acquire->args());
    if (const auto *Release = dyn_cast<ReleaseCapabilityAttr>(A))
      return Make(LockAction::Release, Release->isShared(), Release->args());
    if (const auto *Try = dyn_cast<TryAcquireCapabilityAttr>(A))
      return Make(LockAction::TryAcquire, Try->isShared(), Try->args(),
                  successOf(Try->getSuccessValue(), Ctx));
    if (const auto *Try = dyn_cast<ExclusiveTrylockFunctionAttr>(A))
      return Make(LockAction::TryAcquire, false, Try->args(),
                  successOf(Try->getSuccessValue(), Ctx));
    if (const auto *Try = dyn_cast<SharedTrylockFunctionAttr>(A))
      return Make(LockAction::TryAcquire, true, Try->args(),
                  successOf(Try->getSuccessValue(), Ctx));
  }
  return std::nullopt;
}

const LockFunctionInfo *LockModel::lockFunction(const FunctionDecl *FD) {
  FD = FD->getCanonicalDecl();
  auto [It, Inserted] = Functions.try_emplace(FD);
  if (!Inserted)
    return It->second.get();
  std::unique_ptr<LockFunctionInfo> Info;
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  // Members of guard types are guard operations, not lock functions.
  if (MD && guardType(Ctx.getRecordType(MD->getParent())))
    return nullptr;
  if (const LockFunction *Row = Catalog.findFunction(qualifiedNameOf(FD))) {
    Info = std::make_unique<LockFunctionInfo>(LockFunctionInfo{
        Row->Action, Row->Mode, Row->Operand, Row->Success, {}, false});
    // Option rows say Object; on a free function that means its first
    // argument.
    if (Info->Operand == LockOperand::Object && !(MD && MD->isInstance()))
      Info->Operand = LockOperand::FirstArgument;
  } else if (std::optional<LockFunctionInfo> FromAttrs =
                 fromAttributes(FD->getMostRecentDecl())) {
    Info = std::make_unique<LockFunctionInfo>(std::move(*FromAttrs));
  }
  // The map may have grown in guardType(); look the slot up again.
  auto &Slot = Functions[FD];
  Slot = std::move(Info);
  return Slot.get();
}

const GuardType *LockModel::guardType(QualType T) {
  const CXXRecordDecl *RD = objectType(T)->getAsCXXRecordDecl();
  if (!RD)
    return nullptr;
  RD = RD->getCanonicalDecl();
  auto [It, Inserted] = Guards.try_emplace(RD);
  if (!Inserted)
    return It->second.get();
  std::string Name = qualifiedNameOf(RD);
  if (const GuardType *Row = Catalog.findGuard(Name))
    It->second = std::make_unique<GuardType>(*Row);
  else if (const CXXRecordDecl *Def = RD->getDefinition();
           Def && Def->hasAttr<ScopedLockableAttr>())
    It->second = std::make_unique<GuardType>(
        GuardType{Name, LockMode::Exclusive, /*Unique=*/true});
  return It->second.get();
}

std::optional<GuardAction> LockModel::guardMethod(const CXXMethodDecl *MD) {
  if (!MD->isInstance() || !guardType(Ctx.getRecordType(MD->getParent())))
    return std::nullopt;
  if (MD->getParent()->hasAttr<ScopedLockableAttr>()) {
    if (std::optional<LockFunctionInfo> Info = fromAttributes(MD)) {
      switch (Info->Action) {
      case LockAction::Acquire:
        return GuardAction::Lock;
      case LockAction::TryAcquire:
        return GuardAction::TryLock;
      case LockAction::Release:
        return GuardAction::Unlock;
      default:
        return std::nullopt;
      }
    }
  }
  if (const GuardMethod *Row = Catalog.findGuardMethod(MD->getNameAsString()))
    return Row->Action;
  return std::nullopt;
}

bool LockModel::isLockRelated(const FunctionDecl *FD) {
  if (lockFunction(FD) || blockingFunction(FD) || wakeFunction(FD) ||
      rowsFor(FD).DescriptorMode)
    return true;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    return guardType(Ctx.getRecordType(MD->getParent())) != nullptr;
  return false;
}

LockPath LockModel::canonicalLock(LockPath Lock, const Expr *LockExpr) {
  const auto *Member = dyn_cast_or_null<MemberExpr>(
      LockExpr ? LockExpr->IgnoreParenImpCasts() : nullptr);
  if (!Member || Lock.steps().empty() ||
      Lock.steps().back().Kind != StepKind::Field)
    return Lock;
  const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
  if (!Field || !isWrappedLock(Field))
    return Lock;
  return Lock.prefix(Lock.steps().size() - 1);
}

bool LockModel::isWrappedLock(const FieldDecl *Field) {
  const auto *Owner = dyn_cast<CXXRecordDecl>(Field->getParent());
  return Owner && Owner->hasAttr<CapabilityAttr>();
}

static const Expr *stripInit(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *C = dyn_cast<ExprWithCleanups>(E))
      E = C->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else
      return E;
  }
}

/// `param` or `&param` of the constructor being analysed.
static std::optional<std::pair<unsigned, bool>> parameterOf(const Expr *E) {
  E = stripInit(E);
  bool AddressOf = false;
  if (const auto *Unary = dyn_cast<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_AddrOf) {
    AddressOf = true;
    E = stripInit(Unary->getSubExpr());
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  if (!Param)
    return std::nullopt;
  return std::make_pair(Param->getFunctionScopeIndex(), AddressOf);
}

llvm::ArrayRef<StoredField>
LockModel::storedFields(const CXXConstructorDecl *Ctor) {
  if (const FunctionDecl *Def = Ctor->getDefinition())
    Ctor = cast<CXXConstructorDecl>(Def);
  auto [It, Inserted] = Stored.try_emplace(Ctor);
  if (!Inserted)
    return It->second ? llvm::ArrayRef<StoredField>(*It->second)
                      : llvm::ArrayRef<StoredField>();
  // Absent while being computed: a class holding itself stops here.
  llvm::SmallVector<StoredField, 1> Result;
  for (const CXXCtorInitializer *Init : Ctor->inits()) {
    const FieldDecl *Field = Init->getMember();
    if (!Field || !Init->getInit())
      continue;
    const Symbol *FieldSym = Symbols.variable(Field);
    if (Field->getType()->isPointerType() ||
        Field->getType()->isReferenceType()) {
      if (auto P = parameterOf(Init->getInit()))
        Result.push_back({{FieldSym}, P->first, P->second});
      continue;
    }
    // A member object constructed from our parameters.
    const auto *Construct =
        dyn_cast<CXXConstructExpr>(stripInit(Init->getInit()));
    if (!Construct)
      continue;
    for (const StoredField &Inner : storedFields(Construct->getConstructor())) {
      if (Inner.Param >= Construct->getNumArgs())
        continue;
      auto P = parameterOf(Construct->getArg(Inner.Param));
      if (!P || (P->second && Inner.AddressOf))
        continue;
      StoredField Outer{{FieldSym}, P->first, P->second || Inner.AddressOf};
      Outer.Path.append(Inner.Path.begin(), Inner.Path.end());
      Result.push_back(std::move(Outer));
    }
  }
  Stored[Ctor] = std::move(Result);
  return *Stored[Ctor];
}

llvm::ArrayRef<MemberValue>
LockModel::memberValues(const CXXRecordDecl *Class) {
  Class = Class->getDefinition();
  if (!Class)
    return {};
  auto [It, Inserted] = Members.try_emplace(Class);
  if (!Inserted)
    return It->second ? llvm::ArrayRef<MemberValue>(*It->second)
                      : llvm::ArrayRef<MemberValue>();
  llvm::SmallVector<MemberValue, 1> Result;
  llvm::SmallVector<llvm::SmallVector<const Symbol *, 2>, 1> Conflicting;
  auto Add = [&](MemberValue V) {
    // Different constructors storing different things: know nothing.
    for (MemberValue &Seen : Result)
      if (Seen.Path == V.Path) {
        if (!(Seen.Value == V.Value))
          Conflicting.push_back(V.Path);
        return;
      }
    Result.push_back(std::move(V));
  };
  LockPathBuilder Paths(Symbols, nullptr);
  auto OwnerRelative = [](const std::optional<PathValue> &V) {
    return V && (V->Path.root() == RootKind::This ||
                 V->Path.root() == RootKind::Global);
  };
  for (const CXXConstructorDecl *Ctor : Class->ctors()) {
    const FunctionDecl *Def = Ctor->getDefinition();
    if (!Def || Ctor->isCopyOrMoveConstructor())
      continue;
    for (const CXXCtorInitializer *Init :
         cast<CXXConstructorDecl>(Def)->inits()) {
      const FieldDecl *Field = Init->getMember();
      if (!Field || !Init->getInit())
        continue;
      const Symbol *FieldSym = Symbols.variable(Field);
      if (Field->getType()->isPointerType() ||
          Field->getType()->isReferenceType()) {
        if (std::optional<PathValue> V = Paths.value(Init->getInit());
            OwnerRelative(V))
          Add({{FieldSym}, *V});
        continue;
      }
      const auto *Construct =
          dyn_cast<CXXConstructExpr>(stripInit(Init->getInit()));
      if (!Construct)
        continue;
      for (const StoredField &Inner :
           storedFields(Construct->getConstructor())) {
        if (Inner.Param >= Construct->getNumArgs())
          continue;
        std::optional<PathValue> V =
            Paths.value(Construct->getArg(Inner.Param));
        if (!OwnerRelative(V) || (V->AddressOf && Inner.AddressOf))
          continue;
        V->AddressOf |= Inner.AddressOf;
        MemberValue M{{FieldSym}, *V};
        M.Path.append(Inner.Path.begin(), Inner.Path.end());
        Add(std::move(M));
      }
    }
  }
  llvm::erase_if(Result, [&](const MemberValue &V) {
    return llvm::is_contained(Conflicting, V.Path);
  });
  Members[Class] = std::move(Result);
  return *Members[Class];
}

LockOperandInfo LockModel::operandFor(const Expr *E, LockPathBuilder &Paths) {
  LockOperandInfo Op;
  Op.Lock = canonicalLock(Paths.lockObject(E), E);
  Op.Reentrant = isReentrant(objectType(E->getType()), Op.Lock);
  return Op;
}

llvm::SmallVector<LockOperandInfo, 2>
LockModel::operands(const CallExpr *Call, const FunctionDecl *Callee,
                    const LockFunctionInfo &Info, LockPathBuilder &Paths) {
  llvm::SmallVector<LockOperandInfo, 2> Ops;
  if (Info.FromAttributes && !Info.Capabilities.empty()) {
    // Attribute arguments are written in the callee's terms: build them
    // there and instantiate them at this call.
    LockPathBuilder CalleePaths(Symbols, nullptr);
    CallBindings Bindings = Paths.bindings(Call, Callee);
    for (const Expr *Capability : Info.Capabilities) {
      LockOperandInfo Op;
      Op.Lock = instantiate(CalleePaths.lockObject(Capability), Bindings);
      Op.Reentrant = isReentrant(objectType(Capability->getType()), Op.Lock);
      Ops.push_back(std::move(Op));
    }
    return Ops;
  }
  switch (Info.Operand) {
  case LockOperand::Object:
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      Ops.push_back(operandFor(Member->getImplicitObjectArgument(), Paths));
    break;
  case LockOperand::FirstArgument:
    if (Call->getNumArgs() > 0)
      Ops.push_back(operandFor(Call->getArg(0), Paths));
    break;
  case LockOperand::AllArguments:
    for (const Expr *Arg : Call->arguments())
      Ops.push_back(operandFor(Arg, Paths));
    break;
  }
  return Ops;
}

llvm::SmallVector<LockOperandInfo, 2>
LockModel::guardOperands(const CXXConstructExpr *Construct,
                         LockPathBuilder &Paths, LockCatalog::GuardTag &Tag,
                         LockMode &Mode) {
  llvm::SmallVector<LockOperandInfo, 2> Ops;
  Tag = LockCatalog::GuardTag::None;
  const CXXConstructorDecl *Ctor = Construct->getConstructor();
  const GuardType *Guard = guardType(Construct->getType());
  if (!Guard || Ctor->isCopyOrMoveConstructor())
    return Ops;
  Mode = Guard->Mode;

  if (Ctor->getParent()->hasAttr<ScopedLockableAttr>()) {
    std::optional<LockFunctionInfo> Info = fromAttributes(Ctor);
    if (!Info || Info->Action != LockAction::Acquire)
      return Ops;
    Mode = Info->Mode;
    LockPathBuilder CtorPaths(Symbols, nullptr);
    CallBindings Bindings = Paths.bindings(Construct, std::nullopt);
    for (const Expr *Capability : Info->Capabilities) {
      LockOperandInfo Op;
      Op.Lock = instantiate(CtorPaths.lockObject(Capability), Bindings);
      Op.Reentrant = isReentrant(objectType(Capability->getType()), Op.Lock);
      Ops.push_back(std::move(Op));
    }
    return Ops;
  }

  for (const Expr *Arg : Construct->arguments()) {
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    LockCatalog::GuardTag ArgTag =
        Catalog.classifyTag(recordNameOf(Arg->getType()));
    if (ArgTag != LockCatalog::GuardTag::None) {
      Tag = ArgTag;
      continue;
    }
    if (!Ops.empty() && !Guard->AllArguments) {
      // unique_lock(m, timeout) tries for a while: a try-lock.
      if (Guard->Unique)
        Tag = LockCatalog::GuardTag::Try;
      break;
    }
    Ops.push_back(operandFor(Arg, Paths));
  }
  return Ops;
}

bool LockModel::hasReentrantAttribute(const CXXRecordDecl *RD) {
  // Clang 19 does not know `reentrant_capability` (it arrived in Clang 21)
  // and drops it, so read the class head's tokens, expanding macros such
  // as REENTRANT_CAPABILITY by their definitions.
  RD = RD->getDefinition();
  if (!RD || !RD->isThisDeclarationADefinition())
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = SM.getExpansionLoc(RD->getBeginLoc());
  SourceLocation End = SM.getExpansionLoc(RD->getBraceRange().getBegin());
  if (Begin.isInvalid() || End.isInvalid() ||
      !SM.isBeforeInTranslationUnit(Begin, End))
    return false;
  StringRef Head = Lexer::getSourceText(
      CharSourceRange::getCharRange(Begin, End), SM, Ctx.getLangOpts());
  std::function<bool(StringRef, unsigned)> Mentions = [&](StringRef Text,
                                                          unsigned Depth) {
    while (!Text.empty()) {
      Text = Text.drop_until([](char C) { return isAsciiIdentifierStart(C); });
      StringRef Word =
          Text.take_while([](char C) { return isAsciiIdentifierContinue(C); });
      Text = Text.drop_front(Word.size());
      if (Word.empty())
        break;
      if (Word == "reentrant_capability")
        return true;
      if (!PP || Depth > 4)
        continue;
      const IdentifierInfo *II = PP->getIdentifierInfo(Word);
      const MacroInfo *MI =
          II && II->hasMacroDefinition() ? PP->getMacroInfo(II) : nullptr;
      if (!MI)
        continue;
      for (const Token &T : MI->tokens())
        if (const IdentifierInfo *TII = T.getIdentifierInfo())
          if (Mentions(TII->getName(), Depth + 1))
            return true;
    }
    return false;
  };
  return Mentions(Head, 0);
}

bool LockModel::isReentrant(QualType LockType, const LockPath &Lock) {
  if (const Symbol *Class = Lock.lockClass(); Class && Class->KnownRecursive)
    return true;
  if (LockType.isNull())
    return false;
  const Type *T = LockType.getCanonicalType().getTypePtr();
  auto [It, Inserted] = ReentrantTypes.try_emplace(T, false);
  if (!Inserted)
    return It->second;
  bool Reentrant = false;
  if (const CXXRecordDecl *RD = LockType->getAsCXXRecordDecl())
    Reentrant = Catalog.isRecursiveType(qualifiedNameOf(RD)) ||
                hasReentrantAttribute(RD);
  ReentrantTypes[T] = Reentrant;
  return Reentrant;
}

} // namespace deadlock
