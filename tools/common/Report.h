//===--- Report.h - Findings for people and machines ------------*- C++ -*-===//
//
// What the whole-program driver does with findings after composition: keep
// the enabled checks, honour NOLINT comments and a baseline, give each
// finding a fingerprint that survives unrelated line shifts, and print them
// as Clang-style text, JSON or SARIF 2.1.0.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_TOOLS_REPORT_H
#define CLANG_DEADLOCK_TOOLS_REPORT_H

#include "Core/Finding.h"
#include "Core/Site.h"
#include "TidyConfig.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <string>
#include <vector>

namespace deadlock {

/// A finding with its positions resolved.
struct ResolvedFinding {
  CheckKind Check;
  std::string Message;
  Location Loc;
  std::vector<std::pair<Location, std::string>> Notes;
  bool Certain = false;
  bool IO = false;
  std::string Fingerprint;
};

/// Source lines, read once per file.
class SourceCache {
public:
  /// The text of line \p Line of \p File (1-based), or "" if unreadable.
  llvm::StringRef line(llvm::StringRef File, unsigned Line);
  /// Uses \p Contents for \p File instead of what is on disk (an editor's
  /// unsaved buffer).
  void overlay(llvm::StringRef File, llvm::StringRef Contents);

private:
  struct FileLines {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<llvm::StringRef> Lines;
    void split();
  };
  llvm::StringMap<FileLines> Files;
};

struct ReportFilter {
  CheckFilter Checks;
  bool IncludeIO = true;
  bool ConfirmedOnly = false;
  bool AnalysisLimits = false;
};

/// Resolves, filters (checks, NOLINT) and fingerprints findings.
std::vector<ResolvedFinding> prepareFindings(llvm::ArrayRef<Finding> Findings,
                                             const SiteResolver &Sites,
                                             const ReportFilter &Filter,
                                             SourceCache &Sources,
                                             llvm::StringRef Root);

/// Whether a NOLINT, NOLINTNEXTLINE or NOLINTBEGIN/END comment silences
/// \p Check at \p Line of \p File.
bool suppressedByComment(SourceCache &Sources, llvm::StringRef File,
                         unsigned Line, llvm::StringRef Check);

/// A baseline: fingerprints of findings already known.
llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path);
llvm::Error writeBaseline(llvm::StringRef Path,
                          llvm::ArrayRef<ResolvedFinding> Findings);

enum class OutputFormat { Text, JSON, SARIF };

void printText(llvm::raw_ostream &OS, llvm::ArrayRef<ResolvedFinding> Findings,
               SourceCache &Sources);
void printJSON(llvm::raw_ostream &OS, llvm::ArrayRef<ResolvedFinding> Findings,
               llvm::ArrayRef<std::string> Errors);
void printSARIF(llvm::raw_ostream &OS,
                llvm::ArrayRef<ResolvedFinding> Findings,
                llvm::ArrayRef<std::string> Errors);

} // namespace deadlock

#endif
