// Minimal stand-in for Qt's QWaitCondition (on top of qt.h's QMutex). The
// optional argument is the timeout in milliseconds.
#pragma once
#include "qt.h"
class QWaitCondition {
public:
  bool wait(QMutex *LockedMutex, unsigned long Time = ~0UL);
  void wakeOne();
  void wakeAll();
};
