// Minimal stand-in for absl/synchronization/notification.h,
// absl/synchronization/blocking_counter.h and the parts of absl/time that
// their timed waits take. Duration is laid out like absl's: whole seconds,
// then quarter-nanoseconds, so a short non-zero timeout has zero seconds.
#pragma once
namespace absl {
class Duration {
public:
  constexpr Duration() : RepHi(0), RepLo(0) {}
  constexpr Duration(long long Hi, unsigned Lo) : RepHi(Hi), RepLo(Lo) {}

private:
  long long RepHi;
  unsigned RepLo;
};
constexpr Duration ZeroDuration() { return Duration(); }
constexpr Duration Seconds(long long S) { return Duration(S, 0); }
constexpr Duration Milliseconds(long long Ms) {
  return Duration(Ms / 1000, static_cast<unsigned>(Ms % 1000) * 4000000u);
}
void SleepFor(Duration D);

class Notification {
public:
  Notification();
  void Notify();
  bool HasBeenNotified() const;
  void WaitForNotification() const;
  bool WaitForNotificationWithTimeout(Duration Timeout) const;
};

class BlockingCounter {
public:
  explicit BlockingCounter(int InitialCount);
  bool DecrementCount();
  void Wait();
};
} // namespace absl
