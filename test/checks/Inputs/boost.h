// Minimal stand-in for Boost.Thread's mutexes and locks.
#pragma once
namespace boost {
struct defer_lock_t {};
struct try_to_lock_t {};
struct adopt_lock_t {};
constexpr defer_lock_t defer_lock{};
constexpr try_to_lock_t try_to_lock{};
constexpr adopt_lock_t adopt_lock{};
class mutex {
public:
  void lock();
  bool try_lock();
  void unlock();
};
class recursive_mutex {
public:
  void lock();
  bool try_lock();
  void unlock();
};
class shared_mutex {
public:
  void lock();
  void unlock();
  void lock_shared();
  void unlock_shared();
};
template <typename M> class lock_guard {
public:
  explicit lock_guard(M &m);
  lock_guard(M &m, adopt_lock_t);
  ~lock_guard();
};
template <typename M> class unique_lock {
public:
  explicit unique_lock(M &m);
  unique_lock(M &m, defer_lock_t);
  unique_lock(M &m, try_to_lock_t);
  ~unique_lock();
  void lock();
  void unlock();
  bool owns_lock() const;
};
template <typename M> class shared_lock {
public:
  explicit shared_lock(M &m);
  ~shared_lock();
};
} // namespace boost
