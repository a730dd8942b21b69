//===--- SymbolMap.cpp ----------------------------------------------------===//

#include "SymbolMap.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace deadlock {

Location ClangSiteResolver::resolve(Site S) const {
  SourceLocation Loc =
      SourceLocation::getFromRawEncoding(static_cast<uint32_t>(S.Raw));
  SourceLocation Expansion = SM.getExpansionLoc(Loc);
  PresumedLoc P = SM.getPresumedLoc(Expansion);
  if (P.isInvalid())
    return {};
  // A relative name (a compilation database with relative paths) means
  // nothing to whoever reads the location later: use the real path.
  std::string File = P.getFilename();
  if (!llvm::sys::path::is_absolute(File))
    if (OptionalFileEntryRef Entry =
            SM.getFileEntryRefForID(SM.getFileID(Expansion)))
      if (StringRef Real = Entry->getFileEntry().tryGetRealPathName();
          !Real.empty())
        File = Real.str();
  return {File, P.getLine(), P.getColumn()};
}

std::string qualifiedNameOf(const Decl *D) {
  const auto *ND = dyn_cast<NamedDecl>(D);
  if (!ND)
    return "";
  std::string Name;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(ND); MD && MD->getParent()->isLambda())
    Name = "lambda";
  else
    Name = ND->getNameAsString();
  const DeclContext *Ctx = ND->getDeclContext();
  // Walk outwards, printing each record or namespace by its own name; for a
  // class template specialization that is the template's name.
  while (Ctx && !isa<TranslationUnitDecl>(Ctx)) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(Ctx)) {
      if (!NS->isInline() && !NS->isAnonymousNamespace())
        Name = NS->getNameAsString() + "::" + Name;
    } else if (const auto *RD = dyn_cast<RecordDecl>(Ctx)) {
      if (const auto *CRD = dyn_cast<CXXRecordDecl>(RD); CRD && CRD->isLambda())
        Name = "lambda::" + Name;
      else if (!RD->getName().empty())
        Name = RD->getNameAsString() + "::" + Name;
    } else if (const auto *FD = dyn_cast<FunctionDecl>(Ctx)) {
      Name = FD->getNameAsString() + "()::" + Name;
    }
    Ctx = Ctx->getParent();
  }
  return Name;
}

static SymbolKind kindOf(const Decl *D) {
  if (isa<FunctionDecl>(D))
    return SymbolKind::Function;
  if (isa<FieldDecl>(D))
    return SymbolKind::Field;
  if (isa<ParmVarDecl>(D))
    return SymbolKind::Parameter;
  if (const auto *VD = dyn_cast<VarDecl>(D))
    return VD->hasGlobalStorage() ? SymbolKind::Global : SymbolKind::Local;
  return SymbolKind::Global;
}

Symbol &SymbolMap::create(const Decl *D) {
  std::string Name;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(D);
      MD && MD->getParent()->isLambda()) {
    // A function may hold several lambdas: say which.
    const SourceManager &SM = D->getASTContext().getSourceManager();
    PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(D->getLocation()));
    Name = P.isValid() ? "lambda at line " + std::to_string(P.getLine())
                       : "lambda";
  } else if (const auto *ND = dyn_cast<NamedDecl>(D))
    Name = ND->getNameAsString();
  Symbol &S = Table.create(kindOf(D), Name, qualifiedNameOf(D));
  if (const auto *PD = dyn_cast<ParmVarDecl>(D)) {
    S.ParamIndex = PD->getFunctionScopeIndex();
    if (S.Name.empty())
      S.Name = "<parameter " + std::to_string(S.ParamIndex + 1) + ">";
  }
  Map[D] = &S;
  Decls[&S] = D;
  Created.emplace_back(D, &S);
  return S;
}

const Symbol *SymbolMap::function(const FunctionDecl *FD) {
  const Decl *D = FD->getCanonicalDecl();
  if (Symbol *S = Map.lookup(D))
    return S;
  return &create(D);
}

const Symbol *SymbolMap::variable(const ValueDecl *VD) {
  const Decl *D = VD->getCanonicalDecl();
  if (Symbol *S = Map.lookup(D))
    return S;
  return &create(D);
}

void SymbolMap::markRecursive(const ValueDecl *VD) {
  const_cast<Symbol *>(variable(VD))->KnownRecursive = true;
}

void SymbolMap::assignKeys() {
  for (auto &[D, S] : Created) {
    if (!S->Key.empty())
      continue;
    llvm::SmallString<128> USR;
    if (index::generateUSRForDecl(D, USR))
      continue;
    S->Key = USR.str().str();
  }
}

} // namespace deadlock
