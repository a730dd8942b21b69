// RUN: %check_clang_tidy %s deadlock-double-lock,deadlock-missing-unlock %t -- -- -I%inputs

#include <array>
#include <mutex>
#include <pthread.h>
#include <vector>

struct Shard {
  std::mutex M;
};
std::vector<Shard> Shards;
std::array<Shard, 4> Fixed;
std::mutex Stripes[8];
struct Node {
  std::mutex M;
  Node *Next;
};

// Negative: each iteration locks another element; the iterator changes.
void lockEveryShard() {
  for (auto &S : Shards)
    S.M.lock();
  for (auto &S : Shards)
    S.M.unlock();
}

// Negative: the same over std::array.
void lockEveryFixedShard() {
  for (auto &S : Fixed)
    S.M.lock();
  for (auto &S : Fixed)
    S.M.unlock();
}

// Negative: lock-all then unlock-all by index.
void lockAllStripes() {
  for (int I = 0; I < 8; ++I)
    Stripes[I].lock();
  for (int I = 0; I < 8; ++I)
    Stripes[I].unlock();
}

// Negative: walking a list with a changing pointer.
void lockWholeList(Node *Head) {
  for (Node *N = Head; N; N = N->Next)
    N->M.lock();
  for (Node *N = Head; N; N = N->Next)
    N->M.unlock();
}

// Negative: a function-local recursive pthread mutex.
void localRecursive() {
  pthread_mutex_t M = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
  pthread_mutex_lock(&M);
  pthread_mutex_lock(&M);
  pthread_mutex_unlock(&M);
  pthread_mutex_unlock(&M);
}

std::mutex MuA, MuB;

// Negative: try_lock on a lock this thread holds fails; nothing more is held.
void tryWhileHeld() {
  MuA.lock();
  if (MuA.try_lock()) {
  }
  MuA.unlock();
}

// Positive: std::lock over deferred unique_locks locks their mutexes.
void lockGuardsThenRelock() {
  std::unique_lock<std::mutex> LA(MuA, std::defer_lock), LB(MuB, std::defer_lock);
  std::lock(LA, LB);
  MuA.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'MuA' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'MuA' first acquired here
}

// Negative: the same guards released by their destructors.
void lockGuardsBalanced() {
  {
    std::unique_lock<std::mutex> LA(MuA, std::defer_lock), LB(MuB, std::defer_lock);
    std::lock(LA, LB);
  }
  MuA.lock();
  MuA.unlock();
}
