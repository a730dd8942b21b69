//===--- TranslationUnitAnalysis.h - All of one TU --------------*- C++ -*-===//
//
// Finds the functions of a translation unit that can take part in a
// deadlock (those that use locks, and their callers), summarises each once,
// callees first, and composes the summaries into findings. System headers
// are not analysed; their lock APIs are known from the catalog.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_ANALYSIS_TRANSLATIONUNITANALYSIS_H
#define CLANG_DEADLOCK_ANALYSIS_TRANSLATIONUNITANALYSIS_H

#include "FunctionAnalysis.h"
#include "LockCatalog.h"
#include "LockModel.h"
#include "SymbolMap.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang {
class ASTContext;
class Preprocessor;
} // namespace clang

namespace deadlock {

struct AnalysisOptions {
  LockCatalog Catalog;
  BlockingCatalog Blocking;
  AnalysisLimits Limits;
};

class TranslationUnitAnalysis final : public CalleeOracle {
public:
  TranslationUnitAnalysis(clang::ASTContext &Ctx, const AnalysisOptions &Opts,
                          const clang::Preprocessor *PP = nullptr);
  ~TranslationUnitAnalysis() override;

  /// Who composes the summaries.
  enum class Scope { TranslationUnit, Program };

  /// Summarises every function that can take part in a deadlock. For a
  /// whole-program merge, also (as FactsOnly) the functions that call out
  /// of this translation unit, so facts about what they pass reach them.
  void summarize(Scope For = Scope::TranslationUnit);
  /// Composes the summaries and reports every finding.
  void report(DeadlockHandler &Handler);

  ProgramSummaries &program() { return Program; }
  SymbolMap &symbols() { return Symbols; }
  LockModel &model() { return Model; }

  // CalleeOracle.
  const FunctionSummary *
  calleeSummary(const clang::FunctionDecl *Callee) override;
  bool recordsCallsTo(const clang::FunctionDecl *Callee) override;
  llvm::ArrayRef<const clang::FunctionDecl *>
  overriders(const clang::FunctionDecl *Method) override;
  llvm::ArrayRef<const clang::FunctionDecl *>
  callTargets(const clang::Decl *Holder) override;

private:
  struct FunctionInfo;
  class Collector;
  void collect(Scope For);
  void analyze(const clang::FunctionDecl *FD);

  clang::ASTContext &Ctx;
  const AnalysisOptions &Opts;
  ProgramSummaries Program;
  SymbolMap Symbols;
  LockModel Model;

  /// Function definitions worth analysing, by canonical declaration.
  llvm::DenseMap<const clang::FunctionDecl *, const clang::FunctionDecl *>
      Relevant;
  llvm::SmallVector<const clang::FunctionDecl *, 0> Order;
  /// Relevant functions summarised for program facts only; those of them
  /// whose only fact is the fields they leave null need no lockset analysis.
  llvm::DenseSet<const clang::FunctionDecl *> FactsOnly, NullFieldsOnly;
  /// Constructors -> the fields they leave null.
  llvm::DenseMap<const clang::FunctionDecl *, NullFieldFacts> LeavesNull;
  /// Virtual method (canonical) -> overriding definitions.
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::SmallVector<const clang::FunctionDecl *, 2>>
      Overriders;
  /// Variable, field or parameter (canonical) -> callables stored in it.
  llvm::DenseMap<const clang::Decl *,
                 llvm::SmallVector<const clang::FunctionDecl *, 2>>
      Callables;
  enum class State : uint8_t { InProgress, Done };
  llvm::DenseMap<const clang::FunctionDecl *, State> States;
};

} // namespace deadlock

#endif
