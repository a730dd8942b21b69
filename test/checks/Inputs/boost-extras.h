// Minimal stand-in for Boost.Thread's condition_variable and thread, and
// Boost.Fiber's channels (on top of boost.h's mutexes and locks).
#pragma once
#include "boost.h"
#include <chrono>
namespace boost {
enum class cv_status { no_timeout, timeout };
class condition_variable {
public:
  void wait(unique_lock<mutex> &Lock);
  template <typename Pred> void wait(unique_lock<mutex> &Lock, Pred P) {
    while (!P())
      wait(Lock);
  }
  template <typename Rep, typename Period>
  cv_status wait_for(unique_lock<mutex> &Lock,
                     const std::chrono::duration<Rep, Period> &D);
  void notify_one();
  void notify_all();
};
class thread {
public:
  thread();
  template <typename F> explicit thread(F Fn);
  void join();
  void detach();
};
namespace fibers {
enum class channel_op_status { success, empty, full, closed, timeout };
template <typename T> class buffered_channel {
public:
  explicit buffered_channel(unsigned long Capacity);
  channel_op_status push(const T &V);
  channel_op_status try_push(const T &V);
  channel_op_status pop(T &V);
  channel_op_status try_pop(T &V);
  T value_pop();
  void close();
};
template <typename T> class unbuffered_channel {
public:
  channel_op_status push(const T &V);
  channel_op_status pop(T &V);
  T value_pop();
  void close();
};
} // namespace fibers
} // namespace boost
