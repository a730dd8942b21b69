// RUN: %check_clang_tidy %s deadlock-double-lock %t

#include <mutex>

// A delete in an uninstantiated template has no destroyed type yet, and
// one of an incomplete class has no destructor: neither may crash the walk.
template <typename T> struct Owner {
  T *Item = nullptr;
  ~Owner() { delete Item; }
  void reset() { delete Item; }
};

struct Incomplete;
void dropIncomplete(Incomplete *P);

struct Node {
  std::mutex Mu;
  ~Node() { Mu.lock(); Mu.unlock(); }
};

// The destructor run by delete is still analysed.
void deleteUnderLock(Node *N) {
  Owner<Node> Keep;
  N->Mu.lock();
  delete N;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'N->Mu' is already held by this thread; acquiring it again deadlocks [deadlock-double-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'N->Mu' first acquired here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'N->Mu' acquired again in call to '~Node' here
  // CHECK-MESSAGES: :[[@LINE-11]]:13: note: 'N->Mu' acquired here
}
