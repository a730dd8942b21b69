// Seed 001 (a production post-mortem): Values() holds the read lock and calls
// Size(), which read-locks again. A writer (AddOne) that queues between the
// two read acquisitions blocks the second one, while the first is never
// released: Values() and every later reader and writer hang (the service in
// the report piled up 47,905 goroutines).
//
// Fix: Size() must not lock when called with the lock held; call a
// lock-free sizeLocked() from Values().
#include <cstddef>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_set>
#include <vector>

class HashSet {
public:
  void AddOne(const std::string &Item) {
    std::unique_lock<std::shared_mutex> Lock(Mu);
    Items.insert(Item);
  }

  std::size_t Size() const {
    std::shared_lock<std::shared_mutex> Lock(Mu);
    return Items.size();
  }

  std::vector<std::string> Values() const {
    std::shared_lock<std::shared_mutex> Lock(Mu);
    std::vector<std::string> Result;
    Result.reserve(Size()); // read-locks Mu again
    for (const std::string &Item : Items)
      Result.push_back(Item);
    return Result;
  }

private:
  mutable std::shared_mutex Mu;
  std::unordered_set<std::string> Items;
};
