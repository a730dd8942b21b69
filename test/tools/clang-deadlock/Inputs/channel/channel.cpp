#include "channel.h"

void Channel::send(int Value) {
  {
    std::lock_guard<std::mutex> Guard(Mu);
    Items.push_back(Value);
  }
  NotEmpty.notify_one();
}

void Channel::close() {
  {
    std::lock_guard<std::mutex> Guard(Mu);
    Closed = true;
  }
  NotEmpty.notify_all();
}

bool Channel::recv(int &Out) {
  std::unique_lock<std::mutex> Lock(Mu);
  NotEmpty.wait(Lock, [this] { return !Items.empty() || Closed; });
  if (Items.empty())
    return false;
  Out = Items.front();
  Items.pop_front();
  return true;
}
