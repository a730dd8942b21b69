//===--- Report.cpp -------------------------------------------------------===//

#include "Report.h"
#include "URI.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include <map>

namespace deadlock {

void SourceCache::FileLines::split() {
  Lines.clear();
  llvm::StringRef Rest = Buffer->getBuffer();
  while (!Rest.empty()) {
    auto [Head, Tail] = Rest.split('\n');
    Lines.push_back(Head.rtrim('\r'));
    Rest = Tail;
  }
}

void SourceCache::overlay(llvm::StringRef File, llvm::StringRef Contents) {
  FileLines &F = Files[File];
  F.Buffer = llvm::MemoryBuffer::getMemBufferCopy(Contents, File);
  F.split();
}

llvm::StringRef SourceCache::line(llvm::StringRef File, unsigned Line) {
  auto [It, Inserted] = Files.try_emplace(File);
  FileLines &F = It->second;
  if (Inserted) {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    if (Buffer) {
      F.Buffer = std::move(*Buffer);
      F.split();
    }
  }
  if (Line == 0 || Line > F.Lines.size())
    return "";
  return F.Lines[Line - 1];
}

/// Whether the NOLINT-style marker \p Marker in \p Text applies to \p Check:
/// `NOLINT` alone, or `NOLINT(globs)` with a glob matching it.
static bool markerApplies(llvm::StringRef Text, llvm::StringRef Marker,
                          llvm::StringRef Check) {
  size_t Pos = 0;
  while ((Pos = Text.find(Marker, Pos)) != llvm::StringRef::npos) {
    llvm::StringRef After = Text.drop_front(Pos + Marker.size());
    Pos += Marker.size();
    // `NOLINT` must not be the start of NOLINTNEXTLINE or NOLINTBEGIN.
    if (!After.empty() && (llvm::isAlnum(After.front()) || After.front() == '_'))
      continue;
    if (!After.consume_front("("))
      return true;
    llvm::StringRef Globs = After.take_until([](char C) { return C == ')'; });
    CheckFilter Filter("");
    Filter.add(Globs);
    if (Filter.enabled(Check))
      return true;
  }
  return false;
}

bool suppressedByComment(SourceCache &Sources, llvm::StringRef File,
                         unsigned Line, llvm::StringRef Check) {
  if (markerApplies(Sources.line(File, Line), "NOLINT", Check))
    return true;
  if (Line > 1 &&
      markerApplies(Sources.line(File, Line - 1), "NOLINTNEXTLINE", Check))
    return true;
  // NOLINTBEGIN ... NOLINTEND regions above the line.
  int Depth = 0;
  for (unsigned L = Line; L >= 1; --L) {
    llvm::StringRef Text = Sources.line(File, L);
    if (L != Line && markerApplies(Text, "NOLINTEND", Check))
      --Depth;
    if (markerApplies(Text, "NOLINTBEGIN", Check) && ++Depth > 0)
      return true;
  }
  return false;
}

static std::string relativeTo(llvm::StringRef Root, llvm::StringRef File) {
  llvm::SmallString<256> Path(File);
  if (!Root.empty() && llvm::sys::path::replace_path_prefix(Path, Root, ""))
    return llvm::sys::path::relative_path(Path).str();
  return File.str();
}

std::vector<ResolvedFinding> prepareFindings(llvm::ArrayRef<Finding> Findings,
                                             const SiteResolver &Sites,
                                             const ReportFilter &Filter,
                                             SourceCache &Sources,
                                             llvm::StringRef Root) {
  std::vector<ResolvedFinding> Out;
  std::map<std::string, unsigned> Occurrences;
  for (const Finding &F : Findings) {
    if (F.Check == CheckKind::AnalysisLimit) {
      if (!Filter.AnalysisLimits)
        continue;
    } else if (!Filter.Checks.enabled(F.Check)) {
      continue;
    }
    if (F.Check == CheckKind::BlockingUnderLock &&
        ((F.IO && !Filter.IncludeIO) || (Filter.ConfirmedOnly && !F.Certain)))
      continue;
    ResolvedFinding R;
    R.Check = F.Check;
    R.Message = F.Message;
    R.Loc = Sites.resolve(F.Loc);
    R.Certain = F.Certain;
    R.IO = F.IO;
    if (!R.Loc.File.empty() &&
        suppressedByComment(Sources, R.Loc.File, R.Loc.Line, checkName(F.Check)))
      continue;
    for (const Note &N : F.Notes)
      R.Notes.emplace_back(Sites.resolve(N.Loc), N.Message);
    // Independent of line numbers: what, where (file and the text of the
    // line), and which occurrence of that in the file.
    std::string Key = (checkName(F.Check) + "\n" + relativeTo(Root, R.Loc.File) +
                       "\n" + R.Message + "\n" +
                       Sources.line(R.Loc.File, R.Loc.Line).trim())
                          .str();
    unsigned Index = Occurrences[Key]++;
    R.Fingerprint = llvm::utohexstr(llvm::xxh3_64bits(Key), /*LowerCase=*/true,
                                    16) +
                    (Index ? "-" + std::to_string(Index) : "");
    Out.push_back(std::move(R));
  }
  llvm::sort(Out, [](const ResolvedFinding &A, const ResolvedFinding &B) {
    return std::tie(A.Loc.File, A.Loc.Line, A.Loc.Column, A.Check, A.Message) <
           std::tie(B.Loc.File, B.Loc.Line, B.Loc.Column, B.Check, B.Message);
  });
  return Out;
}

llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path) {
  auto Fail = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "baseline '" + Path + "': " + Why);
  };
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return Fail(Buffer.getError().message());
  llvm::Expected<llvm::json::Value> Doc = llvm::json::parse((*Buffer)->getBuffer());
  if (!Doc)
    return Fail("not JSON: " + llvm::toString(Doc.takeError()));
  const llvm::json::Object *O = Doc->getAsObject();
  const llvm::json::Array *List = O ? O->getArray("fingerprints") : nullptr;
  if (!O || O->getString("format") != "clang-deadlock-baseline" || !List)
    return Fail("not a clang-deadlock baseline (expected \"format\": "
                "\"clang-deadlock-baseline\" and \"fingerprints\")");
  llvm::StringSet<> Known;
  for (const llvm::json::Value &V : *List) {
    std::optional<llvm::StringRef> S = V.getAsString();
    if (!S)
      return Fail("fingerprints must be strings");
    Known.insert(*S);
  }
  return Known;
}

llvm::Error writeBaseline(llvm::StringRef Path,
                          llvm::ArrayRef<ResolvedFinding> Findings) {
  llvm::json::Array List;
  for (const ResolvedFinding &F : Findings)
    List.push_back(F.Fingerprint);
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    return llvm::createStringError(EC, "cannot write baseline '" + Path +
                                           "': " + EC.message());
  OS << llvm::formatv("{0:2}", llvm::json::Value(llvm::json::Object{
                                   {"format", "clang-deadlock-baseline"},
                                   {"version", 1},
                                   {"fingerprints", std::move(List)}}))
     << "\n";
  return llvm::Error::success();
}

static void printSnippet(llvm::raw_ostream &OS, SourceCache &Sources,
                         const Location &L) {
  llvm::StringRef Text = Sources.line(L.File, L.Line);
  if (Text.empty() || L.Column == 0)
    return;
  OS << llvm::formatv("{0,5} | {1}\n", L.Line, Text);
  OS << "      | ";
  for (unsigned I = 1; I < L.Column && I <= Text.size(); ++I)
    OS << (Text[I - 1] == '\t' ? '\t' : ' ');
  OS << "^\n";
}

static std::string position(const Location &L) {
  if (L.File.empty())
    return "";
  return llvm::formatv("{0}:{1}:{2}: ", L.File, L.Line, L.Column);
}

void printText(llvm::raw_ostream &OS, llvm::ArrayRef<ResolvedFinding> Findings,
               SourceCache &Sources) {
  for (const ResolvedFinding &F : Findings) {
    OS << position(F.Loc)
       << (F.Check == CheckKind::AnalysisLimit ? "remark: " : "warning: ")
       << F.Message << " [" << checkName(F.Check) << "]\n";
    printSnippet(OS, Sources, F.Loc);
    for (const auto &[Loc, Message] : F.Notes) {
      OS << position(Loc) << "note: " << Message << "\n";
      printSnippet(OS, Sources, Loc);
    }
  }
}

static llvm::json::Object locationJSON(const Location &L) {
  return llvm::json::Object{{"file", L.File}, {"line", L.Line},
                            {"column", L.Column}};
}

void printJSON(llvm::raw_ostream &OS, llvm::ArrayRef<ResolvedFinding> Findings,
               llvm::ArrayRef<std::string> Errors) {
  llvm::json::Array List;
  for (const ResolvedFinding &F : Findings) {
    llvm::json::Array Notes;
    for (const auto &[Loc, Message] : F.Notes) {
      llvm::json::Object N = locationJSON(Loc);
      N["message"] = Message;
      Notes.push_back(std::move(N));
    }
    llvm::json::Object O = locationJSON(F.Loc);
    O["check"] = checkName(F.Check);
    O["message"] = F.Message;
    O["notes"] = std::move(Notes);
    O["fingerprint"] = F.Fingerprint;
    if (F.Check == CheckKind::BlockingUnderLock)
      O["certain"] = F.Certain;
    List.push_back(std::move(O));
  }
  llvm::json::Array ErrorList;
  for (const std::string &E : Errors)
    ErrorList.push_back(E);
  OS << llvm::formatv("{0:2}",
                      llvm::json::Value(llvm::json::Object{
                          {"findings", std::move(List)},
                          {"errors", std::move(ErrorList)}}))
     << "\n";
}

static llvm::json::Object physicalLocation(const Location &L) {
  llvm::json::Object Region{{"startLine", std::max(1u, L.Line)}};
  if (L.Column)
    Region["startColumn"] = L.Column;
  return llvm::json::Object{
      {"artifactLocation", llvm::json::Object{{"uri", fileURI(L.File)}}},
      {"region", std::move(Region)}};
}

static const char *ruleDescription(CheckKind K) {
  switch (K) {
  case CheckKind::DoubleLock:
    return "A thread acquires a non-recursive lock it already holds.";
  case CheckKind::RecursiveSharedLock:
    return "A thread re-acquires a shared lock it holds shared; a writer "
           "queued in between blocks both.";
  case CheckKind::MissingUnlock:
    return "A lock is still held on some exits of a function but not others.";
  case CheckKind::LockOrderInversion:
    return "Locks are taken in inconsistent orders.";
  case CheckKind::BlockingUnderLock:
    return "A blocking operation runs while a lock is held.";
  case CheckKind::AnalysisLimit:
    return "A bound on the analysis was hit.";
  }
  return "";
}

void printSARIF(llvm::raw_ostream &OS,
                llvm::ArrayRef<ResolvedFinding> Findings,
                llvm::ArrayRef<std::string> Errors) {
  const CheckKind Kinds[] = {CheckKind::DoubleLock,
                             CheckKind::RecursiveSharedLock,
                             CheckKind::MissingUnlock,
                             CheckKind::LockOrderInversion,
                             CheckKind::BlockingUnderLock,
                             CheckKind::AnalysisLimit};
  llvm::json::Array Rules;
  for (CheckKind K : Kinds) {
    llvm::json::Object Rule{
        {"id", checkName(K)},
        {"shortDescription", llvm::json::Object{{"text", ruleDescription(K)}}}};
    if (K != CheckKind::AnalysisLimit) // a remark, not a check with a page
      Rule["helpUri"] = ("https://github.com/clang-deadlock/clang-deadlock/"
                         "blob/main/docs/checks/" +
                         checkName(K) + ".md")
                            .str();
    Rules.push_back(std::move(Rule));
  }
  llvm::json::Array Results;
  for (const ResolvedFinding &F : Findings) {
    unsigned RuleIndex = 0;
    while (Kinds[RuleIndex] != F.Check)
      ++RuleIndex;
    llvm::json::Array Related, Flow;
    unsigned Id = 1;
    for (const auto &[Loc, Message] : F.Notes) {
      if (Loc.File.empty())
        continue;
      Related.push_back(llvm::json::Object{
          {"id", Id++},
          {"message", llvm::json::Object{{"text", Message}}},
          {"physicalLocation", physicalLocation(Loc)}});
      Flow.push_back(llvm::json::Object{
          {"location",
           llvm::json::Object{
               {"physicalLocation", physicalLocation(Loc)},
               {"message", llvm::json::Object{{"text", Message}}}}}});
    }
    llvm::json::Object Result{
        {"ruleId", checkName(F.Check)},
        {"ruleIndex", RuleIndex},
        {"level", F.Check == CheckKind::AnalysisLimit ? "note" : "warning"},
        {"message", llvm::json::Object{{"text", F.Message}}},
        {"partialFingerprints",
         llvm::json::Object{{"clangDeadlock/v1", F.Fingerprint}}}};
    if (!F.Loc.File.empty())
      Result["locations"] =
          llvm::json::Array{llvm::json::Object{{"physicalLocation",
                                                physicalLocation(F.Loc)}}};
    if (!Related.empty()) {
      Result["relatedLocations"] = std::move(Related);
      Result["codeFlows"] = llvm::json::Array{llvm::json::Object{
          {"threadFlows",
           llvm::json::Array{llvm::json::Object{{"locations", std::move(Flow)}}}}}};
    }
    Results.push_back(std::move(Result));
  }
  llvm::json::Array Notifications;
  for (const std::string &E : Errors)
    Notifications.push_back(llvm::json::Object{
        {"level", "error"}, {"message", llvm::json::Object{{"text", E}}}});
  llvm::json::Object Invocation{{"executionSuccessful", Errors.empty()}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  llvm::json::Object Log{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       llvm::json::Array{llvm::json::Object{
           {"tool",
            llvm::json::Object{
                {"driver",
                 llvm::json::Object{
                     {"name", "clang-deadlock"},
                     {"version", DEADLOCK_VERSION},
                     {"informationUri",
                      "https://github.com/clang-deadlock/clang-deadlock"},
                     {"rules", std::move(Rules)}}}}},
           {"invocations", llvm::json::Array{std::move(Invocation)}},
           {"results", std::move(Results)}}}}};
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Log))) << "\n";
}

} // namespace deadlock
