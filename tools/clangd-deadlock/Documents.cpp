//===--- Documents.cpp ----------------------------------------------------===//

#include "Documents.h"
#include "llvm/ADT/StringExtras.h"

namespace deadlock {

std::optional<OffsetEncoding> parseOffsetEncoding(llvm::StringRef Name) {
  if (Name == "utf-8")
    return OffsetEncoding::UTF8;
  if (Name == "utf-16")
    return OffsetEncoding::UTF16;
  if (Name == "utf-32")
    return OffsetEncoding::UTF32;
  return std::nullopt;
}

/// Byte offset of the start of line \p Line, or npos past the end.
static size_t lineStart(llvm::StringRef Text, unsigned Line) {
  size_t Offset = 0;
  for (unsigned L = 0; L < Line; ++L) {
    size_t Break = Text.find('\n', Offset);
    if (Break == llvm::StringRef::npos)
      return llvm::StringRef::npos;
    Offset = Break + 1;
  }
  return Offset;
}

llvm::StringRef lineAt(llvm::StringRef Text, unsigned Line) {
  size_t Start = lineStart(Text, Line);
  if (Start == llvm::StringRef::npos)
    return "";
  return Text.drop_front(Start).take_until([](char C) { return C == '\n'; })
      .rtrim('\r');
}

/// Bytes in the UTF-8 sequence that \p Lead starts (1 for stray bytes).
static unsigned sequenceLength(unsigned char Lead) {
  if (Lead >= 0xF0)
    return 4;
  if (Lead >= 0xE0)
    return 3;
  if (Lead >= 0xC0)
    return 2;
  return 1;
}

/// Code units of \p Encoding for one UTF-8 sequence of \p Length bytes.
static unsigned unitsOf(unsigned Length, OffsetEncoding Encoding) {
  switch (Encoding) {
  case OffsetEncoding::UTF8:
    return Length;
  case OffsetEncoding::UTF16:
    return Length == 4 ? 2 : 1;
  case OffsetEncoding::UTF32:
    return 1;
  }
  return 1;
}

unsigned characterOfByte(llvm::StringRef Line, size_t Byte,
                         OffsetEncoding Encoding) {
  unsigned Character = 0;
  for (size_t I = 0; I < Line.size() && I < Byte;) {
    unsigned Length = sequenceLength(Line[I]);
    Character += unitsOf(Length, Encoding);
    I += Length;
  }
  return Character;
}

size_t byteOfCharacter(llvm::StringRef Line, unsigned Character,
                       OffsetEncoding Encoding) {
  size_t I = 0;
  for (unsigned Units = 0; I < Line.size();) {
    unsigned Length = sequenceLength(Line[I]);
    Units += unitsOf(Length, Encoding);
    if (Units > Character)
      break;
    I += Length;
  }
  return std::min(I, Line.size());
}

static llvm::json::Object position(unsigned Line, unsigned Character) {
  return llvm::json::Object{{"line", Line}, {"character", Character}};
}

llvm::json::Object tokenRange(llvm::StringRef Text, unsigned Line,
                              unsigned Column, OffsetEncoding Encoding) {
  unsigned Line0 = Line ? Line - 1 : 0;
  llvm::StringRef LineText = lineAt(Text, Line0);
  size_t Begin = std::min<size_t>(Column ? Column - 1 : 0, LineText.size());
  size_t End = Begin;
  auto IsIdentifier = [](char C) { return llvm::isAlnum(C) || C == '_'; };
  while (End < LineText.size() && IsIdentifier(LineText[End]))
    ++End;
  if (End == Begin && End < LineText.size())
    End += sequenceLength(LineText[End]);
  return llvm::json::Object{
      {"start", position(Line0, characterOfByte(LineText, Begin, Encoding))},
      {"end", position(Line0, characterOfByte(LineText, End, Encoding))}};
}

static llvm::Expected<size_t> offsetOf(llvm::StringRef Text,
                                       const llvm::json::Object *Position,
                                       OffsetEncoding Encoding) {
  std::optional<int64_t> Line = Position ? Position->getInteger("line") : std::nullopt;
  std::optional<int64_t> Character =
      Position ? Position->getInteger("character") : std::nullopt;
  if (!Line || !Character || *Line < 0 || *Character < 0)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "malformed position in a change");
  size_t Start = lineStart(Text, *Line);
  if (Start == llvm::StringRef::npos) // Past the end: the end.
    return Text.size();
  return Start + byteOfCharacter(lineAt(Text, *Line), *Character, Encoding);
}

llvm::Expected<LineShift> applyChange(std::string &Text,
                                      const llvm::json::Object &Change,
                                      OffsetEncoding Encoding) {
  std::optional<llvm::StringRef> NewText = Change.getString("text");
  if (!NewText)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "a change without text");
  LineShift Shift;
  const llvm::json::Object *Range = Change.getObject("range");
  if (!Range) {
    Text = NewText->str();
    Shift.WholeDocument = true;
    return Shift;
  }
  const llvm::json::Object *Start = Range->getObject("start");
  const llvm::json::Object *End = Range->getObject("end");
  auto Begin = offsetOf(Text, Start, Encoding);
  if (!Begin)
    return Begin.takeError();
  auto Finish = offsetOf(Text, End, Encoding);
  if (!Finish)
    return Finish.takeError();
  if (*Finish < *Begin)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "a change whose range ends before it starts");
  Shift.FirstLine = *Start->getInteger("line");
  Shift.LastLine = *End->getInteger("line");
  Shift.Delta = static_cast<int>(NewText->count('\n')) -
                static_cast<int>(Shift.LastLine - Shift.FirstLine);
  Text.replace(*Begin, *Finish - *Begin, NewText->str());
  return Shift;
}

/// Moves the range \p Range; false if it lay on rewritten lines.
static bool shiftRange(llvm::json::Object &Range, const LineShift &Shift) {
  for (llvm::StringRef End : {"start", "end"}) {
    llvm::json::Object *Position = Range.getObject(End);
    std::optional<int64_t> Line = Position ? Position->getInteger("line") : std::nullopt;
    if (!Line)
      return false;
    if (*Line >= Shift.FirstLine && *Line <= Shift.LastLine)
      return false;
    if (*Line > Shift.LastLine)
      (*Position)["line"] = *Line + Shift.Delta;
  }
  return true;
}

void shiftDiagnostics(llvm::json::Array &Diagnostics, llvm::StringRef URI,
                      const LineShift &Shift) {
  if (Shift.WholeDocument) {
    Diagnostics.clear();
    return;
  }
  llvm::json::Array Kept;
  for (llvm::json::Value &D : Diagnostics) {
    llvm::json::Object *Diagnostic = D.getAsObject();
    llvm::json::Object *Range = Diagnostic ? Diagnostic->getObject("range") : nullptr;
    if (!Range || !shiftRange(*Range, Shift))
      continue;
    if (llvm::json::Array *Related = Diagnostic->getArray("relatedInformation")) {
      llvm::json::Array KeptNotes;
      for (llvm::json::Value &R : *Related) {
        llvm::json::Object *Location =
            R.getAsObject() ? R.getAsObject()->getObject("location") : nullptr;
        llvm::json::Object *NoteRange = Location ? Location->getObject("range") : nullptr;
        if (Location && Location->getString("uri") == URI &&
            (!NoteRange || !shiftRange(*NoteRange, Shift)))
          continue; // Its text was rewritten.
        KeptNotes.push_back(std::move(R));
      }
      *Related = std::move(KeptNotes);
    }
    Kept.push_back(std::move(D));
  }
  Diagnostics = std::move(Kept);
}

} // namespace deadlock
