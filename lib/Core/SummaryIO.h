//===--- SummaryIO.h - Summaries as versioned JSON --------------*- C++ -*-===//
//
// Summaries leave the process as self-contained JSON documents: symbols by
// cross-TU key, source positions as file/line/column, one document per
// translation unit. Reading several documents into one ProgramSummaries
// merges them: symbols with the same key become one, and a function
// summarised by several TUs (an inline function) keeps its first summary.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_CORE_SUMMARYIO_H
#define CLANG_DEADLOCK_CORE_SUMMARYIO_H

#include "Summary.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <vector>

namespace deadlock {

/// Bump when the format changes incompatibly; readers reject other versions.
constexpr int SummaryFormatVersion = 1;

/// Source positions of summaries read from files: a Site is an index into
/// this table (plus one).
class LocationTable : public SiteResolver {
public:
  Site add(Location L);
  Location resolve(Site S) const override;

private:
  std::vector<Location> Locations;
  std::map<std::tuple<std::string, unsigned, unsigned>, unsigned> Index;
};

/// Writes every function of \p Program. Symbols must have keys to be merged
/// with other documents; \p Sites resolves the program's Sites.
llvm::json::Value writeSummaries(const ProgramSummaries &Program,
                                 const SiteResolver &Sites);

/// Reads one document into \p Into, merging with what it already holds.
/// Errors say what is wrong and where in the document.
llvm::Error readSummaries(const llvm::json::Value &Document,
                          ProgramSummaries &Into, LocationTable &Locations);

} // namespace deadlock

#endif
