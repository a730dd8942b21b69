// Seed 000 (GoKer etcd#7902): the follower takes Mu and then blocks
// receiving from a channel; only the leader closes that channel, and the
// leader must take Mu first. Follower waits for the leader, the leader
// waits for Mu: deadlock.
//
// Here the channel is a home-made one built on a condition variable; the
// analysis infers that recv() blocks (it waits on NotEmpty) and that
// close() is what wakes it (it notifies NotEmpty).
//
// Fix (as in etcd): do not hold Mu around the receive.
#include <condition_variable>
#include <deque>
#include <mutex>

template <typename T> class Channel {
public:
  void send(T Value) {
    {
      std::lock_guard<std::mutex> Guard(Mu);
      Items.push_back(Value);
    }
    NotEmpty.notify_one();
  }
  void close() {
    {
      std::lock_guard<std::mutex> Guard(Mu);
      Closed = true;
    }
    NotEmpty.notify_all();
  }
  bool recv(T &Out) {
    std::unique_lock<std::mutex> Lock(Mu);
    NotEmpty.wait(Lock, [this] { return !Items.empty() || Closed; });
    if (Items.empty())
      return false;
    Out = Items.front();
    Items.pop_front();
    return true;
  }

private:
  std::mutex Mu;
  std::condition_variable NotEmpty;
  std::deque<T> Items;
  bool Closed = false;
};

struct Round {
  std::mutex Mu;
  Channel<int> *Next = nullptr;

  void follower() {
    std::lock_guard<std::mutex> Guard(Mu);
    int Value;
    Next->recv(Value); // blocks holding Mu
  }

  void leader() {
    std::lock_guard<std::mutex> Guard(Mu); // waits for the follower's Mu
    Next->close();                          // would wake the follower
  }
};
