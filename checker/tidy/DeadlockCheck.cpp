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
      ReportAnalysisLimits(
          Options.getLocalOrGlobal("ReportAnalysisLimits", false)) {
  auto Fail = [&](llvm::Error Err) {
    configurationDiag("%0", DiagnosticIDs::Error)
        << llvm::toString(std::move(Err));
  };
  auto Read = core::AnalysisSettings::read(
      [&](StringRef Option) -> std::optional<std::string> {
        std::optional<StringRef> Value = Options.getLocalOrGlobal(Option);
        if (!Value)
          return std::nullopt;
        return Value->str();
      },
      (Name + ".").str());
  if (!Read) {
    Fail(Read.takeError());
    return;
  }
  Settings = std::move(*Read);
  auto Built = core::buildAnalysisOptions(Settings, (Name + ".").str());
  if (!Built) {
    Fail(Built.takeError());
    return;
  }
  Analysis = std::move(*Built);
  Configured = true;
}

void DeadlockCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "LockFunctions", Settings.LockFunctions);
  Options.store(Opts, "GuardTypes", Settings.GuardTypes);
  Options.store(Opts, "RecursiveLockTypes", Settings.RecursiveLockTypes);
  Options.store(Opts, "BlockingFunctions", Settings.BlockingFunctions);
  Options.store(Opts, "NonBlockingFunctions", Settings.NonBlockingFunctions);
  Options.store(Opts, "MaxPathsPerPoint", Settings.MaxPathsPerPoint);
  Options.store(Opts, "MaxStepsPerFunction", Settings.MaxStepsPerFunction);
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
       AnalysisCache::findings(*Result.Context, PP, Analysis,
                               Settings.fingerprint()))
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
