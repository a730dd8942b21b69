//===--- Proxy.cpp --------------------------------------------------------===//
//
// Three threads: the main thread reads the editor and forwards to clangd;
// one reads clangd and forwards to the editor, merging diagnostics; one
// runs the analysis of whichever buffer's edits have settled. State is
// guarded by one mutex, writes to the editor by another; nothing writes
// while holding the state mutex, so a slow editor never stalls the others.
//
//===----------------------------------------------------------------------===//

#include "Proxy.h"
#include "Documents.h"
#include "Transport.h"
#include "URI.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace deadlock {
namespace {

using Clock = std::chrono::steady_clock;
namespace json = llvm::json;

/// Editors show a server's standard error as its log.
void log(const llvm::Twine &Message) {
  // One write: clangd, our child, logs to the same stream, and lines written
  // piecewise interleave with its own.
  llvm::errs() << ("clangd-deadlock: " + Message + "\n").str();
}

/// A child process with pipes to its standard input and output.
struct Child {
  pid_t Pid = -1;
  int In = -1;
  int Out = -1;
};

/// Starts \p Argv; with \p OwnGroup in a process group of its own, so
/// that killing the group also kills what it started.
llvm::Expected<Child> spawn(const std::vector<std::string> &Argv,
                            bool OwnGroup = false) {
  int In[2], Out[2];
  if (::pipe2(In, O_CLOEXEC) != 0)
    return llvm::errorCodeToError(std::error_code(errno, std::generic_category()));
  if (::pipe2(Out, O_CLOEXEC) != 0) {
    int Saved = errno;
    ::close(In[0]);
    ::close(In[1]);
    return llvm::errorCodeToError(std::error_code(Saved, std::generic_category()));
  }
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_adddup2(&Actions, In[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&Actions, Out[1], STDOUT_FILENO);
  std::vector<char *> Args;
  for (const std::string &A : Argv)
    Args.push_back(const_cast<char *>(A.c_str()));
  Args.push_back(nullptr);
  posix_spawnattr_t Attributes;
  posix_spawnattr_init(&Attributes);
  if (OwnGroup) {
    posix_spawnattr_setflags(&Attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&Attributes, 0);
  }
  pid_t Pid;
  int Error =
      posix_spawn(&Pid, Args[0], &Actions, &Attributes, Args.data(), environ);
  posix_spawnattr_destroy(&Attributes);
  posix_spawn_file_actions_destroy(&Actions);
  ::close(In[0]);
  ::close(Out[1]);
  if (Error != 0) {
    ::close(In[1]);
    ::close(Out[0]);
    return llvm::createStringError(std::error_code(Error, std::generic_category()),
                                   "cannot run '" + Argv.front() +
                                       "': " + std::strerror(Error));
  }
  return Child{Pid, In[1], Out[0]};
}

std::string readAll(int Fd) {
  std::string Data;
  char Chunk[65536];
  for (;;) {
    ssize_t N = ::read(Fd, Chunk, sizeof(Chunk));
    if (N > 0)
      Data.append(Chunk, N);
    else if (N == 0 || errno != EINTR)
      return Data;
  }
}

/// An open document.
struct Document {
  std::string Path;
  /// The path as the analysis reports it (symbolic links resolved).
  std::string RealPath;
  std::string Text;
  int64_t Version = 0;
  /// A language we analyse (C or C++ in a file).
  bool Analysed = false;
  /// When to analyse it next.
  std::optional<Clock::time_point> Due;
  /// Our findings, as LSP diagnostics positioned in the current text.
  json::Array Findings;
};

/// What clangd last published for a document.
struct ClangdDiagnostics {
  json::Array Diagnostics;
  std::optional<json::Value> Version;
};

/// A merged publishDiagnostics, built under the state lock and written
/// after it; Sequence orders publications of one document.
struct Publication {
  std::string URI;
  uint64_t Sequence = 0;
  std::string Body;
};

/// A buffer handed to the analysis.
struct Snapshot {
  std::string URI, Path, Text;
  int64_t Version = 0;
};

class Proxy {
public:
  explicit Proxy(const ProxyOptions &Options) : Options(Options) {}
  int run();

private:
  // Editor to clangd (main thread).
  void observeEditor(const json::Object &Message);
  void didOpen(const json::Object &Params);
  void didChange(const json::Object &Params);
  void didClose(const json::Object &Params);
  void cancelAnalysisOf(llvm::StringRef URI);

  // clangd to editor.
  void readClangd();
  std::optional<Publication> fromClangd(const json::Object &Params);

  // The analysis.
  void analyseLoop();
  std::optional<std::string> runAnalysis(const Snapshot &S);
  json::Array diagnosticsFrom(llvm::StringRef Output, const Snapshot &S,
                              const Document &Doc);
  llvm::StringRef textOf(llvm::StringRef File, const Snapshot &S,
                         llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> &Read);

  Publication publication(llvm::StringRef URI);
  void publish(const Publication &P);
  void toEditor(llvm::StringRef Body);

  const ProxyOptions &Options;
  Child Clangd;

  std::mutex Mutex; // Everything below up to EditorMutex.
  std::condition_variable Wake;
  std::map<std::string, Document> Documents;
  std::map<std::string, ClangdDiagnostics> FromClangd;
  struct RunningAnalysis {
    std::string URI;
    pid_t Pid = 0;
    bool Cancelled = false;
  };
  std::optional<RunningAnalysis> Running;
  std::optional<json::Value> InitializeId;
  OffsetEncoding Encoding = OffsetEncoding::UTF16;
  bool RelatedInformation = false;
  bool ShuttingDown = false; // `shutdown` received: analyse no more.
  bool Exiting = false;      // `exit` received or the editor went away.
  uint64_t Publications = 0;

  std::mutex EditorMutex; // Writes to the editor.
  std::map<std::string, uint64_t> LastPublished;
};

//===----------------------------------------------------------------------===//
// Editor to clangd
//===----------------------------------------------------------------------===//

void Proxy::observeEditor(const json::Object &Message) {
  std::optional<llvm::StringRef> Method = Message.getString("method");
  if (!Method)
    return;
  const json::Object *Params = Message.getObject("params");
  if (*Method == "initialize") {
    std::lock_guard<std::mutex> Lock(Mutex);
    if (const json::Value *Id = Message.get("id"))
      InitializeId = *Id;
    const json::Object *Capabilities = Params ? Params->getObject("capabilities") : nullptr;
    const json::Object *TextDocument =
        Capabilities ? Capabilities->getObject("textDocument") : nullptr;
    const json::Object *Publish =
        TextDocument ? TextDocument->getObject("publishDiagnostics") : nullptr;
    RelatedInformation =
        Publish && Publish->getBoolean("relatedInformation").value_or(false);
  } else if (*Method == "textDocument/didOpen" && Params) {
    didOpen(*Params);
  } else if (*Method == "textDocument/didChange" && Params) {
    didChange(*Params);
  } else if (*Method == "textDocument/didClose" && Params) {
    didClose(*Params);
  } else if (*Method == "textDocument/didSave") {
    // A saved header may change what every open file sees.
    std::lock_guard<std::mutex> Lock(Mutex);
    for (auto &[URI, Doc] : Documents)
      if (Doc.Analysed)
        Doc.Due = Clock::now() + Options.Debounce;
    Wake.notify_all();
  } else if (*Method == "shutdown" || *Method == "exit") {
    std::lock_guard<std::mutex> Lock(Mutex);
    ShuttingDown = true;
    Exiting |= *Method == "exit";
    if (Running)
      cancelAnalysisOf(Running->URI);
    Wake.notify_all();
  }
}

void Proxy::didOpen(const json::Object &Params) {
  const json::Object *Item = Params.getObject("textDocument");
  std::optional<llvm::StringRef> URI = Item ? Item->getString("uri") : std::nullopt;
  if (!URI)
    return;
  std::lock_guard<std::mutex> Lock(Mutex);
  Document &Doc = Documents[URI->str()];
  Doc = Document();
  Doc.Text = Item->getString("text").value_or("").str();
  Doc.Version = Item->getInteger("version").value_or(0);
  llvm::StringRef Language = Item->getString("languageId").value_or("");
  if (std::optional<std::string> Path = pathOfFileURI(*URI)) {
    Doc.Path = *Path;
    llvm::SmallString<256> Real;
    Doc.RealPath = llvm::sys::fs::real_path(*Path, Real) ? *Path : Real.str().str();
    Doc.Analysed = Language == "c" || Language == "cpp";
  }
  if (Doc.Analysed) {
    Doc.Due = Clock::now();
    Wake.notify_all();
  }
}

void Proxy::didChange(const json::Object &Params) {
  const json::Object *Item = Params.getObject("textDocument");
  std::optional<llvm::StringRef> URI = Item ? Item->getString("uri") : std::nullopt;
  const json::Array *Changes = Params.getArray("contentChanges");
  if (!URI || !Changes)
    return;
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Documents.find(URI->str());
  if (It == Documents.end())
    return;
  Document &Doc = It->second;
  for (const json::Value &Change : *Changes) {
    const json::Object *C = Change.getAsObject();
    llvm::Expected<LineShift> Shift =
        C ? applyChange(Doc.Text, *C, Encoding)
          : llvm::Expected<LineShift>(llvm::createStringError(
                llvm::inconvertibleErrorCode(), "a change that is not an object"));
    if (!Shift) {
      // We no longer know the text: say so and stop analysing it.
      log("ignoring " + *URI + " after a malformed change: " +
          llvm::toString(Shift.takeError()));
      Doc.Analysed = false;
      Doc.Findings.clear();
      break;
    }
    shiftDiagnostics(Doc.Findings, *URI, *Shift);
  }
  Doc.Version = Item->getInteger("version").value_or(Doc.Version + 1);
  cancelAnalysisOf(*URI);
  if (Doc.Analysed) {
    Doc.Due = Clock::now() + Options.Debounce;
    Wake.notify_all();
  }
}

void Proxy::didClose(const json::Object &Params) {
  const json::Object *Item = Params.getObject("textDocument");
  std::optional<llvm::StringRef> URI = Item ? Item->getString("uri") : std::nullopt;
  if (!URI)
    return;
  std::lock_guard<std::mutex> Lock(Mutex);
  Documents.erase(URI->str());
  FromClangd.erase(URI->str());
  cancelAnalysisOf(*URI);
}

/// Called with Mutex held. The process is reaped only after Pid is reset
/// under Mutex, so the pid cannot have been reused.
void Proxy::cancelAnalysisOf(llvm::StringRef URI) {
  if (!Running || Running->URI != URI)
    return;
  Running->Cancelled = true;
  if (Running->Pid > 0)
    ::kill(-Running->Pid, SIGKILL); // Its process group.
}

//===----------------------------------------------------------------------===//
// clangd to editor
//===----------------------------------------------------------------------===//

void Proxy::readClangd() {
  MessageReader Reader(Clangd.Out);
  while (std::optional<std::string> Body = Reader.next()) {
    llvm::Expected<json::Value> Parsed = json::parse(*Body);
    if (!Parsed) {
      llvm::consumeError(Parsed.takeError());
      toEditor(*Body);
      continue;
    }
    const json::Object *Message = Parsed->getAsObject();
    if (Message &&
        Message->getString("method") == "textDocument/publishDiagnostics") {
      const json::Object *Params = Message->getObject("params");
      if (std::optional<Publication> P = Params ? fromClangd(*Params) : std::nullopt) {
        publish(*P);
        continue;
      }
    } else if (const json::Object *Result =
                   Message ? Message->getObject("result") : nullptr) {
      std::lock_guard<std::mutex> Lock(Mutex);
      const json::Value *Id = Message->get("id");
      if (InitializeId && Id && *Id == *InitializeId) {
        // The encoding clangd chose (LSP 3.17, or clangd's extension).
        const json::Object *Capabilities = Result->getObject("capabilities");
        std::optional<llvm::StringRef> Name =
            Capabilities ? Capabilities->getString("positionEncoding") : std::nullopt;
        if (!Name)
          Name = Result->getString("offsetEncoding");
        if (Name)
          Encoding = parseOffsetEncoding(*Name).value_or(OffsetEncoding::UTF16);
      }
    }
    toEditor(*Body);
  }
  if (!Reader.error().empty())
    log("reading clangd: " + Reader.error());
  std::unique_lock<std::mutex> Lock(Mutex);
  if (Exiting)
    return;
  // clangd is gone while the editor still talks to us: end the session so
  // that the editor restarts the server.
  log("clangd exited unexpectedly");
  if (Running && Running->Pid > 0)
    ::kill(-Running->Pid, SIGKILL);
  int Status = 0;
  ::waitpid(Clangd.Pid, &Status, 0);
  ::_exit(WIFEXITED(Status) && WEXITSTATUS(Status) ? WEXITSTATUS(Status) : 1);
}

std::optional<Publication> Proxy::fromClangd(const json::Object &Params) {
  std::optional<llvm::StringRef> URI = Params.getString("uri");
  const json::Array *Diagnostics = Params.getArray("diagnostics");
  if (!URI || !Diagnostics)
    return std::nullopt;
  std::lock_guard<std::mutex> Lock(Mutex);
  if (!Documents.count(URI->str()))
    return std::nullopt; // Not open: nothing of ours to add.
  ClangdDiagnostics &Latest = FromClangd[URI->str()];
  Latest.Diagnostics = *Diagnostics;
  if (const json::Value *Version = Params.get("version"))
    Latest.Version = *Version;
  return publication(*URI);
}

/// Called with Mutex held.
Publication Proxy::publication(llvm::StringRef URI) {
  json::Array All;
  std::optional<json::Value> Version;
  if (auto It = FromClangd.find(URI.str()); It != FromClangd.end()) {
    All = It->second.Diagnostics;
    Version = It->second.Version;
  }
  if (auto It = Documents.find(URI.str()); It != Documents.end()) {
    for (const json::Value &D : It->second.Findings)
      All.push_back(D);
    if (!Version)
      Version = It->second.Version;
  }
  json::Object Params{{"uri", URI.str()}, {"diagnostics", std::move(All)}};
  if (Version)
    Params["version"] = *Version;
  std::string Body;
  llvm::raw_string_ostream(Body)
      << json::Value(json::Object{{"jsonrpc", "2.0"},
                                  {"method", "textDocument/publishDiagnostics"},
                                  {"params", std::move(Params)}});
  return Publication{URI.str(), ++Publications, std::move(Body)};
}

void Proxy::publish(const Publication &P) {
  std::lock_guard<std::mutex> Lock(EditorMutex);
  uint64_t &Last = LastPublished[P.URI];
  if (P.Sequence <= Last)
    return; // A newer state of this document is already out.
  Last = P.Sequence;
  writeMessage(STDOUT_FILENO, P.Body);
}

void Proxy::toEditor(llvm::StringRef Body) {
  std::lock_guard<std::mutex> Lock(EditorMutex);
  writeMessage(STDOUT_FILENO, Body);
}

//===----------------------------------------------------------------------===//
// The analysis
//===----------------------------------------------------------------------===//

void Proxy::analyseLoop() {
  std::unique_lock<std::mutex> Lock(Mutex);
  while (!ShuttingDown) {
    auto Next = Documents.end();
    for (auto It = Documents.begin(); It != Documents.end(); ++It)
      if (It->second.Due && (Next == Documents.end() || *It->second.Due < *Next->second.Due))
        Next = It;
    if (Next == Documents.end()) {
      Wake.wait(Lock);
      continue;
    }
    if (*Next->second.Due > Clock::now()) {
      Wake.wait_until(Lock, *Next->second.Due);
      continue;
    }
    Document &Doc = Next->second;
    Doc.Due.reset();
    Snapshot S{Next->first, Doc.Path, Doc.Text, Doc.Version};
    Running = RunningAnalysis{S.URI};
    Lock.unlock();
    std::optional<std::string> Output = runAnalysis(S);
    Lock.lock();
    bool Cancelled = Running->Cancelled;
    Running.reset();
    auto It = Documents.find(S.URI);
    if (!Output || Cancelled || It == Documents.end() ||
        It->second.Version != S.Version)
      continue; // A newer buffer is due.
    It->second.Findings = diagnosticsFrom(*Output, S, It->second);
    Publication P = publication(S.URI);
    Lock.unlock();
    publish(P);
    Lock.lock();
  }
}

std::optional<std::string> Proxy::runAnalysis(const Snapshot &S) {
  std::vector<std::string> Argv = {Options.Analyzer, "check", "--format=json",
                                   "--contents=-"};
  Argv.insert(Argv.end(), Options.AnalyzerArgs.begin(), Options.AnalyzerArgs.end());
  Argv.push_back(S.Path);
  llvm::Expected<Child> Started = spawn(Argv, /*OwnGroup=*/true);
  if (!Started) {
    log(llvm::toString(Started.takeError()));
    return std::nullopt;
  }
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    Running->Pid = Started->Pid;
    if (Running->Cancelled)
      ::kill(-Started->Pid, SIGKILL);
  }
  // It reads all of its input before writing: no pipe deadlock.
  writeAll(Started->In, S.Text);
  ::close(Started->In);
  std::string Output = readAll(Started->Out);
  ::close(Started->Out);
  bool Cancelled;
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    Running->Pid = 0;
    Cancelled = Running->Cancelled;
  }
  int Status = 0;
  ::waitpid(Started->Pid, &Status, 0);
  if (Cancelled)
    return std::nullopt;
  if (WIFSIGNALED(Status)) {
    log("the analysis of '" + S.Path + "' crashed (signal " +
        llvm::Twine(WTERMSIG(Status)) + ")");
    return std::nullopt;
  }
  // 0: no findings, 1: findings; otherwise it has said why on stderr.
  if (!WIFEXITED(Status) || WEXITSTATUS(Status) > 1)
    return std::nullopt;
  return Output;
}

llvm::StringRef
Proxy::textOf(llvm::StringRef File, const Snapshot &S,
              llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> &Read) {
  for (const auto &[URI, Doc] : Documents)
    if (Doc.RealPath == File)
      return URI == S.URI ? llvm::StringRef(S.Text) : llvm::StringRef(Doc.Text);
  auto [It, Inserted] = Read.try_emplace(File);
  if (Inserted)
    if (auto Buffer = llvm::MemoryBuffer::getFile(File))
      It->second = std::move(*Buffer);
  return It->second ? It->second->getBuffer() : "";
}

/// Called with Mutex held.
json::Array Proxy::diagnosticsFrom(llvm::StringRef Output, const Snapshot &S,
                                   const Document &Doc) {
  json::Array Diagnostics;
  llvm::Expected<json::Value> Parsed = json::parse(Output);
  const json::Object *Report = Parsed ? Parsed->getAsObject() : nullptr;
  const json::Array *Findings = Report ? Report->getArray("findings") : nullptr;
  if (!Findings) {
    if (!Parsed)
      llvm::consumeError(Parsed.takeError());
    log("the analysis of '" + S.Path + "' gave unreadable output");
    return Diagnostics;
  }
  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Read;
  auto Where = [&](const json::Object &At, std::string &URI) -> json::Object {
    llvm::StringRef File = At.getString("file").value_or("");
    URI = File == Doc.RealPath ? S.URI : fileURI(File);
    return tokenRange(textOf(File, S, Read), At.getInteger("line").value_or(1),
                      At.getInteger("column").value_or(1), Encoding);
  };
  for (const json::Value &Value : *Findings) {
    const json::Object *F = Value.getAsObject();
    // Findings in other files show up when those files are open.
    if (!F || F->getString("file") != Doc.RealPath)
      continue;
    std::string URI;
    json::Object Diagnostic{{"range", Where(*F, URI)},
                            {"severity", 2},
                            {"code", F->getString("check").value_or("").str()},
                            {"source", "clang-deadlock"}};
    std::string Message = F->getString("message").value_or("").str();
    json::Array Related;
    if (const json::Array *Notes = F->getArray("notes"))
      for (const json::Value &N : *Notes) {
        const json::Object *Note = N.getAsObject();
        if (!Note)
          continue;
        std::string NoteURI;
        json::Object Range = Where(*Note, NoteURI);
        llvm::StringRef Text = Note->getString("message").value_or("");
        if (RelatedInformation) {
          Related.push_back(json::Object{
              {"location", json::Object{{"uri", NoteURI}, {"range", std::move(Range)}}},
              {"message", Text.str()}});
        } else {
          // As clangd does for clients without related information.
          Message += llvm::formatv(
              "\n\n{0}:{1}:{2}: note: {3}",
              llvm::sys::path::filename(Note->getString("file").value_or("")),
              Note->getInteger("line").value_or(0),
              Note->getInteger("column").value_or(0), Text);
        }
      }
    Diagnostic["message"] = std::move(Message);
    if (RelatedInformation)
      Diagnostic["relatedInformation"] = std::move(Related);
    Diagnostics.push_back(std::move(Diagnostic));
  }
  return Diagnostics;
}

//===----------------------------------------------------------------------===//
// The session
//===----------------------------------------------------------------------===//

int Proxy::run() {
  // A peer that has gone shows up as a failed write, not a signal.
  ::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> Argv = {Options.Clangd};
  Argv.insert(Argv.end(), Options.ClangdArgs.begin(), Options.ClangdArgs.end());
  llvm::Expected<Child> Started = spawn(Argv);
  if (!Started) {
    log(llvm::toString(Started.takeError()));
    return 2;
  }
  Clangd = *Started;
  std::thread ClangdReader([this] { readClangd(); });
  std::thread Analyser([this] { analyseLoop(); });

  MessageReader Editor(STDIN_FILENO);
  while (std::optional<std::string> Body = Editor.next()) {
    llvm::Expected<json::Value> Parsed = json::parse(*Body);
    if (!Parsed)
      llvm::consumeError(Parsed.takeError()); // clangd will answer it.
    else if (const json::Object *Message = Parsed->getAsObject())
      observeEditor(*Message);
    if (!writeMessage(Clangd.In, *Body))
      break;
    std::lock_guard<std::mutex> Lock(Mutex);
    if (Exiting)
      break;
  }
  if (!Editor.error().empty())
    log("reading the editor: " + Editor.error());
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    ShuttingDown = Exiting = true;
    if (Running)
      cancelAnalysisOf(Running->URI);
    Wake.notify_all();
  }
  // clangd ends when its input does.
  ::close(Clangd.In);
  ClangdReader.join();
  Analyser.join();
  int Status = 0;
  ::waitpid(Clangd.Pid, &Status, 0);
  return WIFEXITED(Status) ? WEXITSTATUS(Status) : 1;
}

} // namespace

int runProxy(const ProxyOptions &Options) { return Proxy(Options).run(); }

} // namespace deadlock
