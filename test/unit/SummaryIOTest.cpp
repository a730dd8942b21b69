//===--- SummaryIOTest.cpp - Summaries survive JSON, bad input is refused --===//

#include "Analysis/TranslationUnitAnalysis.h"
#include "Core/Composition.h"
#include "Core/SummaryIO.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <set>

using namespace deadlock;

namespace {

const char *Code = R"cpp(
namespace std {
struct mutex { void lock(); void unlock(); bool try_lock(); };
void lock(mutex &, mutex &);
}
std::mutex a, b;
struct Account { std::mutex Mu; };
void lockA() { a.lock(); }
bool tryB() { return b.try_lock(); }
void order1() { lockA(); b.lock(); b.unlock(); a.unlock(); }
void order2() { b.lock(); a.lock(); a.unlock(); b.unlock(); }
void both() { std::lock(a, b); a.unlock(); b.unlock(); }
void twice() { a.lock(); lockA(); }
void transfer(Account &x, Account *y) { x.Mu.lock(); y->Mu.lock(); }
struct Holder { std::mutex *M; explicit Holder(std::mutex *m) : M(m) {} };
struct cv { void wait(std::mutex &); void notify_one(); };
namespace std { struct condition_variable_any { template <class L> void wait(L &); void notify_one(); }; }
std::condition_variable_any Cv;
void waiter() { a.lock(); b.lock(); Cv.wait(b); b.unlock(); a.unlock(); }
void waker() { a.lock(); Cv.notify_one(); a.unlock(); }
void callsWaiter() { b.lock(); waiter(); b.unlock(); }
extern "C" int fcntl(int, int, ...);
#define F_SETFL 4
#define O_NONBLOCK 04000
void unblock(int Fd) { fcntl(Fd, F_SETFL, O_NONBLOCK); }
struct Sig { ~Sig() { a.lock(); a.unlock(); } };
struct Sock { Sig *S; Sock() : S(nullptr) {} ~Sock() { if (S) delete S; } };
void makeAndDrop() { Sock *K = new Sock(); delete K; }
)cpp";

class Collecting : public DeadlockHandler {
public:
  std::vector<Finding> Findings;
  void handleFinding(const Finding &F) override { Findings.push_back(F); }
};

/// Findings as comparable text: check, position, message, notes.
std::multiset<std::string> render(const std::vector<Finding> &Findings,
                                  const SiteResolver &Sites) {
  std::multiset<std::string> Out;
  for (const Finding &F : Findings) {
    Location L = Sites.resolve(F.Loc);
    std::string Text = checkName(F.Check).str() + "@" + std::to_string(L.Line) +
                       ":" + std::to_string(L.Column) + " " + F.Message;
    for (const Note &N : F.Notes) {
      Location NL = Sites.resolve(N.Loc);
      Text += " | " + std::to_string(NL.Line) + ":" +
              std::to_string(NL.Column) + " " + N.Message;
    }
    Out.insert(Text);
  }
  return Out;
}

class SummaryIOTest : public ::testing::Test {
protected:
  void SetUp() override {
    AST = clang::tooling::buildASTFromCodeWithArgs(Code, {"-std=c++17"});
    ASSERT_TRUE(AST);
    TU = std::make_unique<TranslationUnitAnalysis>(AST->getASTContext(),
                                                   Options);
    TU->summarize();
    TU->symbols().assignKeys();
    Sites = std::make_unique<ClangSiteResolver>(AST->getSourceManager());
  }

  AnalysisOptions Options;
  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<TranslationUnitAnalysis> TU;
  std::unique_ptr<ClangSiteResolver> Sites;
};

TEST_F(SummaryIOTest, RoundTripIsExact) {
  llvm::json::Value Written = writeSummaries(TU->program(), *Sites);
  ProgramSummaries Read;
  LocationTable Locations;
  ASSERT_FALSE(static_cast<bool>(readSummaries(Written, Read, Locations)));
  EXPECT_EQ(Read.Functions.size(), TU->program().Functions.size());
  EXPECT_TRUE(llvm::any_of(Read.Functions, [](const auto &Entry) {
    return Entry.second.NonBlockingDescriptors.size() == 1;
  }));
  // Object facts: a constructor's null field, a destructor's test, the
  // constructor of a deleted fresh object.
  EXPECT_TRUE(llvm::any_of(Read.Functions, [](const auto &Entry) {
    return Entry.second.LeavesNull.Fields.size() == 1;
  }));
  EXPECT_TRUE(llvm::any_of(Read.Functions, [](const auto &Entry) {
    return llvm::any_of(Entry.second.Calls, [](const CallRecord &C) {
      return C.IfNonNull.size() == 1;
    });
  }));
  EXPECT_TRUE(llvm::any_of(Read.Functions, [](const auto &Entry) {
    return llvm::any_of(Entry.second.Calls, [](const CallRecord &C) {
      return C.FreshFrom.size() == 1;
    });
  }));
  llvm::json::Value Rewritten = writeSummaries(Read, Locations);
  EXPECT_EQ(llvm::formatv("{0:2}", Written).str(),
            llvm::formatv("{0:2}", Rewritten).str());
}

TEST_F(SummaryIOTest, ReadSummariesComposeToTheSameFindings) {
  Collecting Direct;
  TU->report(Direct);
  ASSERT_FALSE(Direct.Findings.empty());

  ProgramSummaries Read;
  LocationTable Locations;
  ASSERT_FALSE(static_cast<bool>(readSummaries(
      writeSummaries(TU->program(), *Sites), Read, Locations)));
  Collecting FromFile;
  reportFindings(Read, FromFile);
  EXPECT_EQ(render(Direct.Findings, *Sites), render(FromFile.Findings, Locations));
}

TEST_F(SummaryIOTest, MergingTwiceKeepsOneSummaryPerFunction) {
  llvm::json::Value Written = writeSummaries(TU->program(), *Sites);
  ProgramSummaries Read;
  LocationTable Locations;
  ASSERT_FALSE(static_cast<bool>(readSummaries(Written, Read, Locations)));
  size_t Symbols = Read.Symbols.size();
  ASSERT_FALSE(static_cast<bool>(readSummaries(Written, Read, Locations)));
  EXPECT_EQ(Read.Functions.size(), TU->program().Functions.size());
  EXPECT_EQ(Read.Symbols.size(), Symbols);
}

// Files written before descriptors were summarised lack the key: they
// read, with no non-blocking descriptors.
TEST_F(SummaryIOTest, NonBlockingDescriptorsAreOptional) {
  llvm::json::Value Written = writeSummaries(TU->program(), *Sites);
  unsigned Dropped = 0;
  for (llvm::json::Value &F : *Written.getAsObject()->getArray("functions"))
    Dropped += F.getAsObject()->erase("nonBlockingDescriptors");
  ASSERT_EQ(Dropped, TU->program().Functions.size());
  ProgramSummaries Read;
  LocationTable Locations;
  ASSERT_FALSE(static_cast<bool>(readSummaries(Written, Read, Locations)));
  EXPECT_EQ(Read.Functions.size(), TU->program().Functions.size());
  EXPECT_TRUE(llvm::none_of(Read.Functions, [](const auto &Entry) {
    return !Entry.second.NonBlockingDescriptors.empty();
  }));
}

// A header function can be lock-free (calls only) in one unit's summary and
// take locks in another's, where more of what it calls is defined: the
// merge keeps the full summary, whichever unit is read first.
TEST_F(SummaryIOTest, AFullSummaryReplacesAFactsOnlyOne) {
  llvm::json::Value Full = writeSummaries(TU->program(), *Sites);
  llvm::json::Value FactsOnly = Full;
  for (llvm::json::Value &F : *FactsOnly.getAsObject()->getArray("functions")) {
    (*F.getAsObject())["factsOnly"] = true;
    (*F.getAsObject())["acquisitions"] = llvm::json::Array();
  }
  auto Acquisitions = [](const ProgramSummaries &P) {
    size_t N = 0;
    for (const auto &Entry : P.Functions)
      N += Entry.second.Acquisitions.size();
    return N;
  };
  for (bool FactsOnlyFirst : {true, false}) {
    ProgramSummaries Read;
    LocationTable Locations;
    for (const llvm::json::Value *Doc :
         FactsOnlyFirst ? std::initializer_list<const llvm::json::Value *>{
                              &FactsOnly, &Full}
                        : std::initializer_list<const llvm::json::Value *>{
                              &Full, &FactsOnly})
      ASSERT_FALSE(static_cast<bool>(readSummaries(*Doc, Read, Locations)));
    EXPECT_EQ(Acquisitions(Read), Acquisitions(TU->program()));
    auto FactsOnly = [](const ProgramSummaries &P) {
      return llvm::count_if(P.Functions, [](const auto &Entry) {
        return Entry.second.FactsOnly;
      });
    };
    EXPECT_EQ(FactsOnly(Read), FactsOnly(TU->program()));
  }
}

// The object facts are optional keys; present, they are checked like the
// rest.
TEST_F(SummaryIOTest, BrokenObjectFactsAreNamed) {
  auto Corrupt = [&](llvm::StringRef Key, llvm::json::Value Bad) {
    llvm::json::Value Written = writeSummaries(TU->program(), *Sites);
    for (llvm::json::Value &F : *Written.getAsObject()->getArray("functions"))
      if (F.getAsObject()->get(Key)) {
        (*F.getAsObject())[Key] = std::move(Bad);
        break;
      }
    ProgramSummaries Read;
    LocationTable Locations;
    return llvm::toString(readSummaries(Written, Read, Locations));
  };
  std::string NotAnObject = Corrupt("leavesNull", 3);
  EXPECT_NE(NotAnObject.find("leavesNull"), std::string::npos) << NotAnObject;
  EXPECT_NE(NotAnObject.find("expected an object"), std::string::npos)
      << NotAnObject;
  std::string BadField = Corrupt(
      "leavesNull", llvm::json::Object{{"fields", llvm::json::Array{100000}},
                                       {"bases", llvm::json::Array()},
                                       {"written", llvm::json::Array()}});
  EXPECT_NE(BadField.find("leavesNull.fields[0]"), std::string::npos)
      << BadField;
  EXPECT_NE(BadField.find("expected an index into 'symbols'"),
            std::string::npos)
      << BadField;
}

std::string errorOf(llvm::StringRef Text) {
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Text);
  if (!Parsed)
    return "parse: " + llvm::toString(Parsed.takeError());
  ProgramSummaries Into;
  LocationTable Locations;
  return llvm::toString(readSummaries(*Parsed, Into, Locations));
}

TEST(SummaryIOErrors, RejectOtherFormatsAndVersions) {
  EXPECT_NE(errorOf("[]").find("expected a summary document"), std::string::npos);
  EXPECT_NE(errorOf(R"({"format": "other", "version": 1})").find("not a clang-deadlock"),
            std::string::npos);
  std::string Version = errorOf(
      R"({"format": "clang-deadlock-summaries", "version": 2, "symbols": [], "locations": [], "functions": []})");
  EXPECT_NE(Version.find("unsupported summary format version"), std::string::npos)
      << Version;
}

TEST(SummaryIOErrors, NameWhereADocumentIsBroken) {
  std::string BadIndex = errorOf(R"({"format": "clang-deadlock-summaries", "version": 1,
    "symbols": [], "locations": [],
    "functions": [{"symbol": 7, "loc": 0}]})");
  EXPECT_NE(BadIndex.find("functions[0].symbol"), std::string::npos) << BadIndex;

  std::string BadKind = errorOf(R"({"format": "clang-deadlock-summaries", "version": 1,
    "symbols": [{"kind": "spoon", "name": "", "qualified": "", "key": ""}],
    "locations": [], "functions": []})");
  EXPECT_NE(BadKind.find("symbols[0].kind"), std::string::npos) << BadKind;

  std::string Missing = errorOf(R"({"format": "clang-deadlock-summaries", "version": 1,
    "symbols": [], "locations": [{"file": "a.cpp", "line": 1}], "functions": []})");
  EXPECT_NE(Missing.find("locations[0].column"), std::string::npos) << Missing;
}

} // namespace
