//===--- Settings.cpp -----------------------------------------------------===//

#include "Settings.h"
#include "llvm/Support/FormatVariadic.h"

namespace deadlock {

static llvm::Error optionError(llvm::StringRef Prefix, llvm::StringRef Option,
                               const llvm::Twine &Why) {
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      llvm::formatv("invalid value for option '{0}{1}': {2}", Prefix, Option,
                    Why.str()));
}

llvm::Expected<AnalysisSettings> AnalysisSettings::read(
    const std::function<std::optional<std::string>(llvm::StringRef)> &Get,
    llvm::StringRef Prefix) {
  AnalysisSettings S;
  for (auto [Name, Field] :
       {std::pair<llvm::StringRef, std::string *>{"LockFunctions",
                                                  &S.LockFunctions},
        {"GuardTypes", &S.GuardTypes},
        {"RecursiveLockTypes", &S.RecursiveLockTypes},
        {"BlockingFunctions", &S.BlockingFunctions},
        {"NonBlockingFunctions", &S.NonBlockingFunctions}})
    if (std::optional<std::string> V = Get(Name))
      *Field = *V;
  for (auto [Name, Field] :
       {std::pair<llvm::StringRef, unsigned *>{"MaxPathsPerPoint",
                                               &S.MaxPathsPerPoint},
        {"MaxStepsPerFunction", &S.MaxStepsPerFunction}})
    if (std::optional<std::string> V = Get(Name)) {
      unsigned Value;
      if (llvm::StringRef(*V).trim().getAsInteger(10, Value))
        return optionError(Prefix, Name,
                           "expected a positive integer, got '" + *V + "'");
      *Field = Value;
    }
  return S;
}

std::string AnalysisSettings::fingerprint() const {
  return llvm::formatv("{0}\n{1}\n{2}\n{3}\n{4}\n{5}\n{6}", LockFunctions,
                       GuardTypes, RecursiveLockTypes, BlockingFunctions,
                       NonBlockingFunctions, MaxPathsPerPoint,
                       MaxStepsPerFunction);
}

llvm::Expected<AnalysisOptions>
buildAnalysisOptions(const AnalysisSettings &S, llvm::StringRef Prefix) {
  AnalysisOptions Options;
  auto Rows = parseLockFunctionRows(S.LockFunctions);
  if (!Rows)
    return optionError(Prefix, "LockFunctions",
                       llvm::toString(Rows.takeError()));
  for (LockFunction &Row : *Rows)
    Options.Catalog.add(std::move(Row));
  auto Guards = parseGuardTypeRows(S.GuardTypes);
  if (!Guards)
    return optionError(Prefix, "GuardTypes",
                       llvm::toString(Guards.takeError()));
  for (GuardType &Row : *Guards)
    Options.Catalog.add(std::move(Row));
  for (const std::string &Type : parseNameList(S.RecursiveLockTypes))
    Options.Catalog.addRecursiveType(Type);
  for (const std::string &Name : parseNameList(S.BlockingFunctions))
    Options.Blocking.addBlocking(Name);
  for (const std::string &Name : parseNameList(S.NonBlockingFunctions))
    Options.Blocking.addNonBlocking(Name);
  for (auto [Name, Value] :
       {std::pair<llvm::StringRef, unsigned>{"MaxPathsPerPoint",
                                             S.MaxPathsPerPoint},
        {"MaxStepsPerFunction", S.MaxStepsPerFunction}})
    if (Value == 0)
      return optionError(Prefix, Name, "expected a positive integer");
  Options.Limits.MaxPathsPerPoint = S.MaxPathsPerPoint;
  Options.Limits.MaxStepsPerFunction = S.MaxStepsPerFunction;
  return Options;
}

} // namespace deadlock
