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
