//===--- TidyConfig.cpp ---------------------------------------------------===//

#include "TidyConfig.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

namespace deadlock {

void CheckFilter::add(llvm::StringRef Text) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Text.split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    if (Part.empty())
      continue;
    bool Enable = !Part.consume_front("-");
    Globs.emplace_back(Part.trim().str(), Enable);
  }
}

bool CheckFilter::enabled(llvm::StringRef CheckName) const {
  bool Result = false;
  for (const auto &[Glob, Enable] : Globs) {
    // clang-tidy's only wildcard is `*`.
    std::string Pattern = "^";
    for (char C : Glob)
      Pattern += C == '*' ? std::string(".*") : llvm::Regex::escape(std::string(1, C));
    Pattern += "$";
    if (llvm::Regex(Pattern).match(CheckName))
      Result = Enable;
  }
  return Result;
}

bool CheckFilter::anyDeadlockCheck() const {
  for (CheckKind K : {CheckKind::DoubleLock, CheckKind::RecursiveSharedLock,
                      CheckKind::MissingUnlock, CheckKind::LockOrderInversion,
                      CheckKind::BlockingUnderLock})
    if (enabled(K))
      return true;
  return false;
}

static std::string scalar(llvm::yaml::Node *N) {
  llvm::SmallString<64> Storage;
  if (auto *S = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(N))
    return S->getValue(Storage).str();
  if (auto *B = llvm::dyn_cast_or_null<llvm::yaml::BlockScalarNode>(N))
    return B->getValue().str();
  return "";
}

llvm::Error parseTidyConfig(llvm::StringRef Text, llvm::StringRef FileName,
                            TidyConfig &Into, bool &InheritParent) {
  auto Fail = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   FileName + ": " + Why);
  };
  llvm::SourceMgr SM;
  std::string Errors;
  llvm::raw_string_ostream ErrorStream(Errors);
  SM.setDiagHandler(
      [](const llvm::SMDiagnostic &D, void *Context) {
        D.print(nullptr, *static_cast<llvm::raw_string_ostream *>(Context),
                false);
      },
      &ErrorStream);
  llvm::yaml::Stream Stream(Text, SM);
  InheritParent = false;
  for (llvm::yaml::Document &Doc : Stream) {
    llvm::yaml::Node *Root = Doc.getRoot();
    if (!Root || llvm::isa<llvm::yaml::NullNode>(Root))
      continue;
    auto *Map = llvm::dyn_cast<llvm::yaml::MappingNode>(Root);
    if (!Map)
      return Fail("expected a mapping of settings");
    for (llvm::yaml::KeyValueNode &KV : *Map) {
      std::string Key = scalar(KV.getKey());
      if (Key == "Checks") {
        std::string Checks = scalar(KV.getValue());
        // Checks may span lines; clang-tidy joins them.
        std::replace(Checks.begin(), Checks.end(), '\n', ',');
        Into.Checks = Into.Checks.empty() ? Checks : Into.Checks + "," + Checks;
      } else if (Key == "InheritParentConfig") {
        InheritParent = scalar(KV.getValue()) == "true";
      } else if (Key == "CheckOptions") {
        llvm::yaml::Node *Value = KV.getValue();
        if (auto *Options = llvm::dyn_cast<llvm::yaml::MappingNode>(Value)) {
          for (llvm::yaml::KeyValueNode &Option : *Options)
            Into.Options[scalar(Option.getKey())] = scalar(Option.getValue());
        } else if (auto *List = llvm::dyn_cast<llvm::yaml::SequenceNode>(Value)) {
          // The older form: a list of {key: ..., value: ...}.
          for (llvm::yaml::Node &Item : *List) {
            auto *Entry = llvm::dyn_cast<llvm::yaml::MappingNode>(&Item);
            if (!Entry)
              return Fail("CheckOptions entries must be {key: ..., value: ...}");
            std::string OptionKey, OptionValue;
            for (llvm::yaml::KeyValueNode &Field : *Entry) {
              std::string Name = scalar(Field.getKey());
              if (Name == "key")
                OptionKey = scalar(Field.getValue());
              else if (Name == "value")
                OptionValue = scalar(Field.getValue());
            }
            Into.Options[OptionKey] = OptionValue;
          }
        } else if (!llvm::isa<llvm::yaml::NullNode>(Value)) {
          return Fail("CheckOptions must be a mapping");
        }
      }
      // Other clang-tidy settings (HeaderFilterRegex, ...) do not concern us.
    }
  }
  if (Stream.failed() || !Errors.empty())
    // One line: YAML diagnostics come with the offending line and a caret.
    return Fail("not valid YAML: " +
                llvm::StringRef(Errors).trim().split('\n').first);
  return llvm::Error::success();
}

llvm::Expected<TidyConfig> readTidyConfig(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read '" + Path + "': " +
                                       Buffer.getError().message());
  TidyConfig Config;
  bool Inherit;
  if (llvm::Error E = parseTidyConfig((*Buffer)->getBuffer(), Path, Config, Inherit))
    return std::move(E);
  Config.Files.push_back(Path.str());
  return Config;
}

llvm::Expected<TidyConfig> findTidyConfig(llvm::StringRef SourceFile) {
  llvm::SmallString<256> Dir(SourceFile);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_filename(Dir);
  // Nearest first; stop at the first file that does not inherit.
  std::vector<std::string> Files;
  for (llvm::StringRef D = Dir; !D.empty(); D = llvm::sys::path::parent_path(D)) {
    llvm::SmallString<256> Candidate(D);
    llvm::sys::path::append(Candidate, ".clang-tidy");
    if (!llvm::sys::fs::exists(Candidate))
      continue;
    Files.push_back(Candidate.str().str());
    auto Buffer = llvm::MemoryBuffer::getFile(Candidate);
    TidyConfig Probe;
    bool Inherit = false;
    if (Buffer) {
      llvm::Error E = parseTidyConfig((*Buffer)->getBuffer(), Candidate, Probe, Inherit);
      if (E)
        return std::move(E);
    }
    if (!Inherit)
      break;
  }
  // Apply outermost first, so inner files override.
  TidyConfig Config;
  for (auto It = Files.rbegin(); It != Files.rend(); ++It) {
    auto Buffer = llvm::MemoryBuffer::getFile(*It);
    if (!Buffer)
      return llvm::createStringError(Buffer.getError(),
                                     "cannot read '" + *It + "'");
    bool Inherit;
    if (llvm::Error E =
            parseTidyConfig((*Buffer)->getBuffer(), *It, Config, Inherit))
      return std::move(E);
    Config.Files.push_back(*It);
  }
  return Config;
}

static const char *const DeadlockChecks[] = {
    "deadlock-double-lock", "deadlock-recursive-shared-lock",
    "deadlock-missing-unlock", "deadlock-lock-order-inversion",
    "deadlock-blocking-under-lock"};

llvm::Expected<AnalysisSettings>
TidyConfig::settings(const CheckFilter &Filter) const {
  return AnalysisSettings::read(
      [&](llvm::StringRef Name) -> std::optional<std::string> {
        for (const char *Check : DeadlockChecks)
          if (Filter.enabled(Check)) {
            auto It = Options.find((llvm::Twine(Check) + "." + Name).str());
            if (It != Options.end())
              return It->second;
          }
        auto It = Options.find(Name);
        if (It != Options.end())
          return It->second;
        return std::nullopt;
      });
}

llvm::Expected<bool> TidyConfig::flag(llvm::StringRef Check,
                                      llvm::StringRef Name, bool Default) const {
  auto It = Options.find((Check + "." + Name).str());
  if (It == Options.end())
    It = Options.find(Name);
  if (It == Options.end())
    return Default;
  llvm::StringRef V = llvm::StringRef(It->second).trim();
  if (V.equals_insensitive("true") || V == "1")
    return true;
  if (V.equals_insensitive("false") || V == "0")
    return false;
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "invalid value for option '" + It->first() +
                                     "': expected true or false, got '" + V +
                                     "'");
}

} // namespace deadlock
