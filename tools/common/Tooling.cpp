//===--- Tooling.cpp ------------------------------------------------------===//

#include "Tooling.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

using namespace clang;

namespace deadlock {

std::string clangResourceDir() {
  // Debian installs Clang 19's builtin headers here.
  if (llvm::sys::fs::is_directory(DEADLOCK_CLANG_RESOURCE_DIR))
    return DEADLOCK_CLANG_RESOURCE_DIR;
  if (llvm::ErrorOr<std::string> Clang = llvm::sys::findProgramByName("clang-19")) {
    llvm::SmallString<256> Dir(*Clang);
    llvm::sys::fs::real_path(*Clang, Dir);
    llvm::sys::path::remove_filename(Dir); // bin
    llvm::sys::path::remove_filename(Dir);
    llvm::sys::path::append(Dir, "lib", "clang", "19");
    return Dir.str().str();
  }
  return DEADLOCK_CLANG_RESOURCE_DIR;
}

namespace {

class CallbackConsumer : public ASTConsumer {
public:
  CallbackConsumer(CompilerInstance &CI,
                   llvm::function_ref<void(ASTContext &, Preprocessor &)> Body,
                   std::vector<std::string> &Inputs)
      : CI(CI), Body(Body), Inputs(Inputs) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    Body(Ctx, CI.getPreprocessor());
    const SourceManager &SM = Ctx.getSourceManager();
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
      // The path the file system resolved, so that a later run finds the
      // same file wherever the compiler's search paths pointed.
      StringRef Real = It->first.getFileEntry().tryGetRealPathName();
      Inputs.push_back(Real.empty() ? It->first.getName().str() : Real.str());
    }
  }

private:
  CompilerInstance &CI;
  llvm::function_ref<void(ASTContext &, Preprocessor &)> Body;
  std::vector<std::string> &Inputs;
};

class CallbackAction : public ASTFrontendAction {
public:
  CallbackAction(llvm::function_ref<void(ASTContext &, Preprocessor &)> Body,
                 std::vector<std::string> &Inputs)
      : Body(Body), Inputs(Inputs) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    return std::make_unique<CallbackConsumer>(CI, Body, Inputs);
  }

private:
  llvm::function_ref<void(ASTContext &, Preprocessor &)> Body;
  std::vector<std::string> &Inputs;
};

class Factory : public tooling::FrontendActionFactory {
public:
  Factory(llvm::function_ref<void(ASTContext &, Preprocessor &)> Body,
          std::vector<std::string> &Inputs)
      : Body(Body), Inputs(Inputs) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<CallbackAction>(Body, Inputs);
  }

private:
  llvm::function_ref<void(ASTContext &, Preprocessor &)> Body;
  std::vector<std::string> &Inputs;
};

/// A compilation database holding one command.
class SingleCommand : public tooling::CompilationDatabase {
public:
  explicit SingleCommand(tooling::CompileCommand Command)
      : Command(std::move(Command)) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef) const override {
    return {Command};
  }

private:
  tooling::CompileCommand Command;
};

} // namespace

llvm::Expected<ParseOutcome>
withAST(const tooling::CompileCommand &Command,
        std::optional<llvm::StringRef> Contents,
        llvm::function_ref<void(ASTContext &, Preprocessor &)> Body) {
  llvm::SmallString<256> File(Command.Filename);
  if (!llvm::sys::path::is_absolute(File))
    llvm::sys::fs::make_absolute(Command.Directory, File);
  SingleCommand Database(Command);
  tooling::ClangTool Tool(Database, {File.str().str()});
  if (Contents)
    Tool.mapVirtualFile(File, *Contents);
  std::string Resource = "-resource-dir=" + clangResourceDir();
  Tool.appendArgumentsAdjuster(
      [Resource](const tooling::CommandLineArguments &Args, StringRef) {
        tooling::CommandLineArguments Out = Args;
        bool HasResourceDir = false;
        for (const std::string &A : Args)
          HasResourceDir |= StringRef(A).starts_with("-resource-dir");
        if (!HasResourceDir)
          Out.push_back(Resource);
        Out.push_back("-w"); // Compiler warnings are not our business here.
        return Out;
      });

  ParseOutcome Outcome;
  std::string Diagnostics;
  llvm::raw_string_ostream Stream(Diagnostics);
  auto DiagOpts = llvm::makeIntrusiveRefCnt<DiagnosticOptions>();
  TextDiagnosticPrinter Printer(Stream, DiagOpts.get());
  Tool.setDiagnosticConsumer(&Printer);
  Tool.setPrintErrorMessage(false);
  Factory F(Body, Outcome.Inputs);
  int Status = Tool.run(&F);
  Outcome.ErrorCount = Printer.getNumErrors();
  Outcome.Errors = Stream.str();
  if (Status != 0 && Outcome.ErrorCount == 0)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot run the compiler on '" + File + "'");
  return Outcome;
}

} // namespace deadlock
