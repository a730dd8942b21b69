//===--- Proxy.h - clangd with deadlock-* findings --------------*- C++ -*-===//
//
// A Language Server that stands between the editor and the real clangd.
// Every message passes through unchanged except clangd's
// textDocument/publishDiagnostics, to which the deadlock findings for the
// same document are added. The analysis runs in a child process
// (`clang-deadlock check`) on each open buffer once edits settle, so it can
// be cancelled by killing it, and a crash in it never reaches clangd.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_TOOLS_CLANGD_PROXY_H
#define CLANG_DEADLOCK_TOOLS_CLANGD_PROXY_H

#include <chrono>
#include <string>
#include <vector>

namespace deadlock {

struct ProxyOptions {
  /// The real clangd and the arguments the editor gave us.
  std::string Clangd;
  std::vector<std::string> ClangdArgs;
  /// `clang-deadlock` and arguments for its `check` command.
  std::string Analyzer;
  std::vector<std::string> AnalyzerArgs;
  /// How long edits must settle before a buffer is analysed.
  std::chrono::milliseconds Debounce{500};
};

/// Serves the editor on standard input and output until it sends `exit`
/// or goes away; returns clangd's exit status.
int runProxy(const ProxyOptions &Options);

} // namespace deadlock

#endif
