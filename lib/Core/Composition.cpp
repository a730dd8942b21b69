//===--- Composition.cpp --------------------------------------------------===//

#include "Composition.h"
#include <set>
#include <tuple>

namespace deadlock {

void reportFindings(ProgramSummaries &Program, DeadlockHandler &Handler) {
  // Template instantiations and inline functions seen twice report the
  // same finding at the same place: say it once.
  std::set<std::tuple<CheckKind, uint64_t, std::string>> Seen;
  for (auto &[Function, Summary] : Program.Functions)
    for (const Finding &F : Summary.Findings)
      if (Seen.emplace(F.Check, F.Loc.Raw, F.Message).second)
        Handler.handleFinding(F);
}

} // namespace deadlock
