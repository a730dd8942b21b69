//===--- LanguageServerTest.cpp - clangd-deadlock's buffers and framing ---===//

#include "Documents.h"
#include "Transport.h"
#include "URI.h"
#include "gtest/gtest.h"
#include <unistd.h>

using namespace deadlock;
namespace json = llvm::json;

namespace {

json::Object change(unsigned FromLine, unsigned FromChar, unsigned ToLine,
                    unsigned ToChar, llvm::StringRef Text) {
  auto Pos = [](unsigned L, unsigned C) {
    return json::Object{{"line", L}, {"character", C}};
  };
  return json::Object{
      {"range", json::Object{{"start", Pos(FromLine, FromChar)},
                             {"end", Pos(ToLine, ToChar)}}},
      {"text", Text}};
}

TEST(Documents, CharactersCountInTheNegotiatedEncoding) {
  // "ü" is 2 bytes, one UTF-16 unit; the lock emoji 4 bytes, two units.
  llvm::StringRef Line = "/* \xC3\xBC\xF0\x9F\x94\x92 */ mu";
  size_t MuByte = Line.find("mu");
  EXPECT_EQ(characterOfByte(Line, MuByte, OffsetEncoding::UTF8), MuByte);
  EXPECT_EQ(characterOfByte(Line, MuByte, OffsetEncoding::UTF16), 10u);
  EXPECT_EQ(characterOfByte(Line, MuByte, OffsetEncoding::UTF32), 9u);
  EXPECT_EQ(byteOfCharacter(Line, 10, OffsetEncoding::UTF16), MuByte);
  EXPECT_EQ(byteOfCharacter(Line, 9, OffsetEncoding::UTF32), MuByte);
  // Past the end: clamped.
  EXPECT_EQ(byteOfCharacter(Line, 100, OffsetEncoding::UTF16), Line.size());
}

TEST(Documents, IncrementalChangesEditTheText) {
  std::string Text = "a\nbb\nccc\n";
  auto Shift = applyChange(Text, change(1, 1, 2, 0, "X\nY\nZ"), OffsetEncoding::UTF16);
  ASSERT_TRUE(bool(Shift));
  EXPECT_EQ(Text, "a\nbX\nY\nZccc\n");
  EXPECT_EQ(Shift->FirstLine, 1u);
  EXPECT_EQ(Shift->LastLine, 2u);
  EXPECT_EQ(Shift->Delta, 1);

  auto Whole = applyChange(Text, json::Object{{"text", "new"}}, OffsetEncoding::UTF16);
  ASSERT_TRUE(bool(Whole));
  EXPECT_TRUE(Whole->WholeDocument);
  EXPECT_EQ(Text, "new");
}

TEST(Documents, MalformedChangesAreErrors) {
  std::string Text = "abc\n";
  json::Object Backwards = change(0, 2, 0, 1, "x");
  EXPECT_FALSE(bool(applyChange(Text, Backwards, OffsetEncoding::UTF16)));
  json::Object NoText{{"range", json::Object{}}};
  llvm::Expected<LineShift> Shift = applyChange(Text, NoText, OffsetEncoding::UTF16);
  EXPECT_FALSE(bool(Shift));
  llvm::consumeError(Shift.takeError());
  EXPECT_EQ(Text, "abc\n");
}

TEST(Documents, DiagnosticsMoveWithEdits) {
  auto Diagnostic = [](unsigned Line, unsigned NoteLine) {
    auto Range = [](unsigned L) {
      return json::Object{{"start", json::Object{{"line", L}, {"character", 0}}},
                          {"end", json::Object{{"line", L}, {"character", 2}}}};
    };
    return json::Object{
        {"range", Range(Line)},
        {"relatedInformation",
         json::Array{json::Object{
             {"location", json::Object{{"uri", "file:///a.cpp"},
                                       {"range", Range(NoteLine)}}},
             {"message", "here"}}}}};
  };
  json::Array Diagnostics{Diagnostic(2, 8), Diagnostic(10, 3), Diagnostic(12, 12)};
  // Two lines inserted at line 5, rewriting it.
  LineShift Shift{5, 5, 2, false};
  shiftDiagnostics(Diagnostics, "file:///a.cpp", Shift);
  ASSERT_EQ(Diagnostics.size(), 3u);
  auto LineOf = [](const json::Value &R) {
    return *R.getAsObject()->getObject("start")->getInteger("line");
  };
  const json::Object &First = *Diagnostics[0].getAsObject();
  EXPECT_EQ(LineOf(*First.get("range")), 2);
  // Its note at line 8 moved to 10.
  const json::Object &Note =
      *(*First.getArray("relatedInformation"))[0].getAsObject();
  EXPECT_EQ(LineOf(*Note.getObject("location")->get("range")), 10);
  EXPECT_EQ(LineOf(*Diagnostics[1].getAsObject()->get("range")), 12);

  // An edit on a diagnostic's line drops it; one on a note's line drops
  // the note.
  shiftDiagnostics(Diagnostics, "file:///a.cpp", LineShift{12, 12, 0, false});
  ASSERT_EQ(Diagnostics.size(), 2u);
  EXPECT_EQ(LineOf(*Diagnostics[1].getAsObject()->get("range")), 14);
  shiftDiagnostics(Diagnostics, "file:///a.cpp", LineShift{10, 10, 0, false});
  ASSERT_EQ(Diagnostics.size(), 2u);
  EXPECT_TRUE(Diagnostics[0].getAsObject()->getArray("relatedInformation")->empty());
  shiftDiagnostics(Diagnostics, "file:///a.cpp", LineShift{0, 0, 0, true});
  EXPECT_TRUE(Diagnostics.empty());
}

TEST(Documents, TokenRangeCoversTheIdentifier) {
  json::Object Range = tokenRange("int x;\n  mu_.lock();\n", 2, 3, OffsetEncoding::UTF16);
  EXPECT_EQ(*Range.getObject("start")->getInteger("line"), 1);
  EXPECT_EQ(*Range.getObject("start")->getInteger("character"), 2);
  EXPECT_EQ(*Range.getObject("end")->getInteger("character"), 5);
}

TEST(URI, RoundTrips) {
  std::string URI = fileURI("/tmp/a b/c#d.cpp");
  EXPECT_EQ(URI, "file:///tmp/a%20b/c%23d.cpp");
  EXPECT_EQ(pathOfFileURI(URI), "/tmp/a b/c#d.cpp");
  EXPECT_EQ(pathOfFileURI("file://localhost/x.cpp"), "/x.cpp");
  EXPECT_EQ(pathOfFileURI("untitled:Untitled-1"), std::nullopt);
  EXPECT_EQ(pathOfFileURI("file:///bad%2"), std::nullopt);
}

TEST(Transport, FramesRoundTrip) {
  int Pipe[2];
  ASSERT_EQ(::pipe(Pipe), 0);
  ASSERT_TRUE(writeMessage(Pipe[1], R"({"a":1})"));
  ASSERT_TRUE(writeAll(Pipe[1], "content-length: 2\r\nContent-Type: x\r\n\r\n{}"));
  ASSERT_TRUE(writeAll(Pipe[1], "Content-Type: x\r\n\r\n"));
  ::close(Pipe[1]);
  MessageReader Reader(Pipe[0]);
  EXPECT_EQ(Reader.next(), R"({"a":1})");
  EXPECT_EQ(Reader.next(), "{}");
  EXPECT_EQ(Reader.next(), std::nullopt);
  EXPECT_EQ(Reader.error(), "message without Content-Length header");
  ::close(Pipe[0]);
}

} // namespace
