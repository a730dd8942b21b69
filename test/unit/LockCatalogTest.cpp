//===--- LockCatalogTest.cpp - Built-in rows and option rows ---------------===//

#include "Analysis/LockCatalog.h"
#include "gtest/gtest.h"

using namespace deadlock;

namespace {

TEST(LockCatalog, KnowsTheStandardFamilies) {
  LockCatalog C;
  const LockFunction *Lock = C.findFunction("std::mutex::lock");
  ASSERT_NE(Lock, nullptr);
  EXPECT_EQ(Lock->Action, LockAction::Acquire);
  const LockFunction *Shared = C.findFunction("std::shared_mutex::lock_shared");
  ASSERT_NE(Shared, nullptr);
  EXPECT_EQ(Shared->Mode, LockMode::Shared);
  const LockFunction *Try = C.findFunction("pthread_mutex_trylock");
  ASSERT_NE(Try, nullptr);
  EXPECT_EQ(Try->Action, LockAction::TryAcquire);
  EXPECT_EQ(Try->Success, SuccessValue::Zero);
  EXPECT_EQ(Try->Operand, LockOperand::FirstArgument);
  EXPECT_EQ(C.findFunction("std::lock")->Action, LockAction::AcquireAll);
  EXPECT_EQ(C.findFunction("absl::Mutex::ReaderLock")->Mode, LockMode::Shared);
  EXPECT_EQ(C.findFunction("std::vector::push_back"), nullptr);
  EXPECT_TRUE(C.isRecursiveType("std::recursive_mutex"));
  EXPECT_FALSE(C.isRecursiveType("std::mutex"));
  ASSERT_NE(C.findGuard("std::unique_lock"), nullptr);
  EXPECT_TRUE(C.findGuard("std::unique_lock")->Unique);
  EXPECT_EQ(C.findGuard("std::shared_lock")->Mode, LockMode::Shared);
  EXPECT_TRUE(C.findGuard("std::scoped_lock")->AllArguments);
  EXPECT_EQ(C.findGuardMethod("release")->Action, GuardAction::Disown);
  EXPECT_EQ(C.findGuardMethod("Release")->Action, GuardAction::Unlock);
  EXPECT_EQ(C.classifyTag("std::adopt_lock_t"), LockCatalog::GuardTag::Adopt);
}

TEST(LockCatalog, OptionRowsAddFunctions) {
  auto Rows = parseLockFunctionRows(
      " my::Spin::acquire = acquire ; my_rdlock=acquire-shared;"
      "my_trylock=try-acquire:0; my::Spin::release=release;");
  ASSERT_TRUE(static_cast<bool>(Rows)) << llvm::toString(Rows.takeError());
  ASSERT_EQ(Rows->size(), 4u);
  EXPECT_EQ((*Rows)[0].Name, "my::Spin::acquire");
  EXPECT_EQ((*Rows)[1].Mode, LockMode::Shared);
  EXPECT_EQ((*Rows)[2].Action, LockAction::TryAcquire);
  EXPECT_EQ((*Rows)[2].Success, SuccessValue::Zero);
  LockCatalog C;
  for (LockFunction &Row : *Rows)
    C.add(Row);
  EXPECT_EQ(C.findFunction("my::Spin::release")->Action, LockAction::Release);
}

// The analyzer's -analyzer-config values cannot contain '=': a space
// separates the name from its effect there.
TEST(LockCatalog, OptionRowsMaySeparateWithASpace) {
  auto Rows = parseLockFunctionRows("my::Spin::acquire acquire;my_try try-acquire:0");
  ASSERT_TRUE(static_cast<bool>(Rows)) << llvm::toString(Rows.takeError());
  ASSERT_EQ(Rows->size(), 2u);
  EXPECT_EQ((*Rows)[0].Name, "my::Spin::acquire");
  EXPECT_EQ((*Rows)[0].Action, LockAction::Acquire);
  EXPECT_EQ((*Rows)[1].Success, SuccessValue::Zero);

  auto Guards = parseGuardTypeRows("my::Guard;my::Reader shared");
  ASSERT_TRUE(static_cast<bool>(Guards));
  EXPECT_EQ((*Guards)[0].Name, "my::Guard");
  EXPECT_EQ((*Guards)[1].Mode, LockMode::Shared);
}

TEST(LockCatalog, BadOptionRowsAreErrorsNamingTheEntry) {
  auto Unknown = parseLockFunctionRows("f=acquire;g=grab");
  ASSERT_FALSE(static_cast<bool>(Unknown));
  std::string Message = llvm::toString(Unknown.takeError());
  EXPECT_NE(Message.find("'g=grab'"), std::string::npos) << Message;

  auto Missing = parseLockFunctionRows("=acquire");
  EXPECT_FALSE(static_cast<bool>(Missing));
  llvm::consumeError(Missing.takeError());

  auto ZeroOnRelease = parseLockFunctionRows("f=release:0");
  EXPECT_FALSE(static_cast<bool>(ZeroOnRelease));
  llvm::consumeError(ZeroOnRelease.takeError());

  auto Guard = parseGuardTypeRows("my::Guard;my::Reader=shared;x=weird");
  EXPECT_FALSE(static_cast<bool>(Guard));
  llvm::consumeError(Guard.takeError());

  auto Guards = parseGuardTypeRows("my::Guard; my::Reader=shared; my::U=unique");
  ASSERT_TRUE(static_cast<bool>(Guards));
  EXPECT_EQ((*Guards)[1].Mode, LockMode::Shared);
  EXPECT_TRUE((*Guards)[2].Unique);
}

TEST(LockCatalog, NameListsIgnoreBlanks) {
  EXPECT_EQ(parseNameList(" a ;; b;"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(parseNameList("").empty());
}

} // namespace
