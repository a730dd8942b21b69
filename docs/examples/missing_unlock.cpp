// A manual lock forgotten on an early return: the next caller of any
// function that takes Mu blocks forever.
//
// Fix: use std::lock_guard, or unlock before every return.
#include <mutex>
#include <vector>

class Queue {
public:
  bool pop(int &Out) {
    Mu.lock();
    if (Items.empty())
      return false; // Mu is still held
    Out = Items.back();
    Items.pop_back();
    Mu.unlock();
    return true;
  }

private:
  std::mutex Mu;
  std::vector<int> Items;
};
