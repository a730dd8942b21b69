//===--- BlockingCatalog.cpp - The built-in rows --------------------------===//

#include "BlockingCatalog.h"
#include "clang/AST/APValue.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace deadlock {

namespace {

using K = BlockKind;
const CallOperand None = CallOperand::none();
const CallOperand This = CallOperand::object();
CallOperand arg(unsigned I) { return CallOperand::argument(I); }

BlockingFunction wait(const char *Name, K Kind, CallOperand Waited,
                      CallOperand Releases = None, CallOperand Timeout = None,
                      const char *What = "") {
  return {Name, Kind, Waited, Releases, Timeout, false, What};
}

/// A wait that gives up at an absolute time: bounded, never zero.
BlockingFunction timedWait(const char *Name, K Kind, CallOperand Waited,
                           CallOperand Releases = None) {
  BlockingFunction Row = wait(Name, Kind, Waited, Releases);
  Row.Timeout = CallOperand::argument(~0u);
  return Row;
}

const BlockingFunction BuiltinBlocking[] = {
    // Condition variables: block while holding every lock but their own.
    wait("std::condition_variable::wait", K::ConditionWait, This, arg(0)),
    wait("std::condition_variable::wait_for", K::ConditionWait, This, arg(0),
         arg(1)),
    timedWait("std::condition_variable::wait_until", K::ConditionWait, This,
              arg(0)),
    wait("std::condition_variable_any::wait", K::ConditionWait, This, arg(0)),
    wait("std::condition_variable_any::wait_for", K::ConditionWait, This,
         arg(0), arg(1)),
    timedWait("std::condition_variable_any::wait_until", K::ConditionWait, This,
              arg(0)),
    wait("boost::condition_variable::wait", K::ConditionWait, This, arg(0)),
    wait("boost::condition_variable::wait_for", K::ConditionWait, This, arg(0),
         arg(1)),
    timedWait("boost::condition_variable::wait_until", K::ConditionWait, This,
              arg(0)),
    timedWait("boost::condition_variable::timed_wait", K::ConditionWait, This,
              arg(0)),
    wait("boost::condition_variable_any::wait", K::ConditionWait, This, arg(0)),
    wait("boost::condition_variable_any::wait_for", K::ConditionWait, This,
         arg(0), arg(1)),
    timedWait("boost::condition_variable_any::wait_until", K::ConditionWait,
              This, arg(0)),
    wait("pthread_cond_wait", K::ConditionWait, arg(0), arg(1)),
    timedWait("pthread_cond_timedwait", K::ConditionWait, arg(0), arg(1)),
    timedWait("pthread_cond_clockwait", K::ConditionWait, arg(0), arg(1)),
    wait("cnd_wait", K::ConditionWait, arg(0), arg(1)),
    timedWait("cnd_timedwait", K::ConditionWait, arg(0), arg(1)),
    wait("absl::CondVar::Wait", K::ConditionWait, This, arg(0)),
    timedWait("absl::CondVar::WaitWithTimeout", K::ConditionWait, This, arg(0)),
    timedWait("absl::CondVar::WaitWithDeadline", K::ConditionWait, This,
              arg(0)),
    wait("absl::Mutex::Await", K::ConditionWait, This, This, None,
         "waiting for a condition on"),
    wait("absl::Mutex::AwaitWithTimeout", K::ConditionWait, This, This, arg(1),
         "waiting for a condition on"),
    timedWait("absl::Mutex::AwaitWithDeadline", K::ConditionWait, This, This),
    // The timeout defaults to forever.
    wait("QWaitCondition::wait", K::ConditionWait, This, arg(0), arg(1)),
    // Futures.
    wait("std::future::get", K::Future, This),
    wait("std::future::wait", K::Future, This),
    wait("std::future::wait_for", K::Future, This, None, arg(0)),
    timedWait("std::future::wait_until", K::Future, This),
    // libstdc++ implements them in a base class.
    wait("std::__basic_future::wait", K::Future, This),
    wait("std::__basic_future::wait_for", K::Future, This, None, arg(0)),
    timedWait("std::__basic_future::wait_until", K::Future, This),
    wait("std::shared_future::get", K::Future, This),
    wait("std::shared_future::wait", K::Future, This),
    wait("std::shared_future::wait_for", K::Future, This, None, arg(0)),
    timedWait("std::shared_future::wait_until", K::Future, This),
    // Threads.
    wait("std::thread::join", K::Join, This),
    wait("std::jthread::join", K::Join, This),
    wait("boost::thread::join", K::Join, This),
    wait("pthread_join", K::Join, arg(0)),
    // Semaphores, latches, barriers, counters, notifications.
    wait("std::counting_semaphore::acquire", K::Semaphore, This),
    wait("std::binary_semaphore::acquire", K::Semaphore, This),
    wait("std::counting_semaphore::try_acquire_for", K::Semaphore, This, None,
         arg(0)),
    timedWait("std::counting_semaphore::try_acquire_until", K::Semaphore, This),
    wait("sem_wait", K::Semaphore, arg(0)),
    timedWait("sem_timedwait", K::Semaphore, arg(0)),
    timedWait("sem_clockwait", K::Semaphore, arg(0)),
    wait("std::latch::wait", K::Latch, This, None, None, "waiting on latch"),
    wait("std::latch::arrive_and_wait", K::Latch, This, None, None,
         "waiting on latch"),
    wait("std::barrier::wait", K::Latch, This, None, None,
         "waiting on barrier"),
    wait("std::barrier::arrive_and_wait", K::Latch, This, None, None,
         "waiting on barrier"),
    wait("absl::BlockingCounter::Wait", K::Latch, This, None, None,
         "waiting on counter"),
    wait("absl::Notification::WaitForNotification", K::Notification, This),
    wait("absl::Notification::WaitForNotificationWithTimeout", K::Notification,
         This, None, arg(0)),
    timedWait("absl::Notification::WaitForNotificationWithDeadline",
              K::Notification, This),
    // Channels.
    wait("boost::fibers::buffered_channel::push", K::ChannelSend, This),
    wait("boost::fibers::buffered_channel::pop", K::ChannelRecv, This),
    wait("boost::fibers::buffered_channel::value_pop", K::ChannelRecv, This),
    wait("boost::fibers::unbuffered_channel::push", K::ChannelSend, This),
    wait("boost::fibers::unbuffered_channel::pop", K::ChannelRecv, This),
    wait("boost::fibers::unbuffered_channel::value_pop", K::ChannelRecv, This),
    // Sleeps.
    wait("std::this_thread::sleep_for", K::Sleep, None, None, arg(0)),
    timedWait("std::this_thread::sleep_until", K::Sleep, None),
    wait("sleep", K::Sleep, None, None, arg(0)),
    wait("usleep", K::Sleep, None, None, arg(0)),
    timedWait("nanosleep", K::Sleep, None),
    timedWait("clock_nanosleep", K::Sleep, None),
    wait("absl::SleepFor", K::Sleep, None, None, arg(0)),
};

/// Blocking I/O: waits for the outside world.
const char *const BuiltinIO[] = {
    "read",        "readv",        "pread",    "preadv",     "recv",
    "recvfrom",    "recvmsg",      "recvmmsg", "accept",     "accept4",
    "connect",     "poll",         "ppoll",    "select",     "pselect",
    "epoll_wait",  "epoll_pwait",  "fgets",    "fread",      "getline",
    "getdelim",    "fgetc",        "getc",     "getchar",    "waitpid",
    "wait",        "waitid",       "msgrcv",   "mq_receive", "sigwait",
    "sigwaitinfo", "sigtimedwait", "system",   "popen",      "pclose",
};

/// I/O calls whose first argument is the descriptor they wait on: on a
/// descriptor in non-blocking mode they do not block.
const char *const DescriptorIO[] = {
    "read",    "readv",    "pread",  "preadv",  "recv",    "recvfrom",
    "recvmsg", "recvmmsg", "accept", "accept4", "connect",
};

const DescriptorModeFunction BuiltinDescriptorModes[] = {
    {"fcntl", arg(0), arg(2), "O_NONBLOCK"},
    {"ioctl", arg(0), arg(1), "FIONBIO"},
};

const WakeFunction BuiltinWakes[] = {
    {"std::condition_variable::notify_one", K::ConditionWait, This,
     "is notified"},
    {"std::condition_variable::notify_all", K::ConditionWait, This,
     "is notified"},
    {"std::condition_variable_any::notify_one", K::ConditionWait, This,
     "is notified"},
    {"std::condition_variable_any::notify_all", K::ConditionWait, This,
     "is notified"},
    {"boost::condition_variable::notify_one", K::ConditionWait, This,
     "is notified"},
    {"boost::condition_variable::notify_all", K::ConditionWait, This,
     "is notified"},
    {"pthread_cond_signal", K::ConditionWait, arg(0), "is signalled"},
    {"pthread_cond_broadcast", K::ConditionWait, arg(0), "is signalled"},
    {"cnd_signal", K::ConditionWait, arg(0), "is signalled"},
    {"cnd_broadcast", K::ConditionWait, arg(0), "is signalled"},
    {"absl::CondVar::Signal", K::ConditionWait, This, "is signalled"},
    {"absl::CondVar::SignalAll", K::ConditionWait, This, "is signalled"},
    {"QWaitCondition::wakeOne", K::ConditionWait, This, "is woken"},
    {"QWaitCondition::wakeAll", K::ConditionWait, This, "is woken"},
    {"std::promise::set_value", K::Future, This, "is given its value"},
    {"std::promise::set_exception", K::Future, This, "is given its value"},
    {"std::promise::set_value_at_thread_exit", K::Future, This,
     "is given its value"},
    {"std::promise::set_exception_at_thread_exit", K::Future, This,
     "is given its value"},
    {"std::counting_semaphore::release", K::Semaphore, This, "is released"},
    {"std::binary_semaphore::release", K::Semaphore, This, "is released"},
    {"sem_post", K::Semaphore, arg(0), "is posted"},
    {"std::latch::count_down", K::Latch, This, "is counted down"},
    {"std::latch::arrive_and_wait", K::Latch, This, "is counted down"},
    {"std::barrier::arrive", K::Latch, This, "is arrived at"},
    {"std::barrier::arrive_and_drop", K::Latch, This, "is arrived at"},
    {"std::barrier::arrive_and_wait", K::Latch, This, "is arrived at"},
    {"absl::BlockingCounter::DecrementCount", K::Latch, This,
     "is counted down"},
    {"absl::Notification::Notify", K::Notification, This, "is notified"},
    {"boost::fibers::buffered_channel::push", K::ChannelRecv, This,
     "is pushed to"},
    {"boost::fibers::buffered_channel::close", K::ChannelRecv, This,
     "is closed"},
    {"boost::fibers::buffered_channel::pop", K::ChannelSend, This,
     "is popped from"},
    {"boost::fibers::buffered_channel::value_pop", K::ChannelSend, This,
     "is popped from"},
    {"boost::fibers::unbuffered_channel::push", K::ChannelRecv, This,
     "is pushed to"},
    {"boost::fibers::unbuffered_channel::close", K::ChannelRecv, This,
     "is closed"},
    {"boost::fibers::unbuffered_channel::pop", K::ChannelSend, This,
     "is popped from"},
    {"boost::fibers::unbuffered_channel::value_pop", K::ChannelSend, This,
     "is popped from"},
};

} // namespace

/// Every scalar in \p V is zero (a duration's count, absl's hi/lo words).
static bool allZero(const APValue &V) {
  if (V.isInt())
    return V.getInt().isZero();
  if (V.isFloat())
    return V.getFloat().isZero();
  if (V.isStruct()) {
    for (unsigned I = 0; I < V.getStructNumBases(); ++I)
      if (!allZero(V.getStructBase(I)))
        return false;
    for (unsigned I = 0; I < V.getStructNumFields(); ++I)
      if (!allZero(V.getStructField(I)))
        return false;
    return true;
  }
  return false;
}

/// A duration (or count) that is zero: `wait_for(lk, 0ms)` only polls.
static bool isZeroDuration(const Expr *E, ASTContext &Ctx) {
  if (!E || E->isValueDependent())
    return false;
  Expr::EvalResult Result;
  if (E->getType()->isIntegralOrEnumerationType())
    return E->EvaluateAsInt(Result, Ctx) && Result.Val.getInt().isZero();
  return E->EvaluateAsRValue(Result, Ctx) && Result.Val.isStruct() &&
         allZero(Result.Val);
}

static llvm::StringRef blockingVerb(BlockKind Kind) {
  switch (Kind) {
  case BlockKind::ConditionWait:
    return "waiting on condition variable";
  case BlockKind::Future:
    return "waiting for future";
  case BlockKind::Join:
    return "joining thread";
  case BlockKind::Semaphore:
    return "acquiring semaphore";
  case BlockKind::Latch:
    return "waiting on";
  case BlockKind::Notification:
    return "waiting for notification";
  case BlockKind::ChannelRecv:
    return "receiving from channel";
  case BlockKind::ChannelSend:
    return "sending to channel";
  case BlockKind::Sleep:
  case BlockKind::IO:
  case BlockKind::Declared:
    return "";
  }
  return "";
}

std::string blockingActivity(const BlockingFunction &Row,
                             const LockPath &Waited, llvm::StringRef Callee) {
  switch (Row.Kind) {
  case K::Sleep:
    return ("sleeping in '" + Callee + "'").str();
  case K::IO:
    return ("blocking in I/O call '" + Callee + "'").str();
  case K::Declared:
    return ("calling blocking function '" + Callee + "'").str();
  default:
    return ((Row.What.empty() ? blockingVerb(Row.Kind)
                              : llvm::StringRef(Row.What)) +
            " '" + Waited.str() + "'")
        .str();
  }
}

std::string wakeActivity(const WakeFunction &Row, const LockPath &Woken,
                         llvm::StringRef Callee) {
  return "'" + Woken.str() + "' " +
         (Row.Verb.empty() ? ("is woken by '" + Callee + "'").str() : Row.Verb);
}

std::optional<bool> boundedWait(const BlockingFunction &Row,
                                const clang::Expr *Timeout,
                                clang::ASTContext &Ctx) {
  if (Row.Timeout.OperandKind != CallOperand::Argument)
    return false;
  if (Row.Timeout.Index == ~0u) // An absolute deadline.
    return true;
  if (isZeroDuration(Timeout, Ctx))
    return std::nullopt;
  // A defaulted timeout (Qt's) means forever.
  return Timeout && !llvm::isa<clang::CXXDefaultArgExpr>(Timeout);
}

BlockingCatalog::BlockingCatalog() {
  for (const BlockingFunction &Row : BuiltinBlocking)
    add(Row);
  for (const char *Name : BuiltinIO) {
    BlockingFunction Row = wait(Name, K::IO, None);
    Row.IO = true;
    add(Row);
  }
  for (const char *Name : DescriptorIO)
    Blocking[Name].Waited = arg(0);
  for (const DescriptorModeFunction &Row : BuiltinDescriptorModes)
    DescriptorModes[Row.Name] = Row;
  // A zero timeout makes these polls.
  for (auto [Name, Timeout] : {std::pair<const char *, unsigned>{"poll", 2},
                               {"epoll_wait", 3},
                               {"epoll_pwait", 3}})
    Blocking[Name].Timeout = arg(Timeout);
  for (const WakeFunction &Row : BuiltinWakes)
    Wakes[Row.Name] = Row;
}

void BlockingCatalog::add(BlockingFunction Row) {
  std::string Name = Row.Name;
  Blocking[Name] = std::move(Row);
}

void BlockingCatalog::addBlocking(llvm::StringRef Name) {
  BlockingFunction Row = wait("", K::Declared, CallOperand::object());
  Row.Name = Name.str();
  add(std::move(Row));
}

void BlockingCatalog::addNonBlocking(llvm::StringRef Name) {
  NonBlocking.insert(Name);
}

const BlockingFunction *
BlockingCatalog::findBlocking(llvm::StringRef QualifiedName) const {
  if (NonBlocking.contains(QualifiedName))
    return nullptr;
  auto It = Blocking.find(QualifiedName);
  if (It == Blocking.end())
    return nullptr;
  return &It->second;
}

const WakeFunction *
BlockingCatalog::findWake(llvm::StringRef QualifiedName) const {
  auto It = Wakes.find(QualifiedName);
  return It == Wakes.end() ? nullptr : &It->second;
}

const DescriptorModeFunction *
BlockingCatalog::findDescriptorMode(llvm::StringRef QualifiedName) const {
  auto It = DescriptorModes.find(QualifiedName);
  return It == DescriptorModes.end() ? nullptr : &It->second;
}

} // namespace deadlock
