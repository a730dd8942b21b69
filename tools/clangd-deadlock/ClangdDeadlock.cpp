//===--- ClangdDeadlock.cpp - clangd with deadlock-* findings -------------===//
//
// Point the editor's clangd path here. Our options start with --deadlock-
// (and --clangd=); every other argument goes to clangd unchanged.
//
//===----------------------------------------------------------------------===//

#include "Proxy.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace deadlock;

static const char Usage[] =
    "clangd-deadlock: clangd with the deadlock-* findings of clang-deadlock\n"
    "\n"
    "USAGE: clangd-deadlock [options] [clangd options]\n"
    "\n"
    "  --clangd=PATH              the clangd to run (default: clangd-19, then\n"
    "                             clangd, on PATH)\n"
    "  --deadlock-binary=PATH     the clang-deadlock to analyse with (default:\n"
    "                             the one next to this program, then PATH)\n"
    "  --deadlock-debounce=MS     wait for edits to settle this long before\n"
    "                             analysing a buffer (default: 500)\n"
    "  --deadlock-help            this text\n"
    "\n"
    "Every other argument is passed to clangd. The project's .clang-tidy\n"
    "(Checks and CheckOptions) selects and configures the deadlock-* checks.\n";

static int usageError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "clangd-deadlock")
      << Message << " (see --deadlock-help)\n";
  return 2;
}

/// \p Name on PATH, or \p Explicit if given and executable.
static std::optional<std::string> program(llvm::StringRef Explicit,
                                          llvm::ArrayRef<llvm::StringRef> Names) {
  if (!Explicit.empty()) {
    llvm::ErrorOr<std::string> Found = llvm::sys::findProgramByName(Explicit);
    if (Found && llvm::sys::fs::can_execute(*Found))
      return *Found;
    return std::nullopt;
  }
  for (llvm::StringRef Name : Names)
    if (llvm::ErrorOr<std::string> Found = llvm::sys::findProgramByName(Name))
      return *Found;
  return std::nullopt;
}

int main(int argc, const char **argv) {
  llvm::InitLLVM X(argc, argv);
  ProxyOptions Options;
  std::string Clangd, Analyzer;
  std::optional<std::string> CompileCommandsDir;
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef Arg = argv[I];
    if (Arg.consume_front("--clangd=")) {
      Clangd = Arg.str();
    } else if (Arg.consume_front("--deadlock-binary=")) {
      Analyzer = Arg.str();
    } else if (Arg.consume_front("--deadlock-debounce=")) {
      unsigned Milliseconds;
      if (Arg.getAsInteger(10, Milliseconds))
        return usageError("invalid --deadlock-debounce value '" + Arg +
                          "': expected milliseconds");
      Options.Debounce = std::chrono::milliseconds(Milliseconds);
    } else if (Arg == "--deadlock-help") {
      llvm::outs() << Usage;
      return 0;
    } else if (Arg.starts_with("--deadlock-")) {
      return usageError("unknown option '" + Arg + "'");
    } else {
      Options.ClangdArgs.push_back(Arg.str());
      // The analysis uses the compilation database clangd was told to.
      llvm::StringRef Value = Arg;
      if (Value.consume_front("--compile-commands-dir=") ||
          Value.consume_front("-compile-commands-dir="))
        CompileCommandsDir = Value.str();
      else if ((Arg == "--compile-commands-dir" || Arg == "-compile-commands-dir") &&
               I + 1 < argc)
        CompileCommandsDir = argv[I + 1];
    }
  }

  std::optional<std::string> ClangdPath = program(Clangd, {"clangd-19", "clangd"});
  if (!ClangdPath)
    return usageError(Clangd.empty()
                          ? std::string("no clangd-19 or clangd on PATH; pass "
                                        "--clangd=PATH")
                          : "cannot run clangd '" + Clangd + "'");
  Options.Clangd = *ClangdPath;

  std::string Self = llvm::sys::fs::getMainExecutable(
      argv[0], reinterpret_cast<void *>(&usageError));
  llvm::SmallString<256> Sibling(llvm::sys::path::parent_path(Self));
  llvm::sys::path::append(Sibling, "clang-deadlock");
  std::optional<std::string> AnalyzerPath =
      !Analyzer.empty() || !llvm::sys::fs::can_execute(Sibling)
          ? program(Analyzer, {"clang-deadlock"})
          : std::optional<std::string>(Sibling.str().str());
  if (!AnalyzerPath)
    return usageError(Analyzer.empty()
                          ? std::string("no clang-deadlock next to this program "
                                        "or on PATH; pass --deadlock-binary=PATH")
                          : "cannot run clang-deadlock '" + Analyzer + "'");
  Options.Analyzer = *AnalyzerPath;
  if (CompileCommandsDir)
    Options.AnalyzerArgs = {"-p", *CompileCommandsDir};
  return runProxy(Options);
}
