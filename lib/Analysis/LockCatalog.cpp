//===--- LockCatalog.cpp - The built-in rows ------------------------------===//

#include "LockCatalog.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

namespace deadlock {

namespace {

constexpr LockMode X = LockMode::Exclusive;
constexpr LockMode S = LockMode::Shared;

/// Member functions shared by the mutex classes of several libraries.
struct MemberRow {
  const char *Member;
  LockAction Action;
  LockMode Mode;
};

// std::mutex and friends, boost's look-alikes.
constexpr MemberRow StdMutexMembers[] = {
    {"lock", LockAction::Acquire, X},
    {"try_lock", LockAction::TryAcquire, X},
    {"try_lock_for", LockAction::TryAcquire, X},
    {"try_lock_until", LockAction::TryAcquire, X},
    {"unlock", LockAction::Release, X},
    {"lock_shared", LockAction::Acquire, S},
    {"try_lock_shared", LockAction::TryAcquire, S},
    {"try_lock_shared_for", LockAction::TryAcquire, S},
    {"try_lock_shared_until", LockAction::TryAcquire, S},
    {"unlock_shared", LockAction::Release, S},
};
const char *const StdMutexTypes[] = {
    "std::mutex",
    "std::timed_mutex",
    "std::recursive_mutex",
    "std::recursive_timed_mutex",
    "std::shared_mutex",
    "std::shared_timed_mutex",
    "boost::mutex",
    "boost::timed_mutex",
    "boost::recursive_mutex",
    "boost::recursive_timed_mutex",
    "boost::shared_mutex",
};

// absl::Mutex: its own names plus std-style aliases.
constexpr MemberRow AbslMutexMembers[] = {
    {"Lock", LockAction::Acquire, X},
    {"WriterLock", LockAction::Acquire, X},
    {"LockWhen", LockAction::Acquire, X},
    {"WriterLockWhen", LockAction::Acquire, X},
    // Always returns holding the lock; the result only reports the condition.
    {"LockWhenWithTimeout", LockAction::Acquire, X},
    {"LockWhenWithDeadline", LockAction::Acquire, X},
    {"ReaderLock", LockAction::Acquire, S},
    {"ReaderLockWhen", LockAction::Acquire, S},
    {"ReaderLockWhenWithTimeout", LockAction::Acquire, S},
    {"ReaderLockWhenWithDeadline", LockAction::Acquire, S},
    {"TryLock", LockAction::TryAcquire, X},
    {"WriterTryLock", LockAction::TryAcquire, X},
    {"ReaderTryLock", LockAction::TryAcquire, S},
    {"Unlock", LockAction::Release, X},
    {"WriterUnlock", LockAction::Release, X},
    {"ReaderUnlock", LockAction::Release, S},
    {"lock", LockAction::Acquire, X},
    {"try_lock", LockAction::TryAcquire, X},
    {"unlock", LockAction::Release, X},
    {"lock_shared", LockAction::Acquire, S},
    {"try_lock_shared", LockAction::TryAcquire, S},
    {"unlock_shared", LockAction::Release, S},
};

// Qt.
constexpr MemberRow QtMutexMembers[] = {
    {"lock", LockAction::Acquire, X},
    {"tryLock", LockAction::TryAcquire, X},
    {"try_lock", LockAction::TryAcquire, X},
    {"unlock", LockAction::Release, X},
};
const char *const QtMutexTypes[] = {"QMutex", "QRecursiveMutex", "QBasicMutex"};
constexpr MemberRow QtReadWriteLockMembers[] = {
    {"lockForRead", LockAction::Acquire, S},
    {"lockForWrite", LockAction::Acquire, X},
    {"tryLockForRead", LockAction::TryAcquire, S},
    {"tryLockForWrite", LockAction::TryAcquire, X},
    {"unlock", LockAction::Release, X},
};

LockFunction freeFunction(const char *Name, LockAction Action, LockMode Mode,
                          SuccessValue Success = SuccessValue::Zero) {
  return {Name, Action, Mode, LockOperand::FirstArgument, Success};
}

// C APIs: the lock is the first argument, try functions return 0 on success.
const LockFunction CFunctions[] = {
    freeFunction("pthread_mutex_lock", LockAction::Acquire, X),
    freeFunction("pthread_mutex_trylock", LockAction::TryAcquire, X),
    freeFunction("pthread_mutex_timedlock", LockAction::TryAcquire, X),
    freeFunction("pthread_mutex_clocklock", LockAction::TryAcquire, X),
    freeFunction("pthread_mutex_unlock", LockAction::Release, X),
    freeFunction("pthread_rwlock_rdlock", LockAction::Acquire, S),
    freeFunction("pthread_rwlock_tryrdlock", LockAction::TryAcquire, S),
    freeFunction("pthread_rwlock_timedrdlock", LockAction::TryAcquire, S),
    freeFunction("pthread_rwlock_clockrdlock", LockAction::TryAcquire, S),
    freeFunction("pthread_rwlock_wrlock", LockAction::Acquire, X),
    freeFunction("pthread_rwlock_trywrlock", LockAction::TryAcquire, X),
    freeFunction("pthread_rwlock_timedwrlock", LockAction::TryAcquire, X),
    freeFunction("pthread_rwlock_clockwrlock", LockAction::TryAcquire, X),
    freeFunction("pthread_rwlock_unlock", LockAction::Release, X),
    freeFunction("pthread_spin_lock", LockAction::Acquire, X),
    freeFunction("pthread_spin_trylock", LockAction::TryAcquire, X),
    freeFunction("pthread_spin_unlock", LockAction::Release, X),
    freeFunction("mtx_lock", LockAction::Acquire, X),
    freeFunction("mtx_trylock", LockAction::TryAcquire, X),
    freeFunction("mtx_timedlock", LockAction::TryAcquire, X),
    freeFunction("mtx_unlock", LockAction::Release, X),
};

// Deadlock-avoiding multi-lock algorithms.
const LockFunction MultiLockFunctions[] = {
    {"std::lock", LockAction::AcquireAll, X, LockOperand::AllArguments},
    {"std::try_lock", LockAction::TryAcquireAll, X, LockOperand::AllArguments,
     SuccessValue::MinusOne},
    {"boost::lock", LockAction::AcquireAll, X, LockOperand::AllArguments},
};

const GuardType BuiltinGuards[] = {
    {"std::lock_guard", X, false},
    {"std::scoped_lock", X, false, /*AllArguments=*/true},
    {"std::unique_lock", X, true},
    {"std::shared_lock", S, true},
    {"boost::lock_guard", X, false},
    {"boost::unique_lock", X, true},
    {"boost::shared_lock", S, true},
    {"absl::MutexLock", X, false},
    {"absl::WriterMutexLock", X, false},
    {"absl::ReaderMutexLock", S, false},
    {"absl::ReleasableMutexLock", X, false},
    {"QMutexLocker", X, false},
    {"QWriteLocker", X, false},
    {"QReadLocker", S, false},
};

const GuardMethod BuiltinGuardMethods[] = {
    {"lock", GuardAction::Lock},
    {"relock", GuardAction::Lock},
    {"try_lock", GuardAction::TryLock},
    {"try_lock_for", GuardAction::TryLock},
    {"try_lock_until", GuardAction::TryLock},
    {"unlock", GuardAction::Unlock},
    {"Release", GuardAction::Unlock},
    {"release", GuardAction::Disown},
    {"owns_lock", GuardAction::OwnsQuery},
    {"operator bool", GuardAction::OwnsQuery},
};

const char *const RecursiveLockTypes[] = {
    "std::recursive_mutex",   "std::recursive_timed_mutex",
    "boost::recursive_mutex", "boost::recursive_timed_mutex",
    "QRecursiveMutex",
};

} // namespace

LockCatalog::LockCatalog() {
  auto AddMembers = [&](llvm::ArrayRef<MemberRow> Members,
                        llvm::ArrayRef<const char *> Types) {
    for (const char *Type : Types)
      for (const MemberRow &M : Members)
        add(LockFunction{std::string(Type) + "::" + M.Member, M.Action, M.Mode,
                         LockOperand::Object, SuccessValue::True});
  };
  AddMembers(StdMutexMembers, StdMutexTypes);
  AddMembers(AbslMutexMembers, {"absl::Mutex"});
  AddMembers(QtMutexMembers, QtMutexTypes);
  AddMembers(QtReadWriteLockMembers, {"QReadWriteLock"});
  for (const LockFunction &Row : CFunctions)
    add(Row);
  for (const LockFunction &Row : MultiLockFunctions)
    add(Row);
  for (const GuardType &Row : BuiltinGuards)
    add(Row);
  for (const GuardMethod &Row : BuiltinGuardMethods)
    GuardMethods[Row.Name] = Row;
  for (const char *Name : RecursiveLockTypes)
    addRecursiveType(Name);
}

void LockCatalog::add(LockFunction Row) {
  std::string Name = Row.Name;
  Functions[Name] = std::move(Row);
}

void LockCatalog::add(GuardType Row) {
  std::string Name = Row.Name;
  Guards[Name] = std::move(Row);
}

void LockCatalog::addRecursiveType(llvm::StringRef Name) {
  RecursiveTypes.insert(Name);
}

const LockFunction *
LockCatalog::findFunction(llvm::StringRef QualifiedName) const {
  auto It = Functions.find(QualifiedName);
  return It == Functions.end() ? nullptr : &It->second;
}

const GuardType *LockCatalog::findGuard(llvm::StringRef QualifiedName) const {
  auto It = Guards.find(QualifiedName);
  return It == Guards.end() ? nullptr : &It->second;
}

const GuardMethod *LockCatalog::findGuardMethod(llvm::StringRef Name) const {
  auto It = GuardMethods.find(Name);
  return It == GuardMethods.end() ? nullptr : &It->second;
}

LockCatalog::GuardTag LockCatalog::classifyTag(llvm::StringRef Name) const {
  return llvm::StringSwitch<GuardTag>(Name)
      .Cases("std::defer_lock_t", "boost::defer_lock_t", GuardTag::Defer)
      .Cases("std::try_to_lock_t", "boost::try_to_lock_t", GuardTag::Try)
      .Cases("std::adopt_lock_t", "boost::adopt_lock_t", GuardTag::Adopt)
      .Default(GuardTag::None);
}

//===----------------------------------------------------------------------===//
// Option rows
//===----------------------------------------------------------------------===//

std::vector<std::string> parseNameList(llvm::StringRef Option) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Option.split(Parts, ';', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Names;
  for (llvm::StringRef Part : Parts)
    if (!Part.trim().empty())
      Names.push_back(Part.trim().str());
  return Names;
}

namespace {
llvm::Error badEntry(llvm::StringRef Entry, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "invalid entry '" + Entry + "': " + Why);
}

/// Splits `name=value`, or `name value` (the analyzer's -analyzer-config
/// allows no `=` inside a value); an entry with neither has an empty value.
std::pair<llvm::StringRef, llvm::StringRef> splitEntry(llvm::StringRef Entry) {
  Entry = Entry.trim();
  auto [Name, Value] =
      Entry.contains('=') ? Entry.split('=') : Entry.rsplit(' ');
  return {Name.trim(), Value.trim()};
}
} // namespace

llvm::Expected<std::vector<LockFunction>>
parseLockFunctionRows(llvm::StringRef Option) {
  std::vector<LockFunction> Rows;
  for (const std::string &Entry : parseNameList(Option)) {
    auto [Name, Effect] = splitEntry(Entry);
    if (Name.empty())
      return badEntry(Entry, "missing function name");
    SuccessValue Success = SuccessValue::True;
    if (Effect.consume_back(":0"))
      Success = SuccessValue::Zero;
    std::optional<std::pair<LockAction, LockMode>> Parsed =
        llvm::StringSwitch<std::optional<std::pair<LockAction, LockMode>>>(
            Effect)
            .Case("acquire", std::make_pair(LockAction::Acquire, X))
            .Case("acquire-shared", std::make_pair(LockAction::Acquire, S))
            .Case("release", std::make_pair(LockAction::Release, X))
            .Case("try-acquire", std::make_pair(LockAction::TryAcquire, X))
            .Case("try-acquire-shared",
                  std::make_pair(LockAction::TryAcquire, S))
            .Default(std::nullopt);
    if (!Parsed)
      return badEntry(Entry,
                      "expected 'name=EFFECT' with EFFECT one of "
                      "acquire, acquire-shared, release, try-acquire, "
                      "try-acquire-shared (try effects may end in ':0')");
    if (Success == SuccessValue::Zero &&
        Parsed->first != LockAction::TryAcquire)
      return badEntry(Entry, "':0' only applies to try-acquire effects");
    Rows.push_back({Name.str(), Parsed->first, Parsed->second,
                    LockOperand::Object, Success});
  }
  return Rows;
}

llvm::Expected<std::vector<GuardType>>
parseGuardTypeRows(llvm::StringRef Option) {
  std::vector<GuardType> Rows;
  for (const std::string &Entry : parseNameList(Option)) {
    auto [Name, Kind] = splitEntry(Entry);
    if (Name.empty())
      return badEntry(Entry, "missing type name");
    std::optional<GuardType> Row =
        llvm::StringSwitch<std::optional<GuardType>>(Kind)
            .Cases("", "scoped", GuardType{Name.str(), X, false})
            .Case("shared", GuardType{Name.str(), S, false})
            .Case("unique", GuardType{Name.str(), X, true})
            .Case("unique-shared", GuardType{Name.str(), S, true})
            .Default(std::nullopt);
    if (!Row)
      return badEntry(Entry, "expected 'name' or 'name=KIND' with KIND one of "
                             "scoped, shared, unique, unique-shared");
    Rows.push_back(std::move(*Row));
  }
  return Rows;
}

} // namespace deadlock
