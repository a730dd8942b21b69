//===--- Transport.cpp ----------------------------------------------------===//

#include "Transport.h"
#include "llvm/ADT/StringExtras.h"
#include <cerrno>
#include <unistd.h>

namespace deadlock {

bool MessageReader::fill() {
  char Chunk[65536];
  for (;;) {
    ssize_t N = ::read(Fd, Chunk, sizeof(Chunk));
    if (N > 0) {
      Buffer.append(Chunk, N);
      return true;
    }
    if (N < 0 && errno == EINTR)
      continue;
    return false;
  }
}

std::optional<std::string> MessageReader::next() {
  size_t HeaderEnd;
  while ((HeaderEnd = Buffer.find("\r\n\r\n")) == std::string::npos)
    if (!fill()) {
      if (!llvm::StringRef(Buffer).trim().empty())
        Error = "input ended inside a message header";
      return std::nullopt;
    }
  std::optional<size_t> Length;
  llvm::SmallVector<llvm::StringRef, 2> Lines;
  llvm::StringRef(Buffer).take_front(HeaderEnd).split(Lines, "\r\n");
  for (llvm::StringRef Line : Lines) {
    auto [Name, Value] = Line.split(':');
    size_t N;
    if (Name.trim().equals_insensitive("Content-Length")) {
      if (Value.trim().getAsInteger(10, N)) {
        Error = ("malformed header '" + Line + "'").str();
        return std::nullopt;
      }
      Length = N;
    }
  }
  if (!Length) {
    Error = "message without Content-Length header";
    return std::nullopt;
  }
  size_t BodyStart = HeaderEnd + 4;
  while (Buffer.size() < BodyStart + *Length)
    if (!fill()) {
      Error = "input ended inside a message body";
      return std::nullopt;
    }
  std::string Body = Buffer.substr(BodyStart, *Length);
  Buffer.erase(0, BodyStart + *Length);
  return Body;
}

bool writeAll(int Fd, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t N = ::write(Fd, Data.data(), Data.size());
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Data = Data.drop_front(N);
  }
  return true;
}

bool writeMessage(int Fd, llvm::StringRef Body) {
  std::string Message =
      "Content-Length: " + llvm::utostr(Body.size()) + "\r\n\r\n" + Body.str();
  return writeAll(Fd, Message);
}

} // namespace deadlock
