//===--- SummaryIO.cpp ----------------------------------------------------===//

#include "SummaryIO.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSwitch.h"

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace deadlock {

Site LocationTable::add(Location L) {
  auto Key = std::make_tuple(L.File, L.Line, L.Column);
  auto [It, Inserted] = Index.try_emplace(Key, Locations.size());
  if (Inserted)
    Locations.push_back(std::move(L));
  return Site{It->second + 1};
}

Location LocationTable::resolve(Site S) const {
  if (!S.isValid() || S.Raw > Locations.size())
    return {};
  return Locations[S.Raw - 1];
}

namespace {

llvm::StringRef kindName(SymbolKind K) {
  switch (K) {
  case SymbolKind::Field:
    return "field";
  case SymbolKind::Global:
    return "global";
  case SymbolKind::Local:
    return "local";
  case SymbolKind::Parameter:
    return "parameter";
  case SymbolKind::Function:
    return "function";
  }
  llvm_unreachable("symbol kind");
}

llvm::StringRef rootName(RootKind K) {
  switch (K) {
  case RootKind::Global:
    return "global";
  case RootKind::This:
    return "this";
  case RootKind::Parameter:
    return "parameter";
  case RootKind::Local:
    return "local";
  case RootKind::Unknown:
    return "unknown";
  }
  llvm_unreachable("root kind");
}

constexpr std::pair<BlockKind, llvm::StringLiteral> BlockKindNames[] = {
    {BlockKind::ConditionWait, "condition-wait"},
    {BlockKind::Future, "future"},
    {BlockKind::Join, "join"},
    {BlockKind::Semaphore, "semaphore"},
    {BlockKind::Latch, "latch"},
    {BlockKind::Notification, "notification"},
    {BlockKind::ChannelRecv, "channel-receive"},
    {BlockKind::ChannelSend, "channel-send"},
    {BlockKind::Sleep, "sleep"},
    {BlockKind::IO, "io"},
    {BlockKind::Declared, "declared"},
};

llvm::StringRef blockKindName(BlockKind K) {
  for (const auto &[Kind, Name] : BlockKindNames)
    if (Kind == K)
      return Name;
  llvm_unreachable("block kind");
}

llvm::StringRef successName(SuccessValue V) {
  switch (V) {
  case SuccessValue::True:
    return "true";
  case SuccessValue::Zero:
    return "zero";
  case SuccessValue::MinusOne:
    return "minus-one";
  }
  llvm_unreachable("success value");
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

class Writer {
public:
  explicit Writer(const SiteResolver &Sites) : Sites(Sites) {}

  Value write(const ProgramSummaries &Program) {
    Array Functions;
    for (const auto &[F, S] : Program.Functions)
      Functions.push_back(function(S));
    return Object{{"format", "clang-deadlock-summaries"},
                  {"version", SummaryFormatVersion},
                  {"symbols", std::move(Symbols)},
                  {"locations", std::move(Locations)},
                  {"functions", std::move(Functions)}};
  }

private:
  Value symbol(const Symbol *S) {
    if (!S)
      return nullptr;
    auto [It, Inserted] = SymbolIndex.try_emplace(S, Symbols.size());
    if (Inserted) {
      Object O{{"kind", kindName(S->Kind)},
               {"name", S->Name},
               {"qualified", S->QualifiedName},
               {"key", S->Key}};
      if (S->Kind == SymbolKind::Parameter)
        O["param"] = S->ParamIndex;
      if (S->KnownRecursive)
        O["recursive"] = true;
      Symbols.push_back(std::move(O));
    }
    return It->second;
  }

  Value site(Site S) {
    auto [It, Inserted] = SiteIndex.try_emplace(S.Raw, Locations.size());
    if (Inserted) {
      Location L = Sites.resolve(S);
      Locations.push_back(
          Object{{"file", L.File}, {"line", L.Line}, {"column", L.Column}});
    }
    return It->second;
  }

  Value path(const LockPath &P) {
    Array Steps;
    for (const PathStep &S : P.steps()) {
      switch (S.Kind) {
      case StepKind::Field:
        Steps.push_back(Object{{"field", symbol(S.Field)}});
        break;
      case StepKind::Deref:
        Steps.push_back("deref");
        break;
      case StepKind::Index:
        Steps.push_back("index");
        break;
      }
    }
    return Object{{"root", rootName(P.root())},
                  {"symbol", symbol(P.rootSymbol())},
                  {"steps", std::move(Steps)}};
  }

  Value pathValue(const std::optional<PathValue> &V) {
    if (!V)
      return nullptr;
    return Object{{"path", path(V->Path)}, {"addressOf", V->AddressOf}};
  }

  Value chain(const ChainLink *L) {
    Array Links;
    for (; L; L = L->Next)
      Links.push_back(
          Object{{"loc", site(L->Loc)}, {"callee", symbol(L->Callee)}});
    return Links;
  }

  Value held(const HeldLock &H) {
    Object O{{"path", path(H.Lock)},
             {"mode", H.Mode == LockMode::Shared ? "shared" : "exclusive"},
             {"chain", chain(H.Chain)}};
    if (H.Reentrant)
      O["reentrant"] = true;
    if (H.Group)
      O["group"] = H.Group;
    return O;
  }

  Array heldList(llvm::ArrayRef<HeldLock> List) {
    Array A;
    for (const HeldLock &H : List)
      A.push_back(held(H));
    return A;
  }

  Array symbolList(llvm::ArrayRef<const Symbol *> List) {
    Array A;
    for (const Symbol *S : List)
      A.push_back(symbol(S));
    return A;
  }

  /// Keys added within version 1 are written only when they say something.
  void addOptional(Object &O, llvm::StringRef Key,
                   llvm::ArrayRef<const Symbol *> List) {
    if (!List.empty())
      O[Key] = symbolList(List);
  }

  Array pathList(llvm::ArrayRef<LockPath> List) {
    Array A;
    for (const LockPath &P : List)
      A.push_back(path(P));
    return A;
  }

  Value bindings(const CallBindings &B) {
    Array Args, Fields;
    for (const std::optional<PathValue> &Arg : B.Args)
      Args.push_back(pathValue(Arg));
    for (const FieldValue &F : B.ThisFields)
      Fields.push_back(
          Object{{"field", symbol(F.Field)}, {"value", pathValue(F.Value)}});
    return Object{{"this", pathValue(B.This)},
                  {"thisIsCallers", B.ThisIsCallers},
                  {"args", std::move(Args)},
                  {"thisFields", std::move(Fields)}};
  }

  Value finding(const Finding &F) {
    Array Notes;
    for (const Note &N : F.Notes)
      Notes.push_back(Object{{"loc", site(N.Loc)}, {"message", N.Message}});
    return Object{{"check", checkName(F.Check)},
                  {"loc", site(F.Loc)},
                  {"message", F.Message},
                  {"certain", F.Certain},
                  {"io", F.IO},
                  {"notes", std::move(Notes)}};
  }

  Value function(const FunctionSummary &S) {
    Array Acquisitions, Calls, Findings;
    for (const Acquisition &A : S.Acquisitions) {
      Object O{{"lock", held(A.Lock)},
               {"held", heldList(A.Held)},
               {"released", pathList(A.Released)}};
      addOptional(O, "ifNonNull", A.IfNonNull);
      Acquisitions.push_back(std::move(O));
    }
    for (const CallRecord &C : S.Calls) {
      Object O{{"callee", symbol(C.Callee)},
               {"loc", site(C.Loc)},
               {"bindings", bindings(C.Bindings)},
               {"held", heldList(C.Held)},
               {"released", pathList(C.Released)}};
      addOptional(O, "ifNonNull", C.IfNonNull);
      addOptional(O, "freshFrom", C.FreshFrom);
      Calls.push_back(std::move(O));
    }
    for (const Finding &F : S.Findings)
      Findings.push_back(finding(F));
    Array Blocks, Wakes;
    for (const BlockingOp &B : S.Blocks) {
      Object O{{"kind", blockKindName(B.Kind)},
               {"waited", path(B.Waited)},
               {"timed", B.Timed},
               {"blocker", symbol(B.Blocker)},
               {"activity", B.Activity},
               {"finishers", symbolList(B.Finishers)},
               {"chain", chain(B.Chain)},
               {"held", heldList(B.Held)},
               {"released", pathList(B.Released)}};
      if (B.Releases)
        O["releases"] = path(*B.Releases);
      addOptional(O, "ifNonNull", B.IfNonNull);
      Blocks.push_back(std::move(O));
    }
    for (const WakeOp &W : S.Wakes)
      Wakes.push_back(Object{{"kind", blockKindName(W.Kind)},
                             {"woken", path(W.Woken)},
                             {"activity", W.Activity},
                             {"chain", chain(W.Chain)},
                             {"held", heldList(W.Held)},
                             {"released", pathList(W.Released)}});
    Object O{{"symbol", symbol(S.Function)},
             {"loc", site(S.Loc)},
             {"ordersInstances", S.OrdersInstances},
             {"nonBlocking", S.NonBlocking},
             {"internal", S.Internal},
             {"factsOnly", S.FactsOnly},
             {"nonBlockingDescriptors", pathList(S.NonBlockingDescriptors)},
             {"blocks", std::move(Blocks)},
             {"wakes", std::move(Wakes)},
             {"acquisitions", std::move(Acquisitions)},
             {"calls", std::move(Calls)},
             {"exit", Object{{"acquired", heldList(S.Exit.Acquired)},
                             {"released", pathList(S.Exit.Released)},
                             {"tryAcquired", heldList(S.Exit.TryAcquired)},
                             {"success", successName(S.Exit.Success)}}},
             {"findings", std::move(Findings)}};
    if (!S.LeavesNull.empty())
      O["leavesNull"] = Object{{"fields", symbolList(S.LeavesNull.Fields)},
                               {"bases", symbolList(S.LeavesNull.Bases)},
                               {"written", symbolList(S.LeavesNull.Written)}};
    return O;
  }

  const SiteResolver &Sites;
  Array Symbols, Locations;
  llvm::DenseMap<const Symbol *, unsigned> SymbolIndex;
  llvm::DenseMap<uint64_t, unsigned> SiteIndex;
};

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

/// Reads one document. Each method reports the first problem at its JSON
/// path and returns false.
class Reader {
public:
  Reader(ProgramSummaries &Into, LocationTable &Locations)
      : Into(Into), Locations(Locations) {}

  bool read(const Value &Document, llvm::json::Path P) {
    const Object *O = Document.getAsObject();
    if (!O)
      return P.report("expected a summary document (an object)"), false;
    if (O->getString("format") != "clang-deadlock-summaries")
      return P.field("format").report("not a clang-deadlock summary document"),
             false;
    std::optional<int64_t> Version = O->getInteger("version");
    if (!Version || *Version != SummaryFormatVersion)
      return P.field("version").report(
                 "unsupported summary format version (this clang-deadlock "
                 "reads version 1)"),
             false;
    // Groups of std::lock acquisitions are per document; keep them apart.
    GroupBase = Into.NextGroup;
    return list(*O, "symbols", P,
                [&](const Value &V, llvm::json::Path Q) {
                  return readSymbol(V, Q);
                }) &&
           list(*O, "locations", P,
                [&](const Value &V, llvm::json::Path Q) {
                  return readLocation(V, Q);
                }) &&
           list(*O, "functions", P, [&](const Value &V, llvm::json::Path Q) {
             return readFunction(V, Q);
           });
  }

private:
  template <typename Fn>
  bool list(const Object &O, llvm::StringRef Key, llvm::json::Path P, Fn Each) {
    const Array *A = O.getArray(Key);
    if (!A)
      return P.field(Key).report("expected an array"), false;
    for (size_t I = 0; I < A->size(); ++I)
      if (!Each((*A)[I], P.field(Key).index(I)))
        return false;
    return true;
  }

  /// A list of symbol indices; a missing key is an empty list when
  /// \p Optional (keys added within version 1).
  template <typename SymbolVector>
  bool readSymbolList(const Object &O, llvm::StringRef Key, SymbolVector &Out,
                      llvm::json::Path P, bool Optional = false) {
    if (Optional && !O.get(Key))
      return true;
    return list(O, Key, P, [&](const Value &V, llvm::json::Path Q) {
      std::optional<int64_t> I = V.getAsInteger();
      if (!I || *I < 0 || static_cast<size_t>(*I) >= SymbolsByIndex.size())
        return Q.report("expected an index into 'symbols'"), false;
      Out.push_back(SymbolsByIndex[*I]);
      return true;
    });
  }

  const Object *object(const Value &V, llvm::json::Path P) {
    const Object *O = V.getAsObject();
    if (!O)
      P.report("expected an object");
    return O;
  }

  bool string(const Object &O, llvm::StringRef Key, std::string &Out,
              llvm::json::Path P) {
    std::optional<llvm::StringRef> S = O.getString(Key);
    if (!S)
      return P.field(Key).report("expected a string"), false;
    Out = S->str();
    return true;
  }

  bool integer(const Object &O, llvm::StringRef Key, uint64_t &Out,
               llvm::json::Path P, bool Optional = false) {
    const Value *V = O.get(Key);
    if (!V && Optional)
      return true;
    std::optional<int64_t> I = V ? V->getAsInteger() : std::nullopt;
    if (!I || *I < 0)
      return P.field(Key).report("expected a non-negative integer"), false;
    Out = static_cast<uint64_t>(*I);
    return true;
  }

  bool boolean(const Object &O, llvm::StringRef Key, bool &Out,
               llvm::json::Path P) {
    const Value *V = O.get(Key);
    if (!V) {
      Out = false;
      return true;
    }
    std::optional<bool> B = V->getAsBoolean();
    if (!B)
      return P.field(Key).report("expected a boolean"), false;
    Out = *B;
    return true;
  }

  bool readSymbol(const Value &V, llvm::json::Path P) {
    const Object *O = object(V, P);
    std::string Kind, Name, Qualified, Key;
    if (!O || !string(*O, "kind", Kind, P) || !string(*O, "name", Name, P) ||
        !string(*O, "qualified", Qualified, P) || !string(*O, "key", Key, P))
      return false;
    std::optional<SymbolKind> K =
        llvm::StringSwitch<std::optional<SymbolKind>>(Kind)
            .Case("field", SymbolKind::Field)
            .Case("global", SymbolKind::Global)
            .Case("local", SymbolKind::Local)
            .Case("parameter", SymbolKind::Parameter)
            .Case("function", SymbolKind::Function)
            .Default(std::nullopt);
    if (!K)
      return P.field("kind").report("unknown symbol kind"), false;
    Symbol &S = Key.empty()
                    ? Into.Symbols.create(*K, Name, Qualified)
                    : Into.Symbols.getOrCreate(*K, Name, Qualified, Key);
    uint64_t Param = 0;
    bool Recursive = false;
    if (!integer(*O, "param", Param, P, /*Optional=*/true) ||
        !boolean(*O, "recursive", Recursive, P))
      return false;
    S.ParamIndex = static_cast<unsigned>(Param);
    S.KnownRecursive |= Recursive;
    SymbolsByIndex.push_back(&S);
    return true;
  }

  bool readLocation(const Value &V, llvm::json::Path P) {
    const Object *O = object(V, P);
    Location L;
    uint64_t Line = 0, Column = 0;
    if (!O || !string(*O, "file", L.File, P) || !integer(*O, "line", Line, P) ||
        !integer(*O, "column", Column, P))
      return false;
    L.Line = static_cast<unsigned>(Line);
    L.Column = static_cast<unsigned>(Column);
    SitesByIndex.push_back(Locations.add(std::move(L)));
    return true;
  }

  bool symbolRef(const Object &O, llvm::StringRef Key, const Symbol *&Out,
                 llvm::json::Path P) {
    const Value *V = O.get(Key);
    if (!V || V->kind() == Value::Null) {
      Out = nullptr;
      return true;
    }
    std::optional<int64_t> I = V->getAsInteger();
    if (!I || *I < 0 || static_cast<size_t>(*I) >= SymbolsByIndex.size())
      return P.field(Key).report("expected an index into 'symbols'"), false;
    Out = SymbolsByIndex[*I];
    return true;
  }

  bool siteRef(const Object &O, llvm::StringRef Key, Site &Out,
               llvm::json::Path P) {
    std::optional<int64_t> I = O.getInteger(Key);
    if (!I || *I < 0 || static_cast<size_t>(*I) >= SitesByIndex.size())
      return P.field(Key).report("expected an index into 'locations'"), false;
    Out = SitesByIndex[*I];
    return true;
  }

  bool readPath(const Value &V, LockPath &Out, llvm::json::Path P) {
    const Object *O = object(V, P);
    std::string Root;
    const Symbol *Sym = nullptr;
    if (!O || !string(*O, "root", Root, P) || !symbolRef(*O, "symbol", Sym, P))
      return false;
    std::optional<RootKind> K =
        llvm::StringSwitch<std::optional<RootKind>>(Root)
            .Case("global", RootKind::Global)
            .Case("this", RootKind::This)
            .Case("parameter", RootKind::Parameter)
            .Case("local", RootKind::Local)
            .Case("unknown", RootKind::Unknown)
            .Default(std::nullopt);
    if (!K)
      return P.field("root").report("unknown path root"), false;
    if (!Sym && (*K == RootKind::Global || *K == RootKind::Parameter ||
                 *K == RootKind::Local))
      return P.field("symbol").report("this root needs a symbol"), false;
    switch (*K) {
    case RootKind::Global:
      Out = LockPath::global(Sym);
      break;
    case RootKind::This:
      Out = LockPath::thisObject();
      break;
    case RootKind::Parameter:
      Out = LockPath::parameter(Sym);
      break;
    case RootKind::Local:
      Out = LockPath::local(Sym);
      break;
    case RootKind::Unknown:
      Out = LockPath::unknown(Sym);
      break;
    }
    return list(*O, "steps", P, [&](const Value &Step, llvm::json::Path Q) {
      if (std::optional<llvm::StringRef> S = Step.getAsString()) {
        if (*S == "deref")
          return Out = Out.deref(), true;
        if (*S == "index")
          return Out = Out.index(), true;
      } else if (const Object *F = Step.getAsObject()) {
        const Symbol *Field = nullptr;
        if (!symbolRef(*F, "field", Field, Q))
          return false;
        if (Field)
          return Out = Out.field(Field), true;
      }
      return Q.report("expected \"deref\", \"index\" or {\"field\": N}"), false;
    });
  }

  bool readPathValue(const Value &V, std::optional<PathValue> &Out,
                     llvm::json::Path P) {
    if (V.kind() == Value::Null) {
      Out.reset();
      return true;
    }
    const Object *O = object(V, P);
    const Value *Path = O ? member(*O, "path", P) : nullptr;
    if (!Path)
      return false;
    PathValue PV;
    if (!readPath(*Path, PV.Path, P.field("path")) ||
        !boolean(*O, "addressOf", PV.AddressOf, P))
      return false;
    Out = std::move(PV);
    return true;
  }

  bool readChain(const Object &O, const ChainLink *&Out, llvm::json::Path P) {
    const Array *A = O.getArray("chain");
    if (!A || A->empty())
      return P.field("chain").report("expected a non-empty array"), false;
    llvm::SmallVector<std::pair<Site, const Symbol *>, 4> Links;
    // A Path refers to its parent: keep each one alive while it is used.
    llvm::json::Path ChainPath = P.field("chain");
    for (size_t I = 0; I < A->size(); ++I) {
      llvm::json::Path Q = ChainPath.index(I);
      const Object *L = object((*A)[I], Q);
      Site S;
      const Symbol *Callee = nullptr;
      if (!L || !siteRef(*L, "loc", S, Q) ||
          !symbolRef(*L, "callee", Callee, Q))
        return false;
      Links.push_back({S, Callee});
    }
    const ChainLink *Next = nullptr;
    for (auto &[S, Callee] : llvm::reverse(Links))
      Next =
          Callee ? Into.Chains.call(S, Callee, Next) : Into.Chains.operation(S);
    Out = Next;
    return true;
  }

  /// The member \p Key of \p O, reporting its absence.
  const Value *member(const Object &O, llvm::StringRef Key,
                      llvm::json::Path P) {
    const Value *V = O.get(Key);
    if (!V)
      P.field(Key).report("missing");
    return V;
  }

  bool readHeld(const Value &V, HeldLock &Out, llvm::json::Path P) {
    const Object *O = object(V, P);
    const Value *Path = O ? member(*O, "path", P) : nullptr;
    std::string Mode;
    uint64_t Group = 0;
    if (!Path || !readPath(*Path, Out.Lock, P.field("path")) ||
        !string(*O, "mode", Mode, P) ||
        !boolean(*O, "reentrant", Out.Reentrant, P) ||
        !integer(*O, "group", Group, P, /*Optional=*/true) ||
        !readChain(*O, Out.Chain, P))
      return false;
    if (Mode != "exclusive" && Mode != "shared")
      return P.field("mode").report("expected \"exclusive\" or \"shared\""),
             false;
    Out.Mode = Mode == "shared" ? LockMode::Shared : LockMode::Exclusive;
    Out.Group = Group ? static_cast<unsigned>(GroupBase + Group - 1) : 0;
    if (Out.Group >= Into.NextGroup)
      Into.NextGroup = Out.Group + 1;
    return true;
  }

  template <typename Container>
  bool readHeldList(const Object &O, llvm::StringRef Key, Container &Out,
                    llvm::json::Path P) {
    return list(O, Key, P, [&](const Value &V, llvm::json::Path Q) {
      HeldLock H;
      if (!readHeld(V, H, Q))
        return false;
      Out.push_back(std::move(H));
      return true;
    });
  }

  template <typename Container>
  bool readPathList(const Object &O, llvm::StringRef Key, Container &Out,
                    llvm::json::Path P) {
    return list(O, Key, P, [&](const Value &V, llvm::json::Path Q) {
      LockPath Path;
      if (!readPath(V, Path, Q))
        return false;
      Out.push_back(std::move(Path));
      return true;
    });
  }

  bool readBindings(const Value &V, CallBindings &Out, llvm::json::Path P) {
    const Object *O = object(V, P);
    const Value *This = O ? member(*O, "this", P) : nullptr;
    if (!This || !readPathValue(*This, Out.This, P.field("this")) ||
        !boolean(*O, "thisIsCallers", Out.ThisIsCallers, P))
      return false;
    return list(*O, "args", P,
                [&](const Value &Arg, llvm::json::Path Q) {
                  std::optional<PathValue> A;
                  if (!readPathValue(Arg, A, Q))
                    return false;
                  Out.Args.push_back(std::move(A));
                  return true;
                }) &&
           list(*O, "thisFields", P, [&](const Value &F, llvm::json::Path Q) {
             const Object *FO = object(F, Q);
             FieldValue FV;
             std::optional<PathValue> Value;
             const llvm::json::Value *V =
                 FO ? member(*FO, "value", Q) : nullptr;
             if (!V || !symbolRef(*FO, "field", FV.Field, Q) ||
                 !readPathValue(*V, Value, Q.field("value")))
               return false;
             if (!FV.Field || !Value)
               return Q.report("expected a field and its value"), false;
             FV.Value = std::move(*Value);
             Out.ThisFields.push_back(std::move(FV));
             return true;
           });
  }

  bool readBlockKind(const Object &O, BlockKind &Out, llvm::json::Path P) {
    std::string Name;
    if (!string(O, "kind", Name, P))
      return false;
    for (const auto &[Kind, KindName] : BlockKindNames)
      if (KindName == Name) {
        Out = Kind;
        return true;
      }
    return P.field("kind").report("unknown blocking kind"), false;
  }

  bool readBlock(const Value &V, BlockingOp &Out, llvm::json::Path P) {
    const Object *O = object(V, P);
    const Value *Waited = O ? member(*O, "waited", P) : nullptr;
    if (!Waited || !readBlockKind(*O, Out.Kind, P) ||
        !readPath(*Waited, Out.Waited, P.field("waited")) ||
        !boolean(*O, "timed", Out.Timed, P) ||
        !symbolRef(*O, "blocker", Out.Blocker, P) ||
        !string(*O, "activity", Out.Activity, P) ||
        !readChain(*O, Out.Chain, P) ||
        !readHeldList(*O, "held", Out.Held, P) ||
        !readPathList(*O, "released", Out.Released, P))
      return false;
    if (!Out.Blocker)
      return P.field("blocker").report("expected a function symbol"), false;
    if (const Value *Releases = O->get("releases")) {
      LockPath Mutex;
      if (!readPath(*Releases, Mutex, P.field("releases")))
        return false;
      Out.Releases = std::move(Mutex);
    }
    return readSymbolList(*O, "finishers", Out.Finishers, P) &&
           readSymbolList(*O, "ifNonNull", Out.IfNonNull, P, /*Optional=*/true);
  }

  bool readWake(const Value &V, WakeOp &Out, llvm::json::Path P) {
    const Object *O = object(V, P);
    const Value *Woken = O ? member(*O, "woken", P) : nullptr;
    return Woken && readBlockKind(*O, Out.Kind, P) &&
           readPath(*Woken, Out.Woken, P.field("woken")) &&
           string(*O, "activity", Out.Activity, P) &&
           readChain(*O, Out.Chain, P) &&
           readHeldList(*O, "held", Out.Held, P) &&
           readPathList(*O, "released", Out.Released, P);
  }

  bool readFinding(const Value &V, Finding &Out, llvm::json::Path P) {
    const Object *O = object(V, P);
    std::string Check;
    if (!O || !string(*O, "check", Check, P) ||
        !siteRef(*O, "loc", Out.Loc, P) ||
        !string(*O, "message", Out.Message, P) ||
        !boolean(*O, "certain", Out.Certain, P) ||
        !boolean(*O, "io", Out.IO, P))
      return false;
    std::optional<CheckKind> K;
    for (CheckKind C : {CheckKind::DoubleLock, CheckKind::RecursiveSharedLock,
                        CheckKind::MissingUnlock, CheckKind::LockOrderInversion,
                        CheckKind::BlockingUnderLock, CheckKind::AnalysisLimit})
      if (checkName(C) == Check)
        K = C;
    if (!K)
      return P.field("check").report("unknown check"), false;
    Out.Check = *K;
    return list(*O, "notes", P, [&](const Value &N, llvm::json::Path Q) {
      const Object *NO = object(N, Q);
      Note Item;
      if (!NO || !siteRef(*NO, "loc", Item.Loc, Q) ||
          !string(*NO, "message", Item.Message, Q))
        return false;
      Out.Notes.push_back(std::move(Item));
      return true;
    });
  }

  bool readLeavesNull(const Object &O, NullFieldFacts &Out,
                      llvm::json::Path P) {
    const Value *V = O.get("leavesNull");
    if (!V)
      return true;
    const Object *L = object(*V, P.field("leavesNull"));
    return L &&
           readSymbolList(*L, "fields", Out.Fields, P.field("leavesNull")) &&
           readSymbolList(*L, "bases", Out.Bases, P.field("leavesNull")) &&
           readSymbolList(*L, "written", Out.Written, P.field("leavesNull"));
  }

  bool readFunction(const Value &V, llvm::json::Path P) {
    const Object *O = object(V, P);
    FunctionSummary S;
    if (!O || !symbolRef(*O, "symbol", S.Function, P) ||
        !siteRef(*O, "loc", S.Loc, P) ||
        !boolean(*O, "ordersInstances", S.OrdersInstances, P) ||
        !boolean(*O, "nonBlocking", S.NonBlocking, P) ||
        !boolean(*O, "internal", S.Internal, P) ||
        // Added within version 1: optional.
        (O->get("factsOnly") && !boolean(*O, "factsOnly", S.FactsOnly, P)))
      return false;
    if (!S.Function || S.Function->Kind != SymbolKind::Function)
      return P.field("symbol").report("expected a function symbol"), false;
    const Object *Exit = O->getObject("exit");
    if (!Exit)
      return P.field("exit").report("expected an object"), false;
    std::string Success;
    bool Ok =
        list(*O, "acquisitions", P,
             [&](const Value &A, llvm::json::Path Q) {
               const Object *AO = object(A, Q);
               Acquisition Acq;
               const Value *Lock = AO ? member(*AO, "lock", Q) : nullptr;
               if (!Lock || !readHeld(*Lock, Acq.Lock, Q.field("lock")) ||
                   !readHeldList(*AO, "held", Acq.Held, Q) ||
                   !readPathList(*AO, "released", Acq.Released, Q) ||
                   !readSymbolList(*AO, "ifNonNull", Acq.IfNonNull, Q,
                                   /*Optional=*/true))
                 return false;
               S.Acquisitions.push_back(std::move(Acq));
               return true;
             }) &&
        list(*O, "calls", P,
             [&](const Value &C, llvm::json::Path Q) {
               const Object *CO = object(C, Q);
               CallRecord Call;
               const Value *Bindings =
                   CO ? member(*CO, "bindings", Q) : nullptr;
               if (!Bindings || !symbolRef(*CO, "callee", Call.Callee, Q) ||
                   !siteRef(*CO, "loc", Call.Loc, Q) ||
                   !readBindings(*Bindings, Call.Bindings,
                                 Q.field("bindings")) ||
                   !readHeldList(*CO, "held", Call.Held, Q) ||
                   !readPathList(*CO, "released", Call.Released, Q) ||
                   !readSymbolList(*CO, "ifNonNull", Call.IfNonNull, Q,
                                   /*Optional=*/true) ||
                   !readSymbolList(*CO, "freshFrom", Call.FreshFrom, Q,
                                   /*Optional=*/true))
                 return false;
               S.Calls.push_back(std::move(Call));
               return true;
             }) &&
        readHeldList(*Exit, "acquired", S.Exit.Acquired, P.field("exit")) &&
        readPathList(*Exit, "released", S.Exit.Released, P.field("exit")) &&
        readHeldList(*Exit, "tryAcquired", S.Exit.TryAcquired,
                     P.field("exit")) &&
        string(*Exit, "success", Success, P.field("exit")) &&
        list(*O, "blocks", P,
             [&](const Value &B, llvm::json::Path Q) {
               BlockingOp Op;
               if (!readBlock(B, Op, Q))
                 return false;
               S.Blocks.push_back(std::move(Op));
               return true;
             }) &&
        list(*O, "wakes", P,
             [&](const Value &W, llvm::json::Path Q) {
               WakeOp Op;
               if (!readWake(W, Op, Q))
                 return false;
               S.Wakes.push_back(std::move(Op));
               return true;
             }) &&
        list(*O, "findings", P,
             [&](const Value &F, llvm::json::Path Q) {
               Finding Item;
               if (!readFinding(F, Item, Q))
                 return false;
               S.Findings.push_back(std::move(Item));
               return true;
             }) &&
        // Added within version 1: optional.
        (!O->get("nonBlockingDescriptors") ||
         readPathList(*O, "nonBlockingDescriptors", S.NonBlockingDescriptors,
                      P)) &&
        readLeavesNull(*O, S.LeavesNull, P);
    if (!Ok)
      return false;
    std::optional<SuccessValue> SV =
        llvm::StringSwitch<std::optional<SuccessValue>>(Success)
            .Case("true", SuccessValue::True)
            .Case("zero", SuccessValue::Zero)
            .Case("minus-one", SuccessValue::MinusOne)
            .Default(std::nullopt);
    if (!SV)
      return P.field("exit").field("success").report("unknown success value"),
             false;
    S.Exit.Success = *SV;
    // A function summarised by several translation units (inline, in a
    // header) keeps its first summary, unless that one had only its calls
    // out of its unit.
    auto [It, Inserted] =
        Into.Functions.insert({S.Function, FunctionSummary()});
    if (Inserted || (It->second.FactsOnly && !S.FactsOnly))
      It->second = std::move(S);
    return true;
  }

  ProgramSummaries &Into;
  LocationTable &Locations;
  std::vector<Symbol *> SymbolsByIndex;
  std::vector<Site> SitesByIndex;
  unsigned GroupBase = 0;
};

} // namespace

Value writeSummaries(const ProgramSummaries &Program,
                     const SiteResolver &Sites) {
  return Writer(Sites).write(Program);
}

llvm::Error readSummaries(const Value &Document, ProgramSummaries &Into,
                          LocationTable &Locations) {
  llvm::json::Path::Root Root("summary");
  if (Reader(Into, Locations).read(Document, Root))
    return llvm::Error::success();
  return Root.getError();
}

} // namespace deadlock
