// The analysis settings are options of the `deadlock` package, written as
// the clang-tidy options of the same name; IncludeIO and ConfirmedOnly are
// options of deadlock.BlockingUnderLock. -analyzer-config values cannot
// contain '=' or ',': `name effect` stands for `name=effect`.
//
// RUN: %clang_analyze -std=c++17 -Xclang -analyzer-checker=deadlock \
// RUN:   -Xclang -analyzer-config \
// RUN:   -Xclang "deadlock:LockFunctions=house::SpinLock::Acquire acquire;house::SpinLock::Release release" \
// RUN:   -Xclang -verify=custom,io %s
// RUN: %clang_analyze -std=c++17 -Xclang -analyzer-checker=deadlock \
// RUN:   -Xclang -analyzer-config -Xclang deadlock.BlockingUnderLock:IncludeIO=false \
// RUN:   -Xclang -verify=noio %s
//
// A value the analysis cannot use is one clear error.
// RUN: not %clang_analyze -std=c++17 -Xclang -analyzer-checker=deadlock \
// RUN:   -Xclang -analyzer-config -Xclang "deadlock:LockFunctions=house::SpinLock::Acquire grab" \
// RUN:   %s 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: {{.*}}invalid entry 'house::SpinLock::Acquire grab'

#include <mutex>
#include <unistd.h>

namespace house {
class SpinLock {
public:
  void Acquire();
  void Release();
};
} // namespace house

house::SpinLock Spin;
void spinTwice() {
  Spin.Acquire(); // custom-note {{'Spin' first acquired here}}
  Spin.Acquire(); // custom-warning {{'Spin' is already held by this thread; acquiring it again deadlocks}} custom-note {{'Spin' is already held}}
  Spin.Release();
  Spin.Release();
}

std::mutex Mu;
void readUnderLock(int Fd, char *Buf) {
  std::lock_guard<std::mutex> G(Mu); // io-note {{'Mu' acquired here}}
  read(Fd, Buf, 16); // io-warning {{'Mu' is held while}} io-note {{'Mu' is held while}}
}
// noio-no-diagnostics
