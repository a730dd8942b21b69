//===--- FunctionAnalysis.h - Lockset analysis of one function --*- C++ -*-===//
//
// A flow- and path-sensitive lockset analysis over clang::CFG (with implicit
// destructors, so RAII guards release at scope exit). Its state at a program
// point is a bounded set of paths ("worlds"), each with its own lockset,
// guard states and the branch facts it assumed. It reports what needs only
// this body (double lock, recursive shared lock, missing unlock) and
// produces the function's summary for the interprocedural composition.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_ANALYSIS_FUNCTIONANALYSIS_H
#define CLANG_DEADLOCK_ANALYSIS_FUNCTIONANALYSIS_H

#include "Core/Summary.h"

namespace clang {
class ASTContext;
class Decl;
class FunctionDecl;
} // namespace clang

namespace deadlock {

class LockModel;
class SymbolMap;

struct AnalysisLimits {
  /// Paths kept apart at one program point; beyond it paths are dropped.
  unsigned MaxPathsPerPoint = 32;
  /// Path-steps (CFG elements times paths) per function.
  unsigned MaxStepsPerFunction = 200000;
};

/// What the analysis of one function needs from the rest of the program.
class CalleeOracle {
public:
  virtual ~CalleeOracle();
  /// The summary of \p Callee if it has a body here and can affect locks,
  /// analysing it first if needed; null otherwise (and during recursion).
  virtual const FunctionSummary *
  calleeSummary(const clang::FunctionDecl *Callee) = 0;
  /// Whether a call to \p Callee belongs in the summary, for composition
  /// here or in another translation unit.
  virtual bool recordsCallsTo(const clang::FunctionDecl *Callee) = 0;
  /// The definitions overriding virtual method \p Method in this TU.
  virtual llvm::ArrayRef<const clang::FunctionDecl *>
  overriders(const clang::FunctionDecl *Method) = 0;
  /// The functions (lambda call operators included) that the variable,
  /// field or parameter \p Holder may hold when it is called.
  virtual llvm::ArrayRef<const clang::FunctionDecl *>
  callTargets(const clang::Decl *Holder) = 0;
};

struct FunctionAnalysisInput {
  clang::ASTContext &Ctx;
  LockModel &Model;
  SymbolMap &Symbols;
  ProgramSummaries &Program;
  CalleeOracle &Callees;
  const AnalysisLimits &Limits;
};

FunctionSummary analyzeFunction(const clang::FunctionDecl *FD,
                                const FunctionAnalysisInput &In);

} // namespace deadlock

#endif
