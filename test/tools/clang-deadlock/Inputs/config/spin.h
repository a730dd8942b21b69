#ifndef SPIN_H
#define SPIN_H

// A house lock the built-in catalog does not know.
struct SpinLock {
  void acquire();
  void release();
};

extern SpinLock Spin;

// Returns with Spin held; defined in spin.cpp.
void grabSpin();

#endif
