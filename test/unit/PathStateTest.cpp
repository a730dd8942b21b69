//===--- PathStateTest.cpp - Lockset joins and path pruning ---------------===//

#include "Core/PathState.h"
#include "gtest/gtest.h"

using namespace deadlock;

namespace {

class PathStateTest : public ::testing::Test {
protected:
  SymbolTable Symbols;
  const Symbol &A = Symbols.create(SymbolKind::Global, "a", "a");
  const Symbol &B = Symbols.create(SymbolKind::Global, "b", "b");

  static HeldLock held(const Symbol &S, LockMode Mode = LockMode::Exclusive) {
    HeldLock H;
    H.Lock = LockPath::global(&S);
    H.Mode = Mode;
    return H;
  }
  static BranchTest factTest(unsigned Atom, bool Polarity = true) {
    BranchTest T;
    T.TestKind = BranchTest::Fact;
    T.Atom = Atom;
    T.Polarity = Polarity;
    return T;
  }
};

TEST_F(PathStateTest, JoinKeepsPathsWithDifferentLocksApart) {
  PathState Locked, Unlocked;
  Locked.Held.push_back(held(A));
  Locked.setFact(1, true);
  Unlocked.setFact(1, false);
  PathSet Joined;
  mergePath(Joined, Locked);
  mergePath(Joined, Unlocked);
  ASSERT_EQ(Joined.size(), 2u);
  EXPECT_EQ(Joined[0].fact(1), std::optional<bool>(true));
  EXPECT_EQ(Joined[1].fact(1), std::optional<bool>(false));
}

TEST_F(PathStateTest, JoinMergesSameLocksAndKeepsOnlyAgreedFacts) {
  PathState X, Y;
  X.Held.push_back(held(A));
  Y.Held.push_back(held(A));
  X.setFact(1, true);
  X.setFact(2, true);
  Y.setFact(1, true);
  Y.setFact(2, false);
  PathSet Joined;
  mergePath(Joined, X);
  mergePath(Joined, Y);
  ASSERT_EQ(Joined.size(), 1u);
  EXPECT_EQ(Joined[0].fact(1), std::optional<bool>(true));
  EXPECT_EQ(Joined[0].fact(2), std::nullopt);
}

TEST_F(PathStateTest, ModeAndOrderDistinguishLocksets) {
  PathState Exclusive, Shared, AB, BA;
  Exclusive.Held.push_back(held(A));
  Shared.Held.push_back(held(A, LockMode::Shared));
  EXPECT_FALSE(Exclusive.sameShape(Shared));
  AB.Held = {held(A), held(B)};
  BA.Held = {held(B), held(A)};
  EXPECT_FALSE(AB.sameShape(BA));
}

TEST_F(PathStateTest, CorrelatedBranchIsPruned) {
  // if (c) a.lock(); ... if (c) a.unlock();
  PathState Locked;
  Locked.Held.push_back(held(A));
  ASSERT_TRUE(Locked.assume(factTest(7), /*Branch=*/true)); // learns c
  PathState Again = Locked;
  EXPECT_TRUE(Again.assume(factTest(7), /*Branch=*/true));
  PathState Skipping = Locked;
  EXPECT_FALSE(Skipping.assume(factTest(7), /*Branch=*/false));
}

TEST_F(PathStateTest, NegatedConditionUsesPolarity) {
  PathState P;
  P.setFact(3, true);                                  // try_lock succeeded
  EXPECT_FALSE(P.assume(factTest(3, false), true));    // if (!ok) ... taken?
  EXPECT_TRUE(P.assume(factTest(3, false), false));
}

TEST_F(PathStateTest, GuardOwnershipDecidesBranches) {
  int GuardVar;
  PathState P;
  GuardState G;
  G.Key = &GuardVar;
  G.Owns = false;
  P.Guards.push_back(G);
  BranchTest Owns;
  Owns.TestKind = BranchTest::GuardOwns;
  Owns.Guard = &GuardVar;
  PathState Copy = P;
  EXPECT_FALSE(Copy.assume(Owns, /*Branch=*/true)); // if (lk.owns_lock())
  EXPECT_TRUE(P.assume(Owns, /*Branch=*/false));
}

TEST_F(PathStateTest, UnknownTestsKeepBothBranches) {
  PathState P;
  EXPECT_TRUE(P.assume(BranchTest(), true));
  EXPECT_TRUE(P.assume(BranchTest(), false));
  EXPECT_TRUE(P.Facts.empty());
}

TEST_F(PathStateTest, ReleaseUndoesTheLatestAcquisition) {
  PathState P;
  HeldLock First = held(A), Second = held(A);
  Second.Reentrant = First.Reentrant = true;
  P.Held = {First, held(B), Second};
  EXPECT_TRUE(P.releaseHeld(LockPath::global(&A)));
  ASSERT_EQ(P.Held.size(), 2u);
  EXPECT_EQ(P.Held[1].Lock, LockPath::global(&B));
  EXPECT_TRUE(P.isHeld(LockPath::global(&A)));
  EXPECT_FALSE(P.releaseHeld(LockPath::local(&B)));
}

TEST_F(PathStateTest, BoundForgetsFactsBeforeDroppingPaths) {
  PathSet Paths;
  for (unsigned I = 0; I < 4; ++I) {
    PathState P;
    P.Held.push_back(held(A));
    P.setFact(I + 1, true);
    Paths.push_back(P);
  }
  // Four paths, one lockset: forgetting facts merges them.
  EXPECT_TRUE(boundPaths(Paths, 2));
  EXPECT_EQ(Paths.size(), 1u);

  PathSet Distinct(3);
  Distinct[1].Held.push_back(held(A));
  Distinct[2].Held.push_back(held(B));
  EXPECT_FALSE(boundPaths(Distinct, 2));
  EXPECT_EQ(Distinct.size(), 2u);
}

} // namespace
