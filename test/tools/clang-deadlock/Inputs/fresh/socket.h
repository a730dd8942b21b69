#pragma once
#include <mutex>

// zeromq's shape: ctx_t makes sockets under its lock through
// socket_base_t::create, which deletes a socket whose mailbox failed; the
// socket's destructor deletes its reaper signaler if it has one, and a
// signaler's destructor may sleep. Every piece is in a file of its own.
// (The destructor takes a lock of its own, as zeromq's does: chains through
// functions that take no lock and call into other files are not followed.)
struct Signaler {
  ~Signaler();
};

class Socket {
public:
  Socket();
  virtual ~Socket();
  static Socket *create(int Type);
  void startReaping();
  bool MailboxOk = false;

private:
  Signaler *Reaper;
  std::mutex MonitorSync;
};

class PairSocket : public Socket {
public:
  PairSocket();

private:
  Socket *Peer;
};
