#ifndef CHANNEL_H
#define CHANNEL_H

#include <condition_variable>
#include <deque>
#include <mutex>

// A channel built on a condition variable; defined in channel.cpp. recv()
// waits on NotEmpty, send() and close() notify it.
class Channel {
public:
  void send(int Value);
  void close();
  bool recv(int &Out);

private:
  std::mutex Mu;
  std::condition_variable NotEmpty;
  std::deque<int> Items;
  bool Closed = false;
};

#endif
