#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unistd.h>

// I/O under a lock (soft).
std::mutex IoMu;
void readUnderLock(int Fd) {
  char Buf[32];
  std::lock_guard<std::mutex> Lock(IoMu);
  read(Fd, Buf, sizeof Buf);
}

// Sleeping under a lock (soft, not I/O).
std::mutex SleepMu;
void sleepUnderLock() {
  std::lock_guard<std::mutex> Lock(SleepMu);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

// Waiting while holding Outer, which the notifier needs (certain).
std::mutex Outer, Inner;
std::condition_variable Cv;
bool Ready;
void waitUnderLock() {
  std::lock_guard<std::mutex> O(Outer);
  std::unique_lock<std::mutex> I(Inner);
  Cv.wait(I, [] { return Ready; });
}
void notifyUnderLock() {
  std::lock_guard<std::mutex> O(Outer);
  Ready = true;
  Cv.notify_one();
}
