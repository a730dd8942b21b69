//===--- DeadlockTidyModule.cpp - The deadlock-* clang-tidy module --------===//

#include "DeadlockCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace core = ::deadlock;

namespace clang::tidy::deadlock {

/// Reports a thread acquiring a non-recursive lock it already holds.
class DoubleLockCheck : public DeadlockCheck {
public:
  DoubleLockCheck(StringRef Name, ClangTidyContext *Context)
      : DeadlockCheck(Name, Context, core::CheckKind::DoubleLock) {}
};

/// Reports a shared lock re-acquired shared by the thread that holds it.
class RecursiveSharedLockCheck : public DeadlockCheck {
public:
  RecursiveSharedLockCheck(StringRef Name, ClangTidyContext *Context)
      : DeadlockCheck(Name, Context, core::CheckKind::RecursiveSharedLock) {}
};

/// Reports a lock held on some returns of a function but not on others.
class MissingUnlockCheck : public DeadlockCheck {
public:
  MissingUnlockCheck(StringRef Name, ClangTidyContext *Context)
      : DeadlockCheck(Name, Context, core::CheckKind::MissingUnlock) {}
};

/// Reports locks taken in inconsistent orders (AB-BA and longer cycles), and
/// two locks of one class taken together.
class LockOrderInversionCheck : public DeadlockCheck {
public:
  LockOrderInversionCheck(StringRef Name, ClangTidyContext *Context)
      : DeadlockCheck(Name, Context, core::CheckKind::LockOrderInversion) {}
};

/// Reports blocking operations (condition waits, joins, futures, sleeps,
/// blocking I/O, functions that block) while a lock is held, and calls them
/// deadlocks when what would wake them needs that lock.
class BlockingUnderLockCheck : public DeadlockCheck {
public:
  BlockingUnderLockCheck(StringRef Name, ClangTidyContext *Context)
      : DeadlockCheck(Name, Context, core::CheckKind::BlockingUnderLock),
        IncludeIO(Options.getLocalOrGlobal("IncludeIO", true)),
        ConfirmedOnly(Options.getLocalOrGlobal("ConfirmedOnly", false)) {}

  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    DeadlockCheck::storeOptions(Opts);
    Options.store(Opts, "IncludeIO", IncludeIO);
    Options.store(Opts, "ConfirmedOnly", ConfirmedOnly);
  }

protected:
  bool reports(const core::Finding &F) const override {
    return (IncludeIO || !F.IO) && (!ConfirmedOnly || F.Certain);
  }

private:
  const bool IncludeIO;
  const bool ConfirmedOnly;
};

class DeadlockModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<DoubleLockCheck>("deadlock-double-lock");
    Factories.registerCheck<RecursiveSharedLockCheck>(
        "deadlock-recursive-shared-lock");
    Factories.registerCheck<MissingUnlockCheck>("deadlock-missing-unlock");
    Factories.registerCheck<LockOrderInversionCheck>(
        "deadlock-lock-order-inversion");
    Factories.registerCheck<BlockingUnderLockCheck>(
        "deadlock-blocking-under-lock");
  }
};

static ClangTidyModuleRegistry::Add<DeadlockModule>
    X("deadlock-module", "Static deadlock detection.");

} // namespace clang::tidy::deadlock
