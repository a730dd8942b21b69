//===--- LockGraphTest.cpp - Cycle enumeration and gates -------------------===//

#include "Core/LockGraph.h"
#include "gtest/gtest.h"
#include <set>

using namespace deadlock;

namespace {

class LockGraphTest : public ::testing::Test {
protected:
  SymbolTable Symbols;
  ChainArena Chains;
  LockGraph Graph;
  unsigned NextSite = 1;

  const Symbol &lock(llvm::StringRef Name) {
    return Symbols.create(SymbolKind::Global, Name, Name);
  }
  void edge(const Symbol &From, const Symbol &To,
            llvm::ArrayRef<const Symbol *> AlsoHeld = {},
            LockMode Mode = LockMode::Exclusive) {
    OrderWitness W;
    W.Held.Lock = LockPath::global(&From);
    W.Held.Mode = Mode;
    W.Held.Chain = Chains.operation(Site{NextSite++});
    W.Acquired.Lock = LockPath::global(&To);
    W.Acquired.Mode = Mode;
    W.Acquired.Chain = Chains.operation(Site{NextSite++});
    Graph.addEdge(W, AlsoHeld);
  }
  /// Each cycle as its sequence of node names, starting at its smallest.
  std::set<std::string> cycles(unsigned MaxLength = 6, unsigned MaxCycles = 100,
                               bool *CompleteOut = nullptr) {
    bool Complete = true;
    std::set<std::string> Out;
    for (const auto &Cycle : Graph.cycles(MaxLength, MaxCycles, 100000, Complete)) {
      std::string Text;
      for (const OrderEdge *E : Cycle)
        Text += E->From->Name + ">";
      Out.insert(Text);
    }
    if (CompleteOut)
      *CompleteOut = Complete;
    return Out;
  }
};

TEST_F(LockGraphTest, FindsEachElementaryCycleOnce) {
  const Symbol &A = lock("A"), &B = lock("B"), &C = lock("C");
  edge(A, B);
  edge(B, A);
  edge(B, C);
  edge(C, A);
  EXPECT_EQ(cycles(), (std::set<std::string>{"A>B>", "A>B>C>"}));
}

TEST_F(LockGraphTest, ConsistentOrderHasNoCycle) {
  const Symbol &A = lock("A"), &B = lock("B"), &C = lock("C");
  edge(A, B);
  edge(B, C);
  edge(A, C);
  EXPECT_TRUE(cycles().empty());
}

TEST_F(LockGraphTest, RepeatedWitnessesShareAnEdge) {
  const Symbol &A = lock("A"), &B = lock("B");
  edge(A, B);
  edge(A, B);
  edge(A, B);
  EXPECT_EQ(Graph.edgeCount(), 1u);
  EXPECT_EQ(Graph.edge(&A, &B)->Witnesses.size(), LockGraph::MaxWitnessesPerEdge);
}

TEST_F(LockGraphTest, LengthAndCountAreBounded) {
  std::vector<const Symbol *> Ring;
  for (char C = 'a'; C <= 'h'; ++C)
    Ring.push_back(&lock(std::string(1, C)));
  for (size_t I = 0; I < Ring.size(); ++I)
    edge(*Ring[I], *Ring[(I + 1) % Ring.size()]);
  EXPECT_TRUE(cycles(/*MaxLength=*/6).empty()); // an 8-cycle
  EXPECT_EQ(cycles(/*MaxLength=*/8).size(), 1u);

  const Symbol &X = lock("x"), &Y = lock("y"), &Z = lock("z");
  edge(X, Y);
  edge(Y, X);
  edge(Y, Z);
  edge(Z, Y);
  bool Complete = true;
  EXPECT_EQ(cycles(8, /*MaxCycles=*/1, &Complete).size(), 1u);
  EXPECT_FALSE(Complete);
}

TEST_F(LockGraphTest, GateHeldAtEveryEdgeMakesACycleHarmless) {
  const Symbol &A = lock("A"), &B = lock("B"), &G = lock("G");
  edge(A, B, {&G});
  edge(B, A, {&G});
  bool Complete;
  auto Found = Graph.cycles(6, 100, 100000, Complete);
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_TRUE(isGated(Found[0]));
}

TEST_F(LockGraphTest, AGateMissingFromOneWitnessDoesNotCount) {
  const Symbol &A = lock("A"), &B = lock("B"), &G = lock("G");
  edge(A, B, {&G});
  edge(A, B); // Somewhere A -> B happens without the gate.
  edge(B, A, {&G});
  bool Complete;
  auto Found = Graph.cycles(6, 100, 100000, Complete);
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_FALSE(isGated(Found[0]));
}

} // namespace
