//===--- AnalysisTest.cpp - Summaries and findings of small programs -------===//

#include "Analysis/TranslationUnitAnalysis.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace deadlock;

namespace {

// Stand-ins for the std types the catalog names; no system headers needed.
const char *Prelude = R"cpp(
namespace std {
struct mutex { void lock(); void unlock(); bool try_lock(); };
struct try_to_lock_t {};
template <class M> struct unique_lock {
  explicit unique_lock(M &);
  unique_lock(M &, try_to_lock_t);
  ~unique_lock();
  void unlock();
  bool owns_lock() const;
};
}
std::mutex a, b;
void external();
)cpp";

class CollectingHandler : public DeadlockHandler {
public:
  std::vector<Finding> Findings;
  void handleFinding(const Finding &F) override { Findings.push_back(F); }
};

class AnalysisTest : public ::testing::Test {
protected:
  void analyze(llvm::StringRef Code) {
    AST = clang::tooling::buildASTFromCodeWithArgs(
        (llvm::Twine(Prelude) + Code).str(), {"-std=c++17"});
    ASSERT_TRUE(AST);
    TU = std::make_unique<TranslationUnitAnalysis>(AST->getASTContext(),
                                                   Options);
    TU->summarize();
    TU->report(Handler);
  }

  const FunctionSummary *summaryOf(llvm::StringRef Name) {
    for (auto &[Function, Summary] : TU->program().Functions)
      if (Function->Name == Name)
        return &Summary;
    return nullptr;
  }

  std::vector<CheckKind> checks() const {
    std::vector<CheckKind> Kinds;
    for (const Finding &F : Handler.Findings)
      Kinds.push_back(F.Check);
    return Kinds;
  }

  AnalysisOptions Options;
  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<TranslationUnitAnalysis> TU;
  CollectingHandler Handler;
};

TEST_F(AnalysisTest, AcquireWrapperSummary) {
  analyze("void Lock() { a.lock(); }");
  const FunctionSummary *S = summaryOf("Lock");
  ASSERT_NE(S, nullptr);
  ASSERT_EQ(S->Exit.Acquired.size(), 1u);
  EXPECT_EQ(S->Exit.Acquired[0].Lock.str(), "a");
  EXPECT_TRUE(Handler.Findings.empty());
}

TEST_F(AnalysisTest, TryWrapperSummary) {
  analyze("bool TryLock() { return a.try_lock(); }");
  const FunctionSummary *S = summaryOf("TryLock");
  ASSERT_NE(S, nullptr);
  EXPECT_TRUE(S->Exit.Acquired.empty());
  ASSERT_EQ(S->Exit.TryAcquired.size(), 1u);
  EXPECT_EQ(S->Exit.Success, SuccessValue::True);
  EXPECT_TRUE(Handler.Findings.empty());
}

TEST_F(AnalysisTest, ReleaseWrapperSummary) {
  analyze("void Unlock() { a.unlock(); }");
  const FunctionSummary *S = summaryOf("Unlock");
  ASSERT_NE(S, nullptr);
  ASSERT_EQ(S->Exit.Released.size(), 1u);
  EXPECT_EQ(S->Exit.Released[0].str(), "a");
}

TEST_F(AnalysisTest, AcquisitionsRecordTheLocksHeld) {
  analyze("void f() { a.lock(); b.lock(); b.unlock(); a.unlock(); }");
  const FunctionSummary *S = summaryOf("f");
  ASSERT_NE(S, nullptr);
  ASSERT_EQ(S->Acquisitions.size(), 2u);
  EXPECT_TRUE(S->Acquisitions[0].Held.empty());
  EXPECT_EQ(S->Acquisitions[1].Lock.Lock.str(), "b");
  ASSERT_EQ(S->Acquisitions[1].Held.size(), 1u);
  EXPECT_EQ(S->Acquisitions[1].Held[0].Lock.str(), "a");
  EXPECT_TRUE(S->Exit.empty());
}

TEST_F(AnalysisTest, CallsRecordTheLocksHeldAcrossThem) {
  analyze("void f() { a.lock(); external(); a.unlock(); external(); }");
  const FunctionSummary *S = summaryOf("f");
  ASSERT_NE(S, nullptr);
  ASSERT_EQ(S->Calls.size(), 2u);
  EXPECT_EQ(S->Calls[0].Callee->Name, "external");
  ASSERT_EQ(S->Calls[0].Held.size(), 1u);
  EXPECT_TRUE(S->Calls[1].Held.empty());
}

TEST_F(AnalysisTest, WrapperEffectsApplyAtCallSites) {
  analyze("void Lock() { a.lock(); }\n"
          "void Unlock() { a.unlock(); }\n"
          "void f() { Lock(); external(); Unlock(); }\n"
          "void g() { Lock(); Lock(); }");
  const FunctionSummary *F = summaryOf("f");
  ASSERT_NE(F, nullptr);
  EXPECT_TRUE(F->Exit.empty());
  ASSERT_EQ(F->Calls.size(), 3u);
  ASSERT_EQ(F->Calls[1].Held.size(), 1u);
  EXPECT_EQ(F->Calls[1].Held[0].Lock.str(), "a");
  EXPECT_EQ(checks(), std::vector<CheckKind>{CheckKind::DoubleLock});
}

TEST_F(AnalysisTest, PrunesCorrelatedAndTryLockPaths) {
  analyze("void f(bool c) { if (c) a.lock(); external(); if (c) a.unlock(); }\n"
          "void g() { if (a.try_lock()) a.unlock(); }\n"
          "void h() { std::unique_lock<std::mutex> l(a, std::try_to_lock_t());"
          "  if (!l.owns_lock()) return; a.unlock(); a.lock(); }");
  EXPECT_TRUE(Handler.Findings.empty());
}

TEST_F(AnalysisTest, ReportsDoubleLockAndMissingUnlock) {
  analyze("void f() { a.lock(); a.lock(); }\n"
          "void g(bool c) { a.lock(); if (c) return; a.unlock(); }");
  EXPECT_EQ(checks(), (std::vector<CheckKind>{CheckKind::DoubleLock,
                                              CheckKind::MissingUnlock}));
  ASSERT_EQ(Handler.Findings[0].Notes.size(), 1u);
  EXPECT_EQ(Handler.Findings[0].Notes[0].Message, "'a' first acquired here");
}

TEST_F(AnalysisTest, PathBoundIsReportedNotSilent) {
  Options.Limits.MaxPathsPerPoint = 2;
  analyze("std::mutex m1, m2, m3;\n"
          "void f(bool x, bool y, bool z) {\n"
          "  if (x) m1.lock(); if (y) m2.lock(); if (z) m3.lock();\n"
          "}");
  // The truncated paths would make the end of `f` look like a missing
  // unlock; only the remark is reported.
  ASSERT_EQ(checks(), std::vector<CheckKind>{CheckKind::AnalysisLimit});
  EXPECT_NE(Handler.Findings[0].Message.find("2 paths per program point"),
            std::string::npos);
}

TEST_F(AnalysisTest, StepBoundStopsTheFunction) {
  Options.Limits.MaxStepsPerFunction = 10;
  analyze("void f() { for (int i = 0; i < 10; ++i) { a.lock(); a.unlock(); } }");
  ASSERT_EQ(checks(), std::vector<CheckKind>{CheckKind::AnalysisLimit});
}

} // namespace
