//===--- DeadlockCheck.cpp ------------------------------------------------===//

#include "DeadlockCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <memory>
#include <vector>

using namespace clang::ast_matchers;
namespace core = ::deadlock;

namespace clang::tidy::deadlock {

namespace {

/// Collects findings for the checks to render.
class CollectingHandler : public core::DeadlockHandler {
public:
  std::vector<core::Finding> Findings;
  void handleFinding(const core::Finding &F) override { Findings.push_back(F); }
};

/// The findings of the current translation unit, per analysis
/// configuration. clang-tidy runs one TU at a time; the cache is emptied at
/// the end of each.
class AnalysisCache {
public:
  static const std::vector<core::Finding> &
  findings(ASTContext &Ctx, const Preprocessor *PP,
           const core::AnalysisOptions &Options, StringRef Fingerprint) {
    for (const Entry &E : entries())
      if (E.Ctx == &Ctx && E.Fingerprint == Fingerprint)
        return E.Handler.Findings;
    Entry &E = entries().emplace_back();
    E.Ctx = &Ctx;
    E.Fingerprint = Fingerprint.str();
    core::TranslationUnitAnalysis TU(Ctx, Options, PP);
    TU.summarize();
    TU.report(E.Handler);
    return E.Handler.Findings;
  }
  static void clear() { entries().clear(); }

private:
  struct Entry {
    const ASTContext *Ctx = nullptr;
    std::string Fingerprint;
    CollectingHandler Handler;
  };
  static std::vector<Entry> &entries() {
    static std::vector<Entry> Entries;
    return Entries;
  }
};

} // namespace

DeadlockCheck::DeadlockCheck(StringRef Name, ClangTidyContext *Context,
                             core::CheckKind Kind)
    : ClangTidyCheck(Name, Context), Kind(Kind),
      LockFunctions(Options.getLocalOrGlobal("LockFunctions", "")),
      GuardTypes(Options.getLocalOrGlobal("GuardTypes", "")),
      RecursiveLockTypes(Options.getLocalOrGlobal("RecursiveLockTypes", "")),
      BlockingFunctions(Options.getLocalOrGlobal("BlockingFunctions", "")),
      NonBlockingFunctions(
          Options.getLocalOrGlobal("NonBlockingFunctions", "")),
      MaxPathsPerPoint(Options.getLocalOrGlobal(
          "MaxPathsPerPoint", core::AnalysisLimits().MaxPathsPerPoint)),
      MaxStepsPerFunction(Options.getLocalOrGlobal(
          "MaxStepsPerFunction", core::AnalysisLimits().MaxStepsPerFunction)),
      ReportAnalysisLimits(
          Options.getLocalOrGlobal("ReportAnalysisLimits", false)) {
  Configured = true;
  auto Fail = [&](StringRef Option, llvm::Error Err) {
    configurationDiag("invalid value for option '%0%1': %2",
                      DiagnosticIDs::Error)
        << Name << ("." + Option).str() << llvm::toString(std::move(Err));
    Configured = false;
  };
  if (auto Rows = core::parseLockFunctionRows(LockFunctions))
    for (core::LockFunction &Row : *Rows)
      Analysis.Catalog.add(std::move(Row));
  else
    Fail("LockFunctions", Rows.takeError());
  if (auto Rows = core::parseGuardTypeRows(GuardTypes))
    for (core::GuardType &Row : *Rows)
      Analysis.Catalog.add(std::move(Row));
  else
    Fail("GuardTypes", Rows.takeError());
  for (const std::string &Type : core::parseNameList(RecursiveLockTypes))
    Analysis.Catalog.addRecursiveType(Type);
  for (const std::string &Name : core::parseNameList(BlockingFunctions))
    Analysis.Blocking.addBlocking(Name);
  for (const std::string &Name : core::parseNameList(NonBlockingFunctions))
    Analysis.Blocking.addNonBlocking(Name);
  for (auto [Option, Value] : {std::pair<StringRef, unsigned>{
                                   "MaxPathsPerPoint", MaxPathsPerPoint},
                               {"MaxStepsPerFunction", MaxStepsPerFunction}})
    if (Value == 0)
      Fail(Option, llvm::createStringError(llvm::inconvertibleErrorCode(),
                                           "expected a positive integer"));
  Analysis.Limits.MaxPathsPerPoint = MaxPathsPerPoint;
  Analysis.Limits.MaxStepsPerFunction = MaxStepsPerFunction;
  Fingerprint = LockFunctions + "\n" + GuardTypes + "\n" + RecursiveLockTypes +
                "\n" + BlockingFunctions + "\n" + NonBlockingFunctions +
                "\n" + std::to_string(MaxPathsPerPoint) + "\n" +
                std::to_string(MaxStepsPerFunction);
}

void DeadlockCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "LockFunctions", LockFunctions);
  Options.store(Opts, "GuardTypes", GuardTypes);
  Options.store(Opts, "RecursiveLockTypes", RecursiveLockTypes);
  Options.store(Opts, "BlockingFunctions", BlockingFunctions);
  Options.store(Opts, "NonBlockingFunctions", NonBlockingFunctions);
  Options.store(Opts, "MaxPathsPerPoint", MaxPathsPerPoint);
  Options.store(Opts, "MaxStepsPerFunction", MaxStepsPerFunction);
  Options.store(Opts, "ReportAnalysisLimits", ReportAnalysisLimits);
}

void DeadlockCheck::registerMatchers(MatchFinder *Finder) {
  // The analysis walks the TU itself, once for all deadlock-* checks.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void DeadlockCheck::registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                                        Preprocessor *) {
  this->PP = PP;
}

void DeadlockCheck::check(const MatchFinder::MatchResult &Result) {
  if (!Configured)
    return;
  for (const core::Finding &F :
       AnalysisCache::findings(*Result.Context, PP, Analysis, Fingerprint))
    if ((F.Check == Kind && reports(F)) ||
        (F.Check == core::CheckKind::AnalysisLimit && ReportAnalysisLimits))
      emit(F);
}

void DeadlockCheck::onEndOfTranslationUnit() { AnalysisCache::clear(); }

void DeadlockCheck::emit(const core::Finding &F) {
  auto Loc = [](core::Site S) {
    return SourceLocation::getFromRawEncoding(static_cast<uint32_t>(S.Raw));
  };
  // Each builder is finished before the next one starts.
  diag(Loc(F.Loc), "%0",
       F.Check == core::CheckKind::AnalysisLimit ? DiagnosticIDs::Remark
                                                 : DiagnosticIDs::Warning)
      << F.Message;
  for (const core::Note &N : F.Notes)
    diag(Loc(N.Loc), "%0", DiagnosticIDs::Note) << N.Message;
}

} // namespace clang::tidy::deadlock
