//===--- LockPathTest.cpp - Lock paths: spelling, identity, instantiation --===//

#include "Core/LockPath.h"
#include "gtest/gtest.h"

using namespace deadlock;

namespace {

class LockPathTest : public ::testing::Test {
protected:
  SymbolTable Symbols;
  const Symbol &Mu = Symbols.create(SymbolKind::Field, "mu_", "Account::mu_");
  const Symbol &Cache = Symbols.create(SymbolKind::Field, "cache_", "Db::cache_");
  const Symbol &Shards = Symbols.create(SymbolKind::Field, "shards_", "Db::shards_");
  const Symbol &GlobalMu = Symbols.create(SymbolKind::Global, "g_mu", "ns::g_mu");
  const Symbol &Acct = param("acct", 0);
  const Symbol &Other = param("other", 1);
  const Symbol &Local = Symbols.create(SymbolKind::Local, "m", "f()::m");
  const Symbol &Getter = Symbols.create(SymbolKind::Function, "GetLock", "GetLock");

  const Symbol &param(llvm::StringRef Name, unsigned Index) {
    Symbol &S = Symbols.create(SymbolKind::Parameter, Name, Name);
    S.ParamIndex = Index;
    return S;
  }
};

TEST_F(LockPathTest, SpellsPathsTheWayCodeWritesThem) {
  EXPECT_EQ(LockPath::thisObject().field(&Mu).str(), "this->mu_");
  EXPECT_EQ(LockPath::parameter(&Acct).deref().field(&Mu).str(), "acct->mu_");
  EXPECT_EQ(LockPath::parameter(&Acct).field(&Mu).str(), "acct.mu_");
  EXPECT_EQ(LockPath::global(&GlobalMu).str(), "ns::g_mu");
  EXPECT_EQ(LockPath::thisObject().field(&Shards).index().field(&Mu).str(),
            "this->shards_[*].mu_");
  EXPECT_EQ(LockPath::parameter(&Acct).deref().str(), "*acct");
  EXPECT_EQ(LockPath::thisObject().str(), "*this");
  EXPECT_EQ(LockPath::unknown(&Getter).str(), "GetLock()");
  EXPECT_EQ(LockPath::unknown(&Mu).str(), "Account::mu_");
}

TEST_F(LockPathTest, OnlyNameablePathsArePrecise) {
  EXPECT_TRUE(LockPath::thisObject().field(&Mu).isPrecise());
  EXPECT_TRUE(LockPath::local(&Local).isPrecise());
  EXPECT_FALSE(LockPath::thisObject().field(&Shards).index().field(&Mu).isPrecise());
  EXPECT_FALSE(LockPath::unknown(&Getter).isPrecise());
}

TEST_F(LockPathTest, LockClassIsTheOwningDeclaration) {
  EXPECT_EQ(LockPath::parameter(&Acct).deref().field(&Mu).lockClass(), &Mu);
  EXPECT_EQ(LockPath::global(&GlobalMu).lockClass(), &GlobalMu);
  EXPECT_EQ(LockPath::thisObject().field(&Shards).index().lockClass(), &Shards);
  EXPECT_EQ(LockPath::thisObject().lockClass(), nullptr);
}

TEST_F(LockPathTest, EqualityIsStructural) {
  LockPath A = LockPath::thisObject().field(&Cache).field(&Mu);
  LockPath B = LockPath::thisObject().field(&Cache).field(&Mu);
  EXPECT_EQ(A, B);
  EXPECT_EQ(hash_value(A), hash_value(B));
  EXPECT_NE(A, LockPath::thisObject().field(&Mu));
  EXPECT_NE(LockPath::parameter(&Acct).field(&Mu),
            LockPath::parameter(&Other).field(&Mu));
  EXPECT_TRUE(LockPath::global(&GlobalMu) < LockPath::thisObject() ||
              LockPath::thisObject() < LockPath::global(&GlobalMu));
}

TEST_F(LockPathTest, InstantiatesThisWithTheCallersObject) {
  // Callee `void Account::lock() { mu_.lock(); }` called as `acct->lock()`.
  CallBindings Call;
  Call.This = PathValue{LockPath::parameter(&Acct).deref(), false};
  EXPECT_EQ(instantiate(LockPath::thisObject().field(&Mu), Call).str(),
            "acct->mu_");
}

TEST_F(LockPathTest, InstantiatesPointerParametersGivenAnAddress) {
  // Callee `void f(Account *a) { a->mu_.lock(); }` called as `f(&local)`.
  CallBindings Call;
  Call.Args.push_back(PathValue{LockPath::local(&Local), true});
  EXPECT_EQ(instantiate(LockPath::parameter(&Acct).deref().field(&Mu), Call),
            LockPath::local(&Local).field(&Mu));
}

TEST_F(LockPathTest, InstantiatesPointerParametersGivenAPointer) {
  // Callee `void f(Account *a)` called as `f(other)` with `other` a pointer.
  CallBindings Call;
  Call.Args.push_back(PathValue{LockPath::parameter(&Other), false});
  EXPECT_EQ(
      instantiate(LockPath::parameter(&Acct).deref().field(&Mu), Call).str(),
      "other->mu_");
}

TEST_F(LockPathTest, KeepsGlobalsAndClosureThis) {
  CallBindings Call;
  EXPECT_EQ(instantiate(LockPath::global(&GlobalMu), Call),
            LockPath::global(&GlobalMu));
  Call.ThisIsCallers = true;
  EXPECT_EQ(instantiate(LockPath::thisObject().field(&Mu), Call),
            LockPath::thisObject().field(&Mu));
}

TEST_F(LockPathTest, UnboundRootsBecomeUnknownButKeepTheirClass) {
  CallBindings Call; // Nothing bound.
  LockPath P = instantiate(LockPath::parameter(&Acct).deref().field(&Mu), Call);
  EXPECT_TRUE(P.isUnknown());
  EXPECT_EQ(P.lockClass(), &Mu);
}

TEST_F(LockPathTest, OverlongPathsAreCutToUnknown) {
  // Instantiating `n->next->mu` through recursion must stay finite.
  LockPath P = LockPath::parameter(&Acct);
  for (unsigned I = 0; I < LockPath::MaxSteps; ++I)
    P = P.deref();
  EXPECT_FALSE(P.isUnknown());
  EXPECT_TRUE(P.field(&Mu).isUnknown());
  EXPECT_EQ(P.field(&Mu).lockClass(), &Mu);
}

} // namespace
