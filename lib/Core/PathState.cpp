//===--- PathState.cpp ----------------------------------------------------===//

#include "PathState.h"
#include "llvm/ADT/STLExtras.h"

namespace deadlock {

static bool sameLockShape(const HeldLock &A, const HeldLock &B) {
  return A.Lock == B.Lock && A.Mode == B.Mode && A.Reentrant == B.Reentrant &&
         A.Group == B.Group;
}

bool GuardState::sameShape(const GuardState &O) const {
  return Key == O.Key && Owns == O.Owns && Mode == O.Mode &&
         std::equal(Locks.begin(), Locks.end(), O.Locks.begin(),
                    O.Locks.end(), [](const HeldLock &A, const HeldLock &B) {
                      return A.Lock == B.Lock;
                    });
}

const HeldLock *PathState::findHeld(const LockPath &P) const {
  for (const HeldLock &H : Held)
    if (H.Lock == P)
      return &H;
  return nullptr;
}

bool PathState::releaseHeld(const LockPath &P) {
  for (auto It = Held.rbegin(); It != Held.rend(); ++It)
    if (It->Lock == P) {
      Held.erase(std::next(It).base());
      return true;
    }
  return false;
}

GuardState *PathState::guard(GuardKey K) {
  for (GuardState &G : Guards)
    if (G.Key == K)
      return &G;
  return nullptr;
}

void PathState::eraseGuard(GuardKey K) {
  llvm::erase_if(Guards, [&](const GuardState &G) { return G.Key == K; });
}

std::optional<bool> PathState::fact(unsigned Atom) const {
  auto It = llvm::lower_bound(Facts, std::make_pair(Atom, false));
  if (It != Facts.end() && It->first == Atom)
    return It->second;
  return std::nullopt;
}

void PathState::setFact(unsigned Atom, bool Value) {
  auto It = llvm::lower_bound(Facts, std::make_pair(Atom, false));
  if (It != Facts.end() && It->first == Atom)
    It->second = Value;
  else
    Facts.insert(It, {Atom, Value});
}

void PathState::dropFact(unsigned Atom) {
  llvm::erase_if(Facts, [&](const auto &F) { return F.first == Atom; });
}

bool PathState::assume(const BranchTest &Test, bool Branch) {
  bool Expected = Branch == Test.Polarity;
  switch (Test.TestKind) {
  case BranchTest::Unknown:
    return true;
  case BranchTest::Fact:
    if (std::optional<bool> Known = fact(Test.Atom))
      return *Known == Expected;
    setFact(Test.Atom, Expected);
    return true;
  case BranchTest::GuardOwns:
    if (const GuardState *G = guard(Test.Guard))
      return G->Owns == Expected;
    return true;
  }
  return true;
}

bool PathState::sameShape(const PathState &O) const {
  return Released == O.Released &&
         std::equal(Held.begin(), Held.end(), O.Held.begin(), O.Held.end(),
                    sameLockShape) &&
         std::equal(Guards.begin(), Guards.end(), O.Guards.begin(),
                    O.Guards.end(), [](const GuardState &A, const GuardState &B) {
                      return A.sameShape(B);
                    });
}

void mergePath(PathSet &Into, PathState P) {
  for (PathState &Existing : Into) {
    if (!Existing.sameShape(P))
      continue;
    llvm::erase_if(Existing.Facts, [&](const std::pair<unsigned, bool> &F) {
      std::optional<bool> Other = P.fact(F.first);
      return !Other || *Other != F.second;
    });
    return;
  }
  Into.push_back(std::move(P));
}

bool boundPaths(PathSet &Paths, unsigned Limit) {
  if (Paths.size() <= Limit)
    return true;
  PathSet Merged;
  for (PathState &P : Paths) {
    P.Facts.clear();
    mergePath(Merged, std::move(P));
  }
  Paths = std::move(Merged);
  if (Paths.size() <= Limit)
    return true;
  Paths.resize(Limit);
  return false;
}

} // namespace deadlock
