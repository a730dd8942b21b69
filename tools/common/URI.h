//===--- URI.h - file:// URIs ------------------------------------*- C++ -*-===//
//
// SARIF reports and the Language Server name files by URI.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_TOOLS_URI_H
#define CLANG_DEADLOCK_TOOLS_URI_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace deadlock {

/// `file:///abs/path`, with every byte outside the unreserved set
/// percent-encoded (\p File is made absolute first).
std::string fileURI(llvm::StringRef File);

/// The path a `file:` URI names, or nullopt for other schemes and
/// malformed escapes.
std::optional<std::string> pathOfFileURI(llvm::StringRef URI);

} // namespace deadlock

#endif
