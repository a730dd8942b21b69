//===--- LockGraph.cpp ----------------------------------------------------===//

#include "LockGraph.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <functional>
#include <tuple>

namespace deadlock {

void LockGraph::addEdge(const OrderWitness &W,
                        llvm::ArrayRef<const Symbol *> AlsoHeld) {
  const Symbol *From = W.Held.Lock.lockClass();
  const Symbol *To = W.Acquired.Lock.lockClass();
  auto [It, Inserted] = Index.try_emplace({From, To}, Edges.size());
  if (Inserted) {
    OrderEdge E;
    E.From = From;
    E.To = To;
    E.Gates.assign(AlsoHeld.begin(), AlsoHeld.end());
    llvm::erase_if(E.Gates,
                   [&](const Symbol *G) { return G == From || G == To; });
    Edges.push_back(std::move(E));
    Outgoing[From].push_back(It->second);
  } else {
    // A gate must be held at every witness.
    llvm::erase_if(Edges[It->second].Gates, [&](const Symbol *G) {
      return !llvm::is_contained(AlsoHeld, G);
    });
  }
  OrderEdge &E = Edges[It->second];
  bool Readers = W.Held.Mode == LockMode::Shared &&
                 W.Acquired.Mode == LockMode::Shared;
  // Keep a writer's witness even when readers filled the slots first.
  if (E.Witnesses.size() < MaxWitnessesPerEdge)
    E.Witnesses.push_back(W);
  else if (E.SharedOnly && !Readers)
    E.Witnesses.back() = W;
  E.SharedOnly &= Readers;
}

const OrderWitness &OrderEdge::representative() const {
  for (const OrderWitness &W : Witnesses)
    if (W.Held.Mode == LockMode::Exclusive ||
        W.Acquired.Mode == LockMode::Exclusive)
      return W;
  return Witnesses.front();
}

const OrderEdge *LockGraph::edge(const Symbol *From, const Symbol *To) const {
  auto It = Index.find({From, To});
  return It == Index.end() ? nullptr : &Edges[It->second];
}

std::vector<std::vector<const OrderEdge *>>
LockGraph::cycles(unsigned MaxLength, unsigned MaxCycles, unsigned MaxSteps,
                  bool &Complete) const {
  Complete = true;
  std::vector<std::vector<const OrderEdge *>> Result;
  // Each elementary cycle is found once, from its smallest node (by
  // qualified name, so the order does not depend on addresses).
  std::vector<const Symbol *> Nodes;
  for (const auto &[Node, Out] : Outgoing)
    Nodes.push_back(Node);
  llvm::sort(Nodes, [](const Symbol *A, const Symbol *B) {
    return std::tie(A->QualifiedName, A->Key) <
           std::tie(B->QualifiedName, B->Key);
  });
  llvm::DenseMap<const Symbol *, unsigned> Rank;
  for (unsigned I = 0; I < Nodes.size(); ++I)
    Rank[Nodes[I]] = I;

  // Cycles stay inside strongly connected components: the search never
  // leaves its start's, so acyclic parts (a long chain of nested locks)
  // cost nothing.
  llvm::DenseMap<const Symbol *, unsigned> Component = components(Nodes);

  unsigned Steps = 0;
  std::vector<const OrderEdge *> Path;
  llvm::DenseMap<const Symbol *, bool> OnPath;
  std::function<void(const Symbol *, const Symbol *)> Visit =
      [&](const Symbol *Start, const Symbol *Node) {
        if (!Complete)
          return;
        auto Out = Outgoing.find(Node);
        if (Out == Outgoing.end())
          return;
        for (unsigned EdgeIndex : Out->second) {
          if (++Steps > MaxSteps || Result.size() >= MaxCycles) {
            Complete = false;
            return;
          }
          const OrderEdge &E = Edges[EdgeIndex];
          if (E.To == E.From || Rank.lookup(E.To) < Rank.lookup(Start) ||
              Component.lookup(E.To) != Component.lookup(Start))
            continue;
          if (E.To == Start) {
            Path.push_back(&E);
            Result.push_back(Path);
            Path.pop_back();
            continue;
          }
          if (OnPath.lookup(E.To) || Path.size() + 1 >= MaxLength)
            continue;
          Path.push_back(&E);
          OnPath[E.To] = true;
          Visit(Start, E.To);
          OnPath[E.To] = false;
          Path.pop_back();
        }
      };
  for (const Symbol *Start : Nodes) {
    OnPath[Start] = true;
    Visit(Start, Start);
    OnPath[Start] = false;
  }
  return Result;
}

llvm::DenseMap<const Symbol *, unsigned>
LockGraph::components(llvm::ArrayRef<const Symbol *> Nodes) const {
  // Tarjan's algorithm, iteratively: lock graphs of generated code can be
  // deep. Components are numbered from 1; nodes without outgoing edges
  // get none (0), and are on no cycle.
  llvm::DenseMap<const Symbol *, unsigned> Component, Index, Low;
  std::vector<const Symbol *> Stack;
  llvm::DenseMap<const Symbol *, bool> OnStack;
  unsigned NextIndex = 0, NextComponent = 1;
  struct Frame {
    const Symbol *Node;
    unsigned NextEdge;
  };
  for (const Symbol *Root : Nodes) {
    if (Index.count(Root))
      continue;
    std::vector<Frame> Frames = {{Root, 0}};
    Index[Root] = Low[Root] = NextIndex++;
    Stack.push_back(Root);
    OnStack[Root] = true;
    while (!Frames.empty()) {
      Frame &F = Frames.back();
      auto Out = Outgoing.find(F.Node);
      if (Out != Outgoing.end() && F.NextEdge < Out->second.size()) {
        const Symbol *To = Edges[Out->second[F.NextEdge++]].To;
        if (!Outgoing.count(To))
          continue;
        if (!Index.count(To)) {
          Index[To] = Low[To] = NextIndex++;
          Stack.push_back(To);
          OnStack[To] = true;
          Frames.push_back({To, 0});
        } else if (OnStack.lookup(To)) {
          Low[F.Node] = std::min(Low[F.Node], Index[To]);
        }
        continue;
      }
      const Symbol *Done = F.Node;
      Frames.pop_back();
      if (!Frames.empty())
        Low[Frames.back().Node] = std::min(Low[Frames.back().Node], Low[Done]);
      if (Low[Done] != Index[Done])
        continue;
      const Symbol *Member;
      do {
        Member = Stack.back();
        Stack.pop_back();
        OnStack[Member] = false;
        Component[Member] = NextComponent;
      } while (Member != Done);
      ++NextComponent;
    }
  }
  return Component;
}

bool isGated(llvm::ArrayRef<const OrderEdge *> Cycle) {
  for (const Symbol *Gate : Cycle.front()->Gates) {
    bool InCycle = llvm::any_of(Cycle, [&](const OrderEdge *E) {
      return E->From == Gate;
    });
    if (!InCycle && llvm::all_of(Cycle, [&](const OrderEdge *E) {
          return llvm::is_contained(E->Gates, Gate);
        }))
      return true;
  }
  return false;
}

} // namespace deadlock
