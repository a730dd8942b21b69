#pragma once

// A self-pipe signaler, as zeromq's signaler_t: its read end is made
// non-blocking by the constructor, defined in another file.
class Signaler {
public:
  explicit Signaler(int ReadEnd);
  void drain();

private:
  int ReadFd;
};

// A reader of a descriptor nobody makes non-blocking.
class PipeReader {
public:
  explicit PipeReader(int Fd) : Fd(Fd) {}
  void readOne();

private:
  int Fd;
};

// As zeromq's signaler_t exactly: the constructor (mailbox.cpp) takes no
// lock and switches the descriptor through a helper in a third file
// (fd.cpp), which is all it does with it.
void unblockSocket(int Fd);

class Mailbox {
public:
  explicit Mailbox(int ReadEnd);
  void drain();

private:
  int ReadFd;
};
