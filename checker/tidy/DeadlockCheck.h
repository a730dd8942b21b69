//===--- DeadlockCheck.h - Common base of the deadlock-* checks -*- C++ -*-===//
//
// Every deadlock-* check renders one kind of finding of the same analysis.
// The analysis runs once per translation unit, however many deadlock-*
// checks are enabled (see AnalysisCache); each check then reports the
// findings of its kind.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_CHECKER_TIDY_DEADLOCKCHECK_H
#define CLANG_DEADLOCK_CHECKER_TIDY_DEADLOCKCHECK_H

#include "Analysis/Settings.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::deadlock {

class DeadlockCheck : public ClangTidyCheck {
public:
  DeadlockCheck(StringRef Name, ClangTidyContext *Context,
                ::deadlock::CheckKind Kind);

  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return true;
  }

protected:
  /// Whether this check reports \p F (of its kind); checks with options
  /// that filter findings override it.
  virtual bool reports(const ::deadlock::Finding &F) const { return true; }

private:
  void emit(const ::deadlock::Finding &F);

  ::deadlock::CheckKind Kind;
  /// Analysis settings shared by all deadlock-* checks (local or global).
  ::deadlock::AnalysisSettings Settings;
  bool ReportAnalysisLimits;
  ::deadlock::AnalysisOptions Analysis;
  bool Configured = false;
  const Preprocessor *PP = nullptr;
};

} // namespace clang::tidy::deadlock

#endif
