// Seed 003 (a lock built from channels that hangs): a lock implemented by
// hand is still a lock, and its users deadlock like anyone else's. Annotated
// with Clang's thread-safety attributes it needs no configuration: the
// checks see AppLock::Lock as an acquisition of the AppLock object.
//
// Here Rename() takes the lock and calls Save(), which takes it again.
#include <condition_variable>
#include <mutex>
#include <string>

#define CAPABILITY(x) __attribute__((capability(x)))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))

class CAPABILITY("mutex") AppLock {
public:
  void Lock() ACQUIRE() {
    std::unique_lock<std::mutex> Guard(State);
    Free.wait(Guard, [this] { return !Held; });
    Held = true;
  }
  void Unlock() RELEASE() {
    {
      std::lock_guard<std::mutex> Guard(State);
      Held = false;
    }
    Free.notify_one();
  }

private:
  std::mutex State;
  std::condition_variable Free;
  bool Held = false;
};

class App {
public:
  void Save() {
    Lock.Lock();
    Persisted = Name;
    Lock.Unlock();
  }
  void Rename(const std::string &NewName) {
    Lock.Lock();
    Name = NewName;
    Save(); // takes Lock again
    Lock.Unlock();
  }

private:
  AppLock Lock;
  std::string Name, Persisted;
};
