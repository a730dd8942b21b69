//===--- LockPath.cpp -----------------------------------------------------===//

#include "LockPath.h"
#include "Site.h"
#include <tuple>

namespace deadlock {

SiteResolver::~SiteResolver() = default;

Symbol &SymbolTable::create(SymbolKind Kind, llvm::StringRef Name,
                            llvm::StringRef QualifiedName,
                            llvm::StringRef Key) {
  Symbol &S = Storage.emplace_back();
  S.Kind = Kind;
  S.Name = Name.str();
  S.QualifiedName = QualifiedName.str();
  S.Key = Key.str();
  if (!Key.empty())
    ByKey.try_emplace(Key, &S);
  return S;
}

Symbol &SymbolTable::getOrCreate(SymbolKind Kind, llvm::StringRef Name,
                                 llvm::StringRef QualifiedName,
                                 llvm::StringRef Key) {
  if (Symbol *Existing = lookup(Key))
    return *Existing;
  return create(Kind, Name, QualifiedName, Key);
}

LockPath LockPath::append(llvm::ArrayRef<PathStep> More) const {
  if (Steps.size() + More.size() > MaxSteps) {
    // Keep the class of the lock the longer path would have named.
    for (const PathStep &S : llvm::reverse(More))
      if (S.Kind == StepKind::Field)
        return unknown(S.Field);
    return unknown(lockClass());
  }
  LockPath P = *this;
  P.Steps.append(More.begin(), More.end());
  return P;
}

LockPath LockPath::prefix(size_t N) const {
  LockPath P(Root, RootSym);
  P.Steps.append(Steps.begin(), Steps.begin() + std::min(N, Steps.size()));
  return P;
}

LockPath LockPath::field(const Symbol *F) const {
  return append(PathStep{StepKind::Field, F});
}
LockPath LockPath::deref() const { return append(PathStep{StepKind::Deref}); }
LockPath LockPath::index() const { return append(PathStep{StepKind::Index}); }

bool LockPath::isPrecise() const {
  if (Root == RootKind::Unknown)
    return false;
  for (const PathStep &S : Steps)
    if (S.Kind == StepKind::Index)
      return false;
  return true;
}

const Symbol *LockPath::lockClass() const {
  for (const PathStep &S : llvm::reverse(Steps))
    if (S.Kind == StepKind::Field && !S.Field->Wrapped)
      return S.Field;
  // Only wrapper members on the way. `g.mtx` with a global wrapper `g` is
  // of class `g`; `this->mtx` in the wrapper's own methods keeps its own
  // class (its callers see the field that holds the wrapper), and so does
  // `w.mtx` of a wrapper `w` a parameter or local names: any instance.
  if (Root != RootKind::Global && Root != RootKind::Unknown)
    for (const PathStep &S : llvm::reverse(Steps))
      if (S.Kind == StepKind::Field)
        return S.Field;
  return RootSym;
}

std::string LockPath::str() const {
  // A lock reached through something unnameable (`*it`, a loop's pointer)
  // is best described by its class.
  if (Root == RootKind::Unknown && !RootSym)
    if (const Symbol *Class = lockClass())
      return Class->QualifiedName.empty() ? Class->Name : Class->QualifiedName;
  std::string Out;
  // `this` is a pointer: the first field after it is spelled with `->`.
  bool PendingDeref = false;
  switch (Root) {
  case RootKind::This:
    Out = "this";
    PendingDeref = true;
    break;
  case RootKind::Global:
    Out =
        RootSym->QualifiedName.empty() ? RootSym->Name : RootSym->QualifiedName;
    break;
  case RootKind::Parameter:
  case RootKind::Local:
    Out = RootSym->Name;
    break;
  case RootKind::Unknown:
    // An unnameable lock is spelled by its origin: the function that
    // returned it, or its class when instantiation lost the path.
    if (!RootSym)
      Out = "<unknown>";
    else if (RootSym->Kind == SymbolKind::Function)
      Out = RootSym->Name + "()";
    else
      Out = RootSym->QualifiedName;
    break;
  }
  for (const PathStep &S : Steps) {
    switch (S.Kind) {
    case StepKind::Deref:
      if (PendingDeref)
        Out = "(*" + Out + ")";
      PendingDeref = true;
      break;
    case StepKind::Field:
      Out += PendingDeref ? "->" : ".";
      Out += S.Field->Name;
      PendingDeref = false;
      break;
    case StepKind::Index:
      if (PendingDeref && Root != RootKind::This)
        Out = "(*" + Out + ")";
      Out += "[*]";
      PendingDeref = false;
      break;
    }
  }
  if (PendingDeref && Root != RootKind::This)
    Out = "*" + Out;
  else if (PendingDeref && Steps.empty())
    Out = "*this";
  return Out;
}

bool operator<(const LockPath &A, const LockPath &B) {
  auto Key = [](const PathStep &S) { return std::make_tuple(S.Kind, S.Field); };
  if (A.Root != B.Root)
    return A.Root < B.Root;
  if (A.RootSym != B.RootSym)
    return std::less<const Symbol *>()(A.RootSym, B.RootSym);
  return std::lexicographical_compare(
      A.Steps.begin(), A.Steps.end(), B.Steps.begin(), B.Steps.end(),
      [&](const PathStep &X, const PathStep &Y) { return Key(X) < Key(Y); });
}

llvm::hash_code hash_value(const LockPath &P) {
  llvm::hash_code H = llvm::hash_combine(P.Root, P.RootSym);
  for (const PathStep &S : P.Steps)
    H = llvm::hash_combine(H, S.Kind, S.Field);
  return H;
}

/// The path \p Rest reaches from \p Value: through the pointer if Value is
/// an address, else from the object.
static std::optional<LockPath> follow(const PathValue &Value,
                                      llvm::ArrayRef<PathStep> Rest) {
  if (Value.AddressOf) {
    // The callee dereferences the pointer it was given: `p->mu` with
    // `p = &acct` is `acct.mu`.
    if (Rest.empty() || Rest.front().Kind != StepKind::Deref)
      return std::nullopt;
    Rest = Rest.drop_front();
  }
  return Value.Path.append(Rest);
}

LockPath instantiate(const LockPath &CalleePath, const CallBindings &Call) {
  llvm::ArrayRef<PathStep> Steps = CalleePath.steps();
  if (CalleePath.root() == RootKind::This && !Steps.empty() &&
      Steps.front().Kind == StepKind::Field)
    for (const FieldValue &Known : Call.ThisFields)
      if (Known.Field == Steps.front().Field)
        if (std::optional<LockPath> P = follow(Known.Value, Steps.drop_front()))
          return *P;
  const std::optional<PathValue> *Bound = nullptr;
  switch (CalleePath.root()) {
  case RootKind::Global:
  case RootKind::Local:
  case RootKind::Unknown:
    return CalleePath;
  case RootKind::This:
    if (Call.ThisIsCallers)
      return CalleePath;
    Bound = &Call.This;
    break;
  case RootKind::Parameter: {
    unsigned Index = CalleePath.rootSymbol()->ParamIndex;
    if (Index >= Call.Args.size())
      return LockPath::unknown(CalleePath.lockClass());
    Bound = &Call.Args[Index];
    break;
  }
  }
  if (!*Bound)
    return LockPath::unknown(CalleePath.lockClass());
  if (std::optional<LockPath> P = follow(**Bound, Steps))
    return *P;
  return LockPath::unknown(CalleePath.lockClass());
}

} // namespace deadlock
