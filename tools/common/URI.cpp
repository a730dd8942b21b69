//===--- URI.cpp ----------------------------------------------------------===//

#include "URI.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace deadlock {

std::string fileURI(llvm::StringRef File) {
  llvm::SmallString<256> Path(File);
  llvm::sys::fs::make_absolute(Path);
  std::string URI = "file://";
  for (char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-_.~").contains(C)) {
      URI += C;
    } else {
      URI += '%';
      URI += llvm::hexdigit(static_cast<unsigned char>(C) >> 4);
      URI += llvm::hexdigit(static_cast<unsigned char>(C) & 15);
    }
  }
  return URI;
}

std::optional<std::string> pathOfFileURI(llvm::StringRef URI) {
  if (!URI.consume_front("file://"))
    return std::nullopt;
  // An authority ("file://localhost/...") names this machine or none.
  URI = URI.drop_until([](char C) { return C == '/'; });
  std::string Path;
  for (size_t I = 0; I < URI.size(); ++I) {
    if (URI[I] != '%') {
      Path += URI[I];
      continue;
    }
    unsigned High, Low;
    if (I + 2 >= URI.size() ||
        (High = llvm::hexDigitValue(URI[I + 1])) == ~0u ||
        (Low = llvm::hexDigitValue(URI[I + 2])) == ~0u)
      return std::nullopt;
    Path += static_cast<char>(High * 16 + Low);
    I += 2;
  }
  if (Path.empty() || !llvm::sys::path::is_absolute(Path))
    return std::nullopt;
  return Path;
}

} // namespace deadlock
