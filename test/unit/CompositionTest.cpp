//===--- CompositionTest.cpp - Composing hand-written summaries ------------===//
//
// Summaries built by hand, as a reader of summary files would produce them:
// no compiler involved.
//
//===----------------------------------------------------------------------===//

#include "Core/Composition.h"
#include "gtest/gtest.h"

using namespace deadlock;

namespace {

class Collecting : public DeadlockHandler {
public:
  std::vector<Finding> Findings;
  void handleFinding(const Finding &F) override { Findings.push_back(F); }
};

class CompositionTest : public ::testing::Test {
protected:
  ProgramSummaries P;
  unsigned NextSite = 1;

  Site site() { return Site{NextSite++}; }
  const Symbol &function(llvm::StringRef Name, bool Internal = false) {
    const Symbol &F = P.Symbols.create(SymbolKind::Function, Name, Name);
    FunctionSummary &S = P.Functions[&F];
    S.Function = &F;
    S.Loc = site();
    S.Internal = Internal;
    return F;
  }
  FunctionSummary &summary(const Symbol &F) { return P.Functions[&F]; }
  const Symbol &global(llvm::StringRef Name) {
    return P.Symbols.create(SymbolKind::Global, Name, Name);
  }
  HeldLock held(const Symbol &Lock, LockMode Mode = LockMode::Exclusive) {
    HeldLock H;
    H.Lock = LockPath::global(&Lock);
    H.Mode = Mode;
    H.Chain = P.Chains.operation(site());
    return H;
  }
  /// F acquires Lock while holding Held.
  void acquires(const Symbol &F, const Symbol &Lock,
                std::initializer_list<const Symbol *> Held = {},
                LockMode Mode = LockMode::Exclusive) {
    Acquisition A;
    A.Lock = held(Lock, Mode);
    for (const Symbol *H : Held)
      A.Held.push_back(held(*H));
    summary(F).Acquisitions.push_back(A);
  }
  /// F calls Callee while holding Held.
  void calls(const Symbol &F, const Symbol &Callee,
             std::initializer_list<const Symbol *> Held = {},
             LockMode Mode = LockMode::Exclusive) {
    CallRecord C;
    C.Callee = &Callee;
    C.Loc = site();
    for (const Symbol *H : Held)
      C.Held.push_back(held(*H, Mode));
    summary(F).Calls.push_back(C);
  }
  std::vector<Finding> compose(const CompositionLimits &Limits = {}) {
    Collecting H;
    reportFindings(P, H, Limits);
    return H.Findings;
  }
};

TEST_F(CompositionTest, DoubleLockThroughAChainOfCalls) {
  const Symbol &Mu = global("Mu");
  const Symbol &Top = function("top"), &Mid = function("mid"),
               &Leaf = function("leaf");
  acquires(Leaf, Mu);
  calls(Mid, Leaf);
  calls(Top, Mid, {&Mu});
  std::vector<Finding> Found = compose();
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Found[0].Check, CheckKind::DoubleLock);
  std::vector<std::string> Notes;
  for (const Note &N : Found[0].Notes)
    Notes.push_back(N.Message);
  EXPECT_EQ(Notes, (std::vector<std::string>{
                       "'Mu' first acquired here",
                       "'Mu' acquired again in call to 'mid' here",
                       "in call to 'leaf' here", "'Mu' acquired here"}));
}

TEST_F(CompositionTest, SharedTwiceThroughACallIsRecursiveShared) {
  const Symbol &Rw = global("Rw");
  const Symbol &Values = function("Values"), &Size = function("Size");
  acquires(Size, Rw, {}, LockMode::Shared);
  calls(Values, Size, {&Rw}, LockMode::Shared);
  std::vector<Finding> Found = compose();
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Found[0].Check, CheckKind::RecursiveSharedLock);
}

TEST_F(CompositionTest, InversionAcrossFunctionsIsOneCycle) {
  const Symbol &A = global("A"), &B = global("B");
  const Symbol &F = function("f"), &G = function("g"), &TakeB = function("takeB");
  acquires(TakeB, B);
  calls(F, TakeB, {&A}); // A -> B through a call
  acquires(G, A, {&B});  // B -> A
  std::vector<Finding> Found = compose();
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Found[0].Check, CheckKind::LockOrderInversion);
  EXPECT_EQ(Found[0].Notes.size(), 5u); // 2 for B -> A, 3 for A -> call -> B
}

TEST_F(CompositionTest, RecursionReachesAFixpoint) {
  const Symbol &A = global("A"), &B = global("B");
  const Symbol &Even = function("even"), &Odd = function("odd"),
               &Other = function("other");
  acquires(Even, A);
  calls(Even, Odd, {&A});
  calls(Odd, Even);
  acquires(Odd, B);
  acquires(Other, A, {&B}); // B -> A; Even gives A -> B through Odd
  std::vector<Finding> Found = compose();
  bool Inversion = false, DoubleLock = false;
  for (const Finding &F : Found) {
    Inversion |= F.Check == CheckKind::LockOrderInversion;
    // even -> odd -> even takes A again while holding it.
    DoubleLock |= F.Check == CheckKind::DoubleLock;
  }
  EXPECT_TRUE(Inversion);
  EXPECT_TRUE(DoubleLock);
}

TEST_F(CompositionTest, RecursionStoppedAtItsBoundIsReported) {
  const Symbol &A = global("A"), &B = global("B");
  const Symbol &Even = function("even"), &Odd = function("odd");
  acquires(Even, A);
  calls(Even, Odd, {&A});
  calls(Odd, Even, {&B});
  acquires(Odd, B);
  CompositionLimits OnePass;
  OnePass.MaxRecursionRounds = 1;
  std::vector<Finding> Found = compose(OnePass);
  auto Limit = llvm::find_if(Found, [](const Finding &F) {
    return F.Check == CheckKind::AnalysisLimit;
  });
  ASSERT_NE(Limit, Found.end());
  EXPECT_NE(Limit->Message.find("stopped at the limit of 1 passes over a "
                                "recursive cycle of 2 functions"),
            std::string::npos)
      << Limit->Message;
  // With the default bound it converges silently.
  for (const Finding &F : compose())
    EXPECT_NE(F.Check, CheckKind::AnalysisLimit) << F.Message;
}

TEST_F(CompositionTest, AGateMustBeTakenBeforeTheEdge) {
  const Symbol &A = global("A"), &B = global("B"), &G = global("G");
  const Symbol &F = function("f"), &H = function("h");
  // f: A, then G, then B: G does not keep another thread out of A -> B.
  acquires(F, G, {&A});
  acquires(F, B, {&A, &G});
  // h: G, then B, then A.
  acquires(H, B, {&G});
  acquires(H, A, {&G, &B});
  unsigned Inversions = 0;
  for (const Finding &Found : compose())
    Inversions += Found.Check == CheckKind::LockOrderInversion;
  // A -> G -> A, A -> G -> B -> A, and A -> B -> A: G is held on both of
  // the last one's edges, but was taken after A in f.
  EXPECT_EQ(Inversions, 3u);
}

TEST_F(CompositionTest, InternalHelpersCalledUnderAGateAreGated) {
  const Symbol &C = global("C"), &D = global("D"), &Gate = global("Gate");
  const Symbol &CD = function("cdHelper", /*Internal=*/true),
               &DC = function("dcHelper", /*Internal=*/true);
  acquires(CD, D, {&C});
  acquires(DC, C, {&D});
  const Symbol &X = function("x"), &Y = function("y");
  calls(X, CD, {&Gate});
  calls(Y, DC, {&Gate});
  EXPECT_TRUE(compose().empty());

  // An external helper could be called from anywhere: no gate.
  summary(CD).Internal = false;
  ASSERT_EQ(compose().size(), 1u);
}

TEST_F(CompositionTest, LocksReleasedByTheCalleeAreNotHeldAcrossIt) {
  const Symbol &Mu = global("Mu");
  const Symbol &F = function("f"), &Relock = function("relock");
  // relock() releases the caller's Mu, then takes it again.
  Acquisition A;
  A.Lock = held(Mu);
  A.Released.push_back(LockPath::global(&Mu));
  summary(Relock).Acquisitions.push_back(A);
  calls(F, Relock, {&Mu});
  EXPECT_TRUE(compose().empty());
}

} // namespace
