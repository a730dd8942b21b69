//===--- TidyConfig.h - Reading .clang-tidy files ---------------*- C++ -*-===//
//
// The driver and the editor integration honour the project's .clang-tidy
// (Checks: and CheckOptions: for deadlock-*), so they report what CI
// reports. Files are found as clang-tidy finds them: the nearest
// .clang-tidy above the source file, merged with its parents' when it says
// InheritParentConfig: true.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_TOOLS_TIDYCONFIG_H
#define CLANG_DEADLOCK_TOOLS_TIDYCONFIG_H

#include "Analysis/Settings.h"
#include "Core/Finding.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace deadlock {

/// clang-tidy's check globs: comma-separated, `-` negates, `*` matches
/// anything; the last glob that matches a name decides.
class CheckFilter {
public:
  explicit CheckFilter(llvm::StringRef Globs = "deadlock-*") { add(Globs); }
  /// Appends globs (as clang-tidy appends --checks to the file's Checks).
  void add(llvm::StringRef Globs);
  bool enabled(llvm::StringRef CheckName) const;
  bool enabled(CheckKind Kind) const { return enabled(checkName(Kind)); }
  bool anyDeadlockCheck() const;

private:
  std::vector<std::pair<std::string, bool>> Globs;
};

struct TidyConfig {
  /// The Checks: lines from the outermost file inwards, comma-joined.
  std::string Checks;
  /// CheckOptions, inner files overriding outer ones.
  llvm::StringMap<std::string> Options;
  /// The files read, outermost first.
  std::vector<std::string> Files;

  /// The analysis settings: for each, the first `deadlock-<check>.Name` of
  /// an enabled check, else the global `Name`.
  llvm::Expected<AnalysisSettings> settings(const CheckFilter &Filter) const;
  /// A per-check option (`deadlock-blocking-under-lock.IncludeIO`), else
  /// the global one, else \p Default. Malformed booleans are errors.
  llvm::Expected<bool> flag(llvm::StringRef Check, llvm::StringRef Name,
                            bool Default) const;
};

/// Parses one .clang-tidy file's text; errors name the file.
llvm::Error parseTidyConfig(llvm::StringRef Text, llvm::StringRef FileName,
                            TidyConfig &Into, bool &InheritParent);

/// The configuration that applies to \p SourceFile (none found: empty).
llvm::Expected<TidyConfig> findTidyConfig(llvm::StringRef SourceFile);

/// Reads exactly one file (--config-file).
llvm::Expected<TidyConfig> readTidyConfig(llvm::StringRef Path);

} // namespace deadlock

#endif
