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

class DeadlockModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<DoubleLockCheck>("deadlock-double-lock");
    Factories.registerCheck<RecursiveSharedLockCheck>(
        "deadlock-recursive-shared-lock");
    Factories.registerCheck<MissingUnlockCheck>("deadlock-missing-unlock");
    Factories.registerCheck<LockOrderInversionCheck>(
        "deadlock-lock-order-inversion");
  }
};

static ClangTidyModuleRegistry::Add<DeadlockModule>
    X("deadlock-module", "Static deadlock detection.");

} // namespace clang::tidy::deadlock
