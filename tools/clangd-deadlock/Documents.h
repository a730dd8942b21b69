//===--- Documents.h - Editor buffers and LSP positions ---------*- C++ -*-===//
//
// The proxy keeps every open document's text, applying the editor's
// incremental changes as clangd does, to hand the analysis the buffer the
// user sees. LSP positions count characters in the negotiated encoding
// (UTF-16 unless the client and clangd agreed on UTF-8 or UTF-32); the
// analysis reports byte columns.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_TOOLS_CLANGD_DOCUMENTS_H
#define CLANG_DEADLOCK_TOOLS_CLANGD_DOCUMENTS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <string>

namespace deadlock {

enum class OffsetEncoding { UTF8, UTF16, UTF32 };

/// Parses an LSP encoding name ("utf-8", "utf-16", "utf-32").
std::optional<OffsetEncoding> parseOffsetEncoding(llvm::StringRef Name);

/// Line \p Line (0-based) of \p Text, without its line break; "" past the
/// end.
llvm::StringRef lineAt(llvm::StringRef Text, unsigned Line);

/// The LSP character of byte \p Byte of \p Line (clamped to the line).
unsigned characterOfByte(llvm::StringRef Line, size_t Byte,
                         OffsetEncoding Encoding);
/// The byte of LSP character \p Character of \p Line (clamped to the line).
size_t byteOfCharacter(llvm::StringRef Line, unsigned Character,
                       OffsetEncoding Encoding);

/// An LSP range covering the token that starts at \p Line and byte column
/// \p Column (both 1-based, as Clang reports them) of \p Text.
llvm::json::Object tokenRange(llvm::StringRef Text, unsigned Line,
                              unsigned Column, OffsetEncoding Encoding);

/// How one edit moved the lines of a document: lines after \p LastLine
/// move by \p Delta; lines from \p FirstLine to \p LastLine were rewritten.
struct LineShift {
  unsigned FirstLine = 0, LastLine = 0;
  int Delta = 0;
  bool WholeDocument = false;
};

/// Applies one `contentChanges` entry of `textDocument/didChange` to
/// \p Text.
llvm::Expected<LineShift> applyChange(std::string &Text,
                                      const llvm::json::Object &Change,
                                      OffsetEncoding Encoding);

/// Moves diagnostics of \p Diagnostics (LSP JSON) past an edit; drops the
/// ones on rewritten lines, or all of them when the whole document was
/// replaced. Related information in this document moves too.
void shiftDiagnostics(llvm::json::Array &Diagnostics, llvm::StringRef URI,
                      const LineShift &Shift);

} // namespace deadlock

#endif
