//===--- Tooling.h - Running the analysis on one compile command -*- C++ -*-===//

#ifndef CLANG_DEADLOCK_TOOLS_TOOLING_H
#define CLANG_DEADLOCK_TOOLS_TOOLING_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Preprocessor;
} // namespace clang

namespace deadlock {

struct ParseOutcome {
  /// Clang's errors, as it prints them.
  std::string Errors;
  unsigned ErrorCount = 0;
  /// Every file the translation unit read (main file and headers).
  std::vector<std::string> Inputs;
};

/// Parses the file of \p Command (with \p Contents instead of what is on
/// disk, if given: an editor's unsaved buffer) and calls \p Body with its
/// AST. Warnings are not reported; errors are collected in the outcome.
/// Fails only when the compiler could not be run at all.
llvm::Expected<ParseOutcome>
withAST(const clang::tooling::CompileCommand &Command,
        std::optional<llvm::StringRef> Contents,
        llvm::function_ref<void(clang::ASTContext &, clang::Preprocessor &)>
            Body);

/// Clang's resource directory (builtin headers), as clang-19 would use.
std::string clangResourceDir();

} // namespace deadlock

#endif
