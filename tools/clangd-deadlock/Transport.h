//===--- Transport.h - LSP base protocol framing ----------------*- C++ -*-===//
//
// Messages are `Content-Length: N\r\n\r\n` followed by N bytes of JSON. The
// proxy forwards bodies byte for byte, so it reads and writes them raw.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_TOOLS_CLANGD_TRANSPORT_H
#define CLANG_DEADLOCK_TOOLS_CLANGD_TRANSPORT_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace deadlock {

/// Reads framed messages from a file descriptor.
class MessageReader {
public:
  explicit MessageReader(int Fd) : Fd(Fd) {}

  /// The next message's body; nullopt at the end of the input or when the
  /// framing is broken (then error() says how).
  std::optional<std::string> next();
  const std::string &error() const { return Error; }

private:
  /// Reads more input; false at its end.
  bool fill();

  int Fd;
  std::string Buffer;
  std::string Error;
};

/// Writes one framed message; false when the other end has gone.
bool writeMessage(int Fd, llvm::StringRef Body);

/// Writes all of \p Data, retrying after interruptions and short writes.
bool writeAll(int Fd, llvm::StringRef Data);

} // namespace deadlock

#endif
