//===--- ClangDeadlock.cpp - Whole-program deadlock analysis --------------===//
//
//   clang-deadlock -p BUILD_DIR [FILES...]     analyse and report
//   clang-deadlock summarize -p BUILD_DIR FILE -o OUT.json
//   clang-deadlock merge SUMMARY.json...        report from summaries
//   clang-deadlock check FILE [--contents=-]    one file on its own (editors)
//
// The map step (summarize) runs once per translation unit, each in its own
// process, so a crash costs one TU; the reduce step (merge) composes every
// summary into one program and reports findings whose parts live in
// different TUs. Summaries are cached by the contents of every file a TU
// read, its command line and the analysis settings.
//
// Exit status: 0 no findings, 1 findings, 2 usage or input errors.
//
//===----------------------------------------------------------------------===//

#include "../common/Report.h"
#include "../common/TidyConfig.h"
#include "../common/Tooling.h"
#include "Analysis/Settings.h"
#include "Analysis/TranslationUnitAnalysis.h"
#include "Core/Composition.h"
#include "Core/SummaryIO.h"
#include "clang/AST/ASTContext.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/xxhash.h"
#include <chrono>
#include <thread>

using namespace deadlock;
namespace cl = llvm::cl;

namespace {

cl::OptionCategory Category("clang-deadlock options");
cl::SubCommand SummarizeCommand("summarize",
                                "Summarise one translation unit into a file");
cl::SubCommand MergeCommand("merge",
                            "Compose summary files and report findings");
cl::SubCommand CheckCommand(
    "check", "Analyse one file on its own, as clang-tidy would (for editors: "
             "the text may be an unsaved buffer)");

// Options of the analysing top level and of summarize.
cl::opt<std::string>
    BuildPath("p", cl::desc("Build directory containing compile_commands.json"),
              cl::value_desc("dir"), cl::cat(Category),
              cl::sub(cl::SubCommand::getTopLevel()), cl::sub(SummarizeCommand),
              cl::sub(CheckCommand));
cl::opt<std::string> ConfigFile(
    "config-file",
    cl::desc("Read Checks and CheckOptions from this .clang-tidy file instead "
             "of the nearest one above the current directory"),
    cl::value_desc("path"), cl::cat(Category),
    cl::sub(cl::SubCommand::getAll()));
cl::opt<std::string> Checks(
    "checks",
    cl::desc("Check globs, as clang-tidy's (appended to the configuration's; "
             "default: deadlock-*)"),
    cl::cat(Category), cl::sub(cl::SubCommand::getAll()));

// Top level.
cl::list<std::string> Files(cl::Positional, cl::desc("[files...]"),
                            cl::cat(Category),
                            cl::sub(cl::SubCommand::getTopLevel()));
cl::opt<unsigned>
    Jobs("j", cl::desc("Translation units analysed at once (default: cores)"),
         cl::init(0), cl::Prefix, cl::cat(Category),
         cl::sub(cl::SubCommand::getTopLevel()));
cl::opt<std::string> CacheDir("cache-dir",
                              cl::desc("Where summaries are cached (default: "
                                       "BUILD_DIR/.clang-deadlock-cache)"),
                              cl::cat(Category),
                              cl::sub(cl::SubCommand::getTopLevel()));
cl::opt<bool> NoCache("no-cache", cl::desc("Analyse every file again"),
                      cl::cat(Category),
                      cl::sub(cl::SubCommand::getTopLevel()));
cl::opt<bool> Quiet("quiet", cl::desc("No progress output"), cl::cat(Category),
                    cl::sub(cl::SubCommand::getTopLevel()));
cl::opt<std::string> CrashOn("debug-crash-on", cl::Hidden,
                             cl::desc("Crash when summarising a file whose "
                                      "path contains this (for testing)"),
                             cl::sub(cl::SubCommand::getAll()));

// Reporting (top level and merge).
cl::opt<OutputFormat>
    Format("format", cl::desc("Output format"),
           cl::values(clEnumValN(OutputFormat::Text, "text",
                                 "Clang-style warnings and notes"),
                      clEnumValN(OutputFormat::JSON, "json", "JSON"),
                      clEnumValN(OutputFormat::SARIF, "sarif", "SARIF 2.1.0")),
           cl::init(OutputFormat::Text), cl::cat(Category),
           cl::sub(cl::SubCommand::getTopLevel()), cl::sub(MergeCommand),
           cl::sub(CheckCommand));
cl::opt<std::string>
    Baseline("baseline",
             cl::desc("Do not report findings listed in this baseline"),
             cl::value_desc("file"), cl::cat(Category),
             cl::sub(cl::SubCommand::getTopLevel()), cl::sub(MergeCommand));
cl::opt<std::string> WriteBaseline(
    "write-baseline", cl::desc("Write the findings of this run as a baseline"),
    cl::value_desc("file"), cl::cat(Category),
    cl::sub(cl::SubCommand::getTopLevel()), cl::sub(MergeCommand));
cl::opt<bool>
    ReportLimits("report-analysis-limits",
                 cl::desc("Report where a bound on the analysis was hit"),
                 cl::cat(Category), cl::sub(cl::SubCommand::getTopLevel()),
                 cl::sub(MergeCommand), cl::sub(CheckCommand));
cl::opt<std::string> Root("root",
                          cl::desc("Paths in fingerprints are relative to this "
                                   "directory (default: current directory)"),
                          cl::cat(Category),
                          cl::sub(cl::SubCommand::getTopLevel()),
                          cl::sub(MergeCommand));

// summarize and merge.
cl::opt<std::string> SummarizeFile(cl::Positional, cl::Required,
                                   cl::desc("<file>"),
                                   cl::sub(SummarizeCommand));
cl::opt<std::string> Output("o", cl::desc("Output file"),
                            cl::value_desc("file"), cl::cat(Category),
                            cl::sub(SummarizeCommand),
                            cl::sub(cl::SubCommand::getTopLevel()),
                            cl::sub(MergeCommand));
cl::opt<std::string> DepFile(
    "depfile",
    cl::desc("Also write a Makefile-style dependency file listing every file "
             "the translation unit read (for build systems)"),
    cl::value_desc("file"), cl::cat(Category), cl::sub(SummarizeCommand));
cl::list<std::string> SummaryFiles(cl::Positional, cl::OneOrMore,
                                   cl::desc("<summary files>"),
                                   cl::sub(MergeCommand));

// check.
cl::opt<std::string> CheckFile(cl::Positional, cl::Required, cl::desc("<file>"),
                               cl::sub(CheckCommand));
cl::opt<std::string> Contents(
    "contents",
    cl::desc("Analyse this text as <file> ('-': standard input); without "
             "-p, the compilation database is looked for as clangd does"),
    cl::value_desc("path"), cl::cat(Category), cl::sub(CheckCommand));

constexpr int ExitClean = 0, ExitFindings = 1, ExitError = 2;

/// Errors are one line each, prefixed like clang's.
void error(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "clang-deadlock") << Message << "\n";
}

std::string hashText(llvm::StringRef Text) {
  return llvm::utohexstr(llvm::xxh3_64bits(Text), /*LowerCase=*/true, 16);
}

/// The configuration, check filter and analysis options of this run.
struct RunConfig {
  TidyConfig Tidy;
  CheckFilter Filter{""};
  AnalysisSettings Settings;
  AnalysisOptions Options;
};

/// The configuration for \p SourceFile (its nearest .clang-tidy, as
/// clang-tidy finds it), or for the current directory when none is given;
/// --config-file overrides both.
llvm::Expected<RunConfig> loadConfig(llvm::StringRef SourceFile = "") {
  RunConfig C;
  if (!ConfigFile.empty()) {
    auto Read = readTidyConfig(ConfigFile);
    if (!Read)
      return Read.takeError();
    C.Tidy = std::move(*Read);
  } else {
    llvm::SmallString<256> Near(SourceFile);
    if (Near.empty()) {
      llvm::sys::fs::current_path(Near);
      llvm::sys::path::append(Near, "-");
    }
    auto Found = findTidyConfig(Near);
    if (!Found)
      return Found.takeError();
    C.Tidy = std::move(*Found);
  }
  // As clang-tidy does: the configuration's Checks refine the default
  // (here every deadlock check), --checks refines both.
  C.Filter.add("deadlock-*");
  C.Filter.add(C.Tidy.Checks);
  C.Filter.add(Checks);
  auto Settings = C.Tidy.settings(C.Filter);
  if (!Settings)
    return Settings.takeError();
  C.Settings = std::move(*Settings);
  auto Options = buildAnalysisOptions(C.Settings);
  if (!Options)
    return Options.takeError();
  C.Options = std::move(*Options);
  return C;
}

std::string absolute(llvm::StringRef File) {
  llvm::SmallString<256> Path(File);
  llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return Path.str().str();
}

llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadDatabase() {
  if (BuildPath.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "no build directory: pass -p BUILD_DIR (the "
                                   "directory of compile_commands.json)");
  llvm::SmallString<256> Path(BuildPath);
  llvm::sys::path::append(Path, "compile_commands.json");
  Path = absolute(Path);
  if (!llvm::sys::fs::exists(Path))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "no compilation database: '" + Path +
                                       "' does not exist");
  // The database loader is lenient with broken JSON: check it first.
  auto Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return llvm::createStringError(Text.getError(),
                                   "cannot read '" + Path +
                                       "': " + Text.getError().message());
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Text)->getBuffer());
  if (!Parsed)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "malformed compilation database '" + Path +
            "': " + llvm::toString(Parsed.takeError()));
  if (!Parsed->getAsArray())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "malformed compilation database '" + Path +
                                       "': expected an array of commands");
  std::string Message;
  auto DB = clang::tooling::JSONCompilationDatabase::loadFromFile(
      Path, Message, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "malformed compilation database '" + Path +
                                       "': " + llvm::StringRef(Message).trim());
  return std::unique_ptr<clang::tooling::CompilationDatabase>(std::move(DB));
}

/// The compile command of \p File, or an error if the database has none.
llvm::Expected<clang::tooling::CompileCommand>
commandFor(const clang::tooling::CompilationDatabase &DB,
           llvm::StringRef File) {
  if (!llvm::sys::fs::exists(File))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "'" + File + "' does not exist");
  if (auto Readable = llvm::MemoryBuffer::getFile(File); !Readable)
    return llvm::createStringError(Readable.getError(),
                                   "cannot read '" + File +
                                       "': " + Readable.getError().message());
  std::vector<clang::tooling::CompileCommand> Commands =
      DB.getCompileCommands(File);
  if (Commands.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "'" + File +
                                       "' is not in the compilation database");
  return Commands.front();
}

//===----------------------------------------------------------------------===//
// summarize
//===----------------------------------------------------------------------===//

/// Hashes file contents once per process.
class ContentHashes {
public:
  std::optional<std::string> of(llvm::StringRef File) {
    auto [It, Inserted] = Hashes.try_emplace(File);
    if (Inserted) {
      auto Buffer = llvm::MemoryBuffer::getFile(File);
      if (Buffer)
        It->second = hashText((*Buffer)->getBuffer());
    }
    return It->second;
  }

private:
  llvm::StringMap<std::optional<std::string>> Hashes;
};

int runSummarize() {
  std::string File = absolute(SummarizeFile);
  auto Config = loadConfig(File);
  if (!Config)
    return error(llvm::toString(Config.takeError())), ExitError;
  auto DB = loadDatabase();
  if (!DB)
    return error(llvm::toString(DB.takeError())), ExitError;
  auto Command = commandFor(**DB, File);
  if (!Command)
    return error(llvm::toString(Command.takeError())), ExitError;
  if (!CrashOn.empty() && llvm::StringRef(File).contains(CrashOn))
    LLVM_BUILTIN_TRAP; // Test hook: a crash in one TU's analysis.

  llvm::json::Value Document = nullptr;
  auto Outcome =
      withAST(*Command, std::nullopt,
              [&](clang::ASTContext &Ctx, clang::Preprocessor &PP) {
                TranslationUnitAnalysis TU(Ctx, Config->Options, &PP);
                TU.summarize(TranslationUnitAnalysis::Scope::Program);
                TU.symbols().assignKeys();
                Document = writeSummaries(
                    TU.program(), ClangSiteResolver(Ctx.getSourceManager()));
              });
  if (!Outcome)
    return error(llvm::toString(Outcome.takeError())), ExitError;

  // The settings came from these files: a change to them is a change to
  // the summary.
  Outcome->Inputs.insert(Outcome->Inputs.end(), Config->Tidy.Files.begin(),
                         Config->Tidy.Files.end());
  ContentHashes Hashes;
  llvm::json::Array Inputs;
  for (const std::string &Input : Outcome->Inputs)
    if (std::optional<std::string> Hash = Hashes.of(Input))
      Inputs.push_back(llvm::json::Object{{"path", Input}, {"hash", *Hash}});
  if (llvm::json::Object *O = Document.getAsObject())
    (*O)["translationUnit"] =
        llvm::json::Object{{"file", File},
                           {"inputs", std::move(Inputs)},
                           {"errors", Outcome->Errors},
                           {"errorCount", Outcome->ErrorCount}};
  else
    return error("'" + File + "' produced no summary"), ExitError;

  std::error_code EC;
  llvm::raw_fd_ostream OS(Output.empty() ? "-" : Output.getValue(), EC);
  if (EC)
    return error("cannot write '" + Output + "': " + EC.message()), ExitError;
  OS << Document << "\n";
  if (!DepFile.empty()) {
    std::error_code DepEC;
    llvm::raw_fd_ostream Dep(DepFile, DepEC);
    if (DepEC)
      return error("cannot write '" + DepFile + "': " + DepEC.message()),
             ExitError;
    auto Escape = [](llvm::StringRef Path) {
      std::string Out;
      for (char C : Path) {
        if (C == ' ' || C == '#' || C == '\\')
          Out += '\\';
        else if (C == '$')
          Out += '$';
        Out += C;
      }
      return Out;
    };
    Dep << Escape(Output.empty() ? "-" : Output.getValue()) << ":";
    for (const std::string &Input : Outcome->Inputs)
      Dep << " \\\n  " << Escape(Input);
    Dep << "\n";
  }
  if (Outcome->ErrorCount) {
    llvm::errs() << Outcome->Errors;
    return ExitFindings; // Summarised, but the file does not compile.
  }
  return ExitClean;
}

//===----------------------------------------------------------------------===//
// merge and report
//===----------------------------------------------------------------------===//

/// Reports the findings of \p Program; returns the exit status.
int report(ProgramSummaries &Program, const SiteResolver &Sites,
           const RunConfig &Config, std::vector<std::string> Errors,
           SourceCache &Sources) {
  struct : DeadlockHandler {
    std::vector<Finding> Findings;
    void handleFinding(const Finding &F) override { Findings.push_back(F); }
  } Collect;
  CompositionLimits Limits;
  Limits.SiteLess = [&Sites](Site A, Site B) {
    Location LA = Sites.resolve(A), LB = Sites.resolve(B);
    return std::tie(LA.File, LA.Line, LA.Column) <
           std::tie(LB.File, LB.Line, LB.Column);
  };
  reportFindings(Program, Collect, Limits);
  if (!Config.Filter.anyDeadlockCheck())
    llvm::WithColor::warning(llvm::errs(), "clang-deadlock")
        << "no deadlock-* check is enabled (Checks: in "
        << (Config.Tidy.Files.empty() ? std::string("--checks")
                                      : Config.Tidy.Files.back())
        << "); nothing is reported\n";

  ReportFilter Filter;
  Filter.Checks = Config.Filter;
  for (auto [Name, Field, Default] :
       {std::tuple<llvm::StringRef, bool *, bool>{"IncludeIO",
                                                  &Filter.IncludeIO, true},
        {"ConfirmedOnly", &Filter.ConfirmedOnly, false},
        {"ReportAnalysisLimits", &Filter.AnalysisLimits, false}}) {
    auto Value =
        Config.Tidy.flag("deadlock-blocking-under-lock", Name, Default);
    if (!Value)
      return error(llvm::toString(Value.takeError())), ExitError;
    *Field = *Value;
  }
  Filter.AnalysisLimits |= ReportLimits;
  llvm::SmallString<256> RootDir(Root);
  if (RootDir.empty())
    llvm::sys::fs::current_path(RootDir);
  std::vector<ResolvedFinding> Findings =
      prepareFindings(Collect.Findings, Sites, Filter, Sources, RootDir);

  if (!WriteBaseline.empty())
    if (llvm::Error E = writeBaseline(WriteBaseline, Findings))
      return error(llvm::toString(std::move(E))), ExitError;
  if (!Baseline.empty()) {
    auto Known = readBaseline(Baseline);
    if (!Known)
      return error(llvm::toString(Known.takeError())), ExitError;
    llvm::erase_if(Findings, [&](const ResolvedFinding &F) {
      return Known->contains(F.Fingerprint);
    });
  }

  std::error_code EC;
  llvm::raw_fd_ostream OS(Output.empty() ? "-" : Output.getValue(), EC);
  if (EC)
    return error("cannot write '" + Output + "': " + EC.message()), ExitError;
  switch (Format) {
  case OutputFormat::Text:
    printText(OS, Findings, Sources);
    break;
  case OutputFormat::JSON:
    printJSON(OS, Findings, Errors);
    break;
  case OutputFormat::SARIF:
    printSARIF(OS, Findings, Errors);
    break;
  }
  if (!Errors.empty())
    return ExitError;
  bool Any = llvm::any_of(Findings, [](const ResolvedFinding &F) {
    return F.Check != CheckKind::AnalysisLimit;
  });
  return Any ? ExitFindings : ExitClean;
}

/// Reads one summary document into \p Program.
llvm::Error merge(const llvm::json::Value &Document, ProgramSummaries &Program,
                  LocationTable &Locations) {
  return readSummaries(Document, Program, Locations);
}

llvm::Expected<llvm::json::Value> readJSONFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read '" + Path +
                                       "': " + Buffer.getError().message());
  auto Parsed = llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "'" + Path + "' is not a summary file: " +
                                       llvm::toString(Parsed.takeError()));
  return Parsed;
}

int runMerge() {
  auto Config = loadConfig();
  if (!Config)
    return error(llvm::toString(Config.takeError())), ExitError;
  ProgramSummaries Program;
  LocationTable Locations;
  std::vector<std::string> Errors;
  for (const std::string &Path : SummaryFiles) {
    auto Document = readJSONFile(Path);
    if (!Document) {
      Errors.push_back(llvm::toString(Document.takeError()));
      error(Errors.back());
    } else if (llvm::Error E = merge(*Document, Program, Locations)) {
      Errors.push_back("'" + Path + "': " + llvm::toString(std::move(E)));
      error(Errors.back());
    }
  }
  SourceCache Sources;
  return report(Program, Locations, *Config, std::move(Errors), Sources);
}

//===----------------------------------------------------------------------===//
// analyse: summarise every TU (in parallel, cached), then merge
//===----------------------------------------------------------------------===//

struct Unit {
  std::string File;
  clang::tooling::CompileCommand Command;
  std::string CachePath;
  std::optional<llvm::json::Value> Document;
  enum { Pending, Cached, Analysed, Failed } Status = Pending;
  std::string Error;
};

/// A cached summary still describes its TU if every file it read is
/// unchanged.
bool cacheIsValid(const llvm::json::Value &Document, ContentHashes &Hashes) {
  const llvm::json::Object *O = Document.getAsObject();
  const llvm::json::Object *TU = O ? O->getObject("translationUnit") : nullptr;
  const llvm::json::Array *Inputs = TU ? TU->getArray("inputs") : nullptr;
  if (!Inputs || O->getInteger("version") != SummaryFormatVersion)
    return false;
  for (const llvm::json::Value &Input : *Inputs) {
    const llvm::json::Object *I = Input.getAsObject();
    std::optional<llvm::StringRef> Path =
        I ? I->getString("path") : std::nullopt;
    std::optional<llvm::StringRef> Hash =
        I ? I->getString("hash") : std::nullopt;
    if (!Path || !Hash || Hashes.of(*Path) != Hash->str())
      return false;
  }
  return true;
}

/// Errors a summary document carries (its TU did not compile).
std::optional<std::string> compileErrors(const llvm::json::Value &Document) {
  const llvm::json::Object *O = Document.getAsObject();
  const llvm::json::Object *TU = O ? O->getObject("translationUnit") : nullptr;
  if (!TU || TU->getInteger("errorCount").value_or(0) == 0)
    return std::nullopt;
  return TU->getString("errors").value_or("").str();
}

class Progress {
public:
  Progress(size_t Total)
      : Total(Total), TTY(llvm::sys::Process::StandardErrIsDisplayed()) {}
  void started(const Unit &U) {
    if (Quiet || !TTY)
      return;
    llvm::errs() << llvm::formatv("\r\x1b[K[{0}/{1}] {2}", Done, Total,
                                  llvm::sys::path::filename(U.File));
  }
  void finished(const Unit &U, double Seconds) {
    ++Done;
    if (Quiet)
      return;
    std::string What;
    switch (U.Status) {
    case Unit::Cached:
      What = "cached";
      break;
    case Unit::Analysed:
      What = llvm::formatv("analysed in {0:f2} s", Seconds);
      break;
    default:
      What = "error";
      break;
    }
    if (TTY)
      llvm::errs() << llvm::formatv("\r\x1b[K[{0}/{1}] {2}", Done, Total,
                                    llvm::sys::path::filename(U.File));
    else
      llvm::errs() << llvm::formatv("[{0}/{1}] {2}: {3}\n", Done, Total, U.File,
                                    What);
  }
  void end() {
    if (!Quiet && TTY)
      llvm::errs() << "\r\x1b[K";
  }

private:
  size_t Total, Done = 0;
  bool TTY;
};

/// Removes cache entries for the same file under other keys.
void pruneOlderEntries(llvm::StringRef Entry) {
  llvm::StringRef Dir = llvm::sys::path::parent_path(Entry);
  llvm::StringRef Name = llvm::sys::path::filename(Entry);
  llvm::StringRef FilePart = Name.split('-').first;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Other = llvm::sys::path::filename(It->path());
    if (Other != Name && Other.starts_with(FilePart.str() + "-") &&
        Other.ends_with(".json"))
      llvm::sys::fs::remove(It->path());
  }
}

int runAnalyse(const char *Argv0) {
  auto Config = loadConfig();
  if (!Config)
    return error(llvm::toString(Config.takeError())), ExitError;
  auto DB = loadDatabase();
  if (!DB)
    return error(llvm::toString(DB.takeError())), ExitError;

  std::vector<std::string> Paths;
  if (Files.empty())
    Paths = (*DB)->getAllFiles();
  else
    for (const std::string &F : Files)
      Paths.push_back(absolute(F));
  llvm::sort(Paths);
  Paths.erase(std::unique(Paths.begin(), Paths.end()), Paths.end());

  llvm::SmallString<256> Cache(CacheDir);
  if (Cache.empty()) {
    Cache = BuildPath;
    llvm::sys::path::append(Cache, ".clang-deadlock-cache");
  }
  if (std::error_code EC = llvm::sys::fs::create_directories(Cache))
    return error("cannot create cache directory '" + Cache +
                 "': " + EC.message()),
           ExitError;

  // A new build of the tool may summarise differently: key on its bytes.
  std::string Self = llvm::sys::fs::getMainExecutable(
      Argv0, reinterpret_cast<void *>(&runAnalyse));
  ContentHashes Hashes;
  std::string ToolHash = Hashes.of(Self).value_or(DEADLOCK_VERSION);

  std::vector<std::string> Errors;
  std::vector<Unit> Units;
  for (const std::string &Path : Paths) {
    auto Command = commandFor(**DB, Path);
    if (!Command) {
      Errors.push_back(llvm::toString(Command.takeError()));
      error(Errors.back());
      continue;
    }
    auto FileConfig = loadConfig(Path);
    if (!FileConfig) {
      Errors.push_back(llvm::toString(FileConfig.takeError()));
      error(Errors.back());
      continue;
    }
    Unit U;
    U.File = Path;
    U.Command = *Command;
    std::string Key = ToolHash + "\n" + Path + "\n" + Command->Directory +
                      "\n" + llvm::join(Command->CommandLine, "\x1f") + "\n" +
                      FileConfig->Settings.fingerprint();
    // <file>-<key>: an entry for the same file under another key (older
    // contents, settings or tool) is pruned once the new one is written.
    llvm::SmallString<256> Entry(Cache);
    llvm::sys::path::append(Entry,
                            hashText(Path) + "-" + hashText(Key) + ".json");
    U.CachePath = Entry.str().str();
    Units.push_back(std::move(U));
  }

  Progress Progress(Units.size());
  std::vector<Unit *> Work;
  for (Unit &U : Units) {
    if (!NoCache) {
      auto Cached = readJSONFile(U.CachePath);
      if (!Cached) {
        llvm::consumeError(Cached.takeError());
      } else if (cacheIsValid(*Cached, Hashes)) {
        U.Document = std::move(*Cached);
        U.Status = Unit::Cached;
        Progress.finished(U, 0);
        continue;
      }
    }
    Work.push_back(&U);
  }

  // Each TU in its own process: a crash costs that TU only.
  unsigned Parallel =
      Jobs ? Jobs : llvm::hardware_concurrency().compute_thread_count();
  struct Running {
    Unit *U;
    llvm::sys::ProcessInfo Process;
    std::string Temp, Stderr;
    std::chrono::steady_clock::time_point Start;
  };
  std::vector<Running> Active;
  size_t Next = 0;
  while (Next < Work.size() || !Active.empty()) {
    while (Next < Work.size() && Active.size() < Parallel) {
      Unit &U = *Work[Next++];
      Running R{&U,
                {},
                U.CachePath + ".tmp" + std::to_string(Next),
                U.CachePath + ".err" + std::to_string(Next),
                std::chrono::steady_clock::now()};
      std::vector<std::string> Args = {Self,   "summarize", "-p",  BuildPath,
                                       U.File, "-o",        R.Temp};
      if (!ConfigFile.empty())
        Args.push_back("--config-file=" + ConfigFile);
      if (!Checks.empty())
        Args.push_back("--checks=" + Checks);
      if (!CrashOn.empty())
        Args.push_back("--debug-crash-on=" + CrashOn);
      std::vector<llvm::StringRef> ArgRefs(Args.begin(), Args.end());
      std::optional<llvm::StringRef> Redirects[] = {std::nullopt, std::nullopt,
                                                    llvm::StringRef(R.Stderr)};
      std::string Message;
      bool Failed = false;
      R.Process = llvm::sys::ExecuteNoWait(Self, ArgRefs, std::nullopt,
                                           Redirects, 0, &Message, &Failed);
      if (Failed) {
        U.Status = Unit::Failed;
        U.Error = "cannot start the analysis of '" + U.File + "': " + Message;
        Progress.finished(U, 0);
        continue;
      }
      Progress.started(U);
      Active.push_back(std::move(R));
    }
    bool Progressed = false;
    for (size_t I = 0; I < Active.size();) {
      Running &R = Active[I];
      llvm::sys::ProcessInfo Result =
          llvm::sys::Wait(R.Process, /*SecondsToWait=*/0, nullptr, nullptr,
                          /*Polling=*/true);
      if (Result.Pid == 0) {
        ++I;
        continue;
      }
      Progressed = true;
      Unit &U = *R.U;
      auto Err = llvm::MemoryBuffer::getFile(R.Stderr);
      std::string Stderr = Err ? (*Err)->getBuffer().trim().str() : "";
      llvm::sys::fs::remove(R.Stderr);
      auto Document =
          Result.ReturnCode == 0 || Result.ReturnCode == 1
              ? readJSONFile(R.Temp)
              : llvm::Expected<llvm::json::Value>(llvm::createStringError(
                    llvm::inconvertibleErrorCode(), ""));
      if (Result.ReturnCode < 0 || Result.ReturnCode > 1 || !Document) {
        if (!Document)
          llvm::consumeError(Document.takeError());
        U.Status = Unit::Failed;
        llvm::StringRef FirstLine =
            llvm::StringRef(Stderr).split('\n').first.trim();
        if (Result.ReturnCode < 0 || Result.ReturnCode > 2)
          U.Error = "the analysis of '" + U.File + "' crashed";
        else
          U.Error = FirstLine.empty()
                        ? "the analysis of '" + U.File + "' failed"
                        : FirstLine.str();
        llvm::sys::fs::remove(R.Temp);
      } else {
        llvm::sys::fs::rename(R.Temp, U.CachePath);
        pruneOlderEntries(U.CachePath);
        U.Document = std::move(*Document);
        U.Status = Unit::Analysed;
      }
      std::chrono::duration<double> Elapsed =
          std::chrono::steady_clock::now() - R.Start;
      Progress.finished(U, Elapsed.count());
      Active.erase(Active.begin() + I);
    }
    if (!Progressed)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  Progress.end();

  ProgramSummaries Program;
  LocationTable Locations;
  for (Unit &U : Units) {
    if (U.Status == Unit::Failed) {
      Errors.push_back(U.Error);
      error(U.Error);
      continue;
    }
    if (std::optional<std::string> CompileErrors = compileErrors(*U.Document)) {
      Errors.push_back("'" + U.File + "' does not compile");
      llvm::errs() << *CompileErrors;
      error(Errors.back());
    }
    if (llvm::Error E = merge(*U.Document, Program, Locations)) {
      Errors.push_back("'" + U.CachePath +
                       "': " + llvm::toString(std::move(E)));
      error(Errors.back());
    }
  }
  SourceCache Sources;
  return report(Program, Locations, *Config, std::move(Errors), Sources);
}

//===----------------------------------------------------------------------===//
// check: one file, as an editor sees it
//===----------------------------------------------------------------------===//

/// The compilation database clangd would use for \p File: the nearest
/// compile_commands.json or compile_flags.txt in a parent directory or its
/// build/ subdirectory.
std::unique_ptr<clang::tooling::CompilationDatabase>
findDatabaseFor(llvm::StringRef File) {
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(File); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Build(Dir);
    llvm::sys::path::append(Build, "build");
    for (llvm::StringRef Candidate : {Dir, llvm::StringRef(Build)}) {
      std::string Message;
      if (auto DB = clang::tooling::CompilationDatabase::loadFromDirectory(
              Candidate, Message))
        return DB;
    }
  }
  return nullptr;
}

/// clangd's fallback when no database knows the file: the driver's
/// defaults for its language.
clang::tooling::CompileCommand fallbackCommand(llvm::StringRef File) {
  llvm::StringRef Extension = llvm::sys::path::extension(File);
  std::vector<std::string> Args = {"clang++"};
  if (Extension == ".c")
    Args.push_back("-xc");
  else if (Extension == ".h")
    Args.push_back("-xc++-header");
  Args.push_back(File.str());
  return clang::tooling::CompileCommand(llvm::sys::path::parent_path(File),
                                        File, std::move(Args), "");
}

llvm::Expected<clang::tooling::CompileCommand>
editorCommand(llvm::StringRef File) {
  std::unique_ptr<clang::tooling::CompilationDatabase> DB;
  if (!BuildPath.empty()) {
    auto Loaded = loadDatabase();
    if (!Loaded)
      return Loaded.takeError();
    DB = std::move(*Loaded);
  } else {
    DB = findDatabaseFor(File);
  }
  if (DB) {
    // Headers and new files borrow the flags of their nearest neighbour.
    DB = clang::tooling::inferMissingCompileCommands(std::move(DB));
    std::vector<clang::tooling::CompileCommand> Commands =
        DB->getCompileCommands(File);
    if (!Commands.empty())
      return Commands.front();
  }
  return fallbackCommand(File);
}

int runCheck() {
  std::string File = absolute(CheckFile);
  auto Config = loadConfig(File);
  if (!Config)
    return error(llvm::toString(Config.takeError())), ExitError;
  std::unique_ptr<llvm::MemoryBuffer> Text;
  if (!Contents.empty()) {
    auto Read = Contents == "-" ? llvm::MemoryBuffer::getSTDIN()
                                : llvm::MemoryBuffer::getFile(Contents);
    if (!Read)
      return error("cannot read '" + Contents +
                   "': " + Read.getError().message()),
             ExitError;
    Text = std::move(*Read);
  } else if (!llvm::sys::fs::exists(File)) {
    return error("'" + File + "' does not exist"), ExitError;
  }
  auto Command = editorCommand(File);
  if (!Command)
    return error(llvm::toString(Command.takeError())), ExitError;

  int Status = ExitError;
  auto Outcome = withAST(
      *Command,
      Text ? std::optional<llvm::StringRef>(Text->getBuffer()) : std::nullopt,
      [&](clang::ASTContext &Ctx, clang::Preprocessor &PP) {
        TranslationUnitAnalysis TU(Ctx, Config->Options, &PP);
        TU.summarize();
        SourceCache Sources;
        if (Text)
          Sources.overlay(File, Text->getBuffer());
        Status = report(TU.program(), ClangSiteResolver(Ctx.getSourceManager()),
                        *Config, {}, Sources);
      });
  if (!Outcome)
    return error(llvm::toString(Outcome.takeError())), ExitError;
  if (Outcome->ErrorCount)
    // Code being edited rarely compiles; what did parse was analysed.
    llvm::WithColor::warning(llvm::errs(), "clang-deadlock")
        << "'" << File << "' has " << Outcome->ErrorCount
        << " compile error(s); findings may be incomplete\n";
  return Status;
}

} // namespace

int main(int argc, const char **argv) {
  llvm::InitLLVM X(argc, argv);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "clang-deadlock " << DEADLOCK_VERSION << " (LLVM "
       << LLVM_VERSION_STRING << ")\n";
  });
  std::string UsageErrors;
  llvm::raw_string_ostream UsageStream(UsageErrors);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "clang-deadlock: whole-program static deadlock detection.\n\n"
          "  clang-deadlock -p BUILD_DIR [FILES...]\n"
          "  clang-deadlock summarize -p BUILD_DIR FILE -o OUT.json\n"
          "  clang-deadlock merge SUMMARY.json...\n"
          "  clang-deadlock check [-p BUILD_DIR] FILE [--contents=-]\n\n"
          "Exit status: 0 no findings, 1 findings, 2 usage or input errors.\n",
          &UsageStream)) {
    // One line per problem, in our own form.
    llvm::SmallVector<llvm::StringRef, 4> Lines;
    llvm::StringRef(UsageErrors).split(Lines, '\n', -1, false);
    for (llvm::StringRef Line : Lines) {
      Line.consume_front(llvm::sys::path::filename(argv[0]));
      Line.consume_front(": ");
      error(Line.trim() + " (see --help)");
    }
    return ExitError;
  }
  // Clang's file system layer cannot work without one.
  llvm::SmallString<256> WorkingDir;
  if (std::error_code EC = llvm::sys::fs::current_path(WorkingDir))
    return error("cannot determine the current directory: " + EC.message()),
           ExitError;
  if (SummarizeCommand)
    return runSummarize();
  if (MergeCommand)
    return runMerge();
  if (CheckCommand)
    return runCheck();
  return runAnalyse(argv[0]);
}
