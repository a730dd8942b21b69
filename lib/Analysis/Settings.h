//===--- Settings.h - Options every front end understands -------*- C++ -*-===//
//
// The analysis options, by the names users write in .clang-tidy files
// (LockFunctions, GuardTypes, ...), turned into AnalysisOptions in one
// place, so the clang-tidy module, the whole-program driver, the Static
// Analyzer plugin and the editor integration accept exactly the same
// settings and reject bad ones with the same words.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_ANALYSIS_SETTINGS_H
#define CLANG_DEADLOCK_ANALYSIS_SETTINGS_H

#include "TranslationUnitAnalysis.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <functional>
#include <string>

namespace deadlock {

struct AnalysisSettings {
  std::string LockFunctions;
  std::string GuardTypes;
  std::string RecursiveLockTypes;
  std::string BlockingFunctions;
  std::string NonBlockingFunctions;
  unsigned MaxPathsPerPoint = AnalysisLimits().MaxPathsPerPoint;
  unsigned MaxStepsPerFunction = AnalysisLimits().MaxStepsPerFunction;

  /// Reads each setting through \p Get (option name -> value, if set).
  /// Numbers that do not parse are errors naming the option.
  /// Errors name options as \p Prefix + name (clang-tidy passes
  /// "deadlock-double-lock.").
  static llvm::Expected<AnalysisSettings>
  read(const std::function<std::optional<std::string>(llvm::StringRef)> &Get,
       llvm::StringRef Prefix = "");

  /// The same settings give the same text; checks configured alike share
  /// one analysis run, and cached summaries are keyed by it.
  std::string fingerprint() const;
};

/// The catalog rows and limits \p S asks for. An error names the option
/// and the offending entry: "invalid value for option 'LockFunctions':
/// invalid entry 'x=grab': ...".
llvm::Expected<AnalysisOptions>
buildAnalysisOptions(const AnalysisSettings &S, llvm::StringRef Prefix = "");

} // namespace deadlock

#endif
