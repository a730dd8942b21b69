//===--- LockModel.h - Which calls lock what --------------------*- C++ -*-===//
//
// Answers, for a callee or a type, what it means for locks: a lock function
// (from the catalog or from Clang thread-safety attributes), a guard type, a
// guard member function, a recursive lock type. Answers are cached per
// declaration, so classifying a call costs a pointer lookup.
//
//===----------------------------------------------------------------------===//

#ifndef CLANG_DEADLOCK_ANALYSIS_LOCKMODEL_H
#define CLANG_DEADLOCK_ANALYSIS_LOCKMODEL_H

#include "BlockingCatalog.h"
#include "LockCatalog.h"
#include "LockPathBuilder.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace clang {
class ASTContext;
class CXXDeleteExpr;
class CXXDestructorDecl;
class CXXConstructExpr;
class CXXConstructorDecl;
class CXXMethodDecl;
class CXXRecordDecl;
class FieldDecl;
class Preprocessor;
} // namespace clang

namespace deadlock {

/// A lock function as the model sees it: a catalog row, or one synthesised
/// from thread-safety attributes (then Capabilities lists the attribute
/// arguments, written in the callee's terms; empty means the object).
struct LockFunctionInfo {
  LockAction Action;
  LockMode Mode;
  LockOperand Operand;
  SuccessValue Success;
  llvm::SmallVector<const clang::Expr *, 1> Capabilities;
  bool FromAttributes = false;
};

/// One lock a call operates on, in the caller's terms.
struct LockOperandInfo {
  LockPath Lock;
  bool Reentrant = false;
};

/// A constructor keeps parameter \c Param (or its address) in the field
/// reached by \c Path from the new object (`MutexLock(Mutex *m) : mu_(m)`,
/// or through a member object: `Writer(Mutex *m) : cv(m)` with
/// `CondVar(Mutex *m) : mu_(m)`).
struct StoredField {
  llvm::SmallVector<const Symbol *, 2> Path;
  unsigned Param = 0;
  bool AddressOf = false;
};

/// What every constructor of a class stores in the field reached by \c
/// Path, in terms of the new object (`this`): `DBImpl() : cv_(&mutex_)`
/// makes `cv_.mu_` hold `&this->mutex_`.
struct MemberValue {
  llvm::SmallVector<const Symbol *, 2> Path;
  PathValue Value;
};

class LockModel {
public:
  LockModel(clang::ASTContext &Ctx, const LockCatalog &Catalog,
            const BlockingCatalog &Blocking, SymbolMap &Symbols,
            const clang::Preprocessor *PP);
  ~LockModel();

  /// The lock function \p FD is, or null.
  const LockFunctionInfo *lockFunction(const clang::FunctionDecl *FD);

  /// The blocking operation \p FD is, or null.
  const BlockingFunction *blockingFunction(const clang::FunctionDecl *FD);
  /// The wake-up operation \p FD is, or null.
  const WakeFunction *wakeFunction(const clang::FunctionDecl *FD);
  /// The descriptor \p Call puts in non-blocking mode, if it does.
  const clang::Expr *nonBlockingDescriptor(const clang::CallExpr *Call);
  /// Whether \p FD was declared non-blocking by the user.
  bool isDeclaredNonBlocking(const clang::FunctionDecl *FD);
  /// Whether destroying an object of type \p T joins a thread (jthread).
  bool destructorJoins(clang::QualType T);

  /// The guard type \p T is (catalog row or `scoped_lockable`), or null.
  const GuardType *guardType(clang::QualType T);

  /// What member function \p MD of a guard type does, or null.
  std::optional<GuardAction> guardMethod(const clang::CXXMethodDecl *MD);

  /// True for calls and constructions the lockset analysis must see.
  bool isLockRelated(const clang::FunctionDecl *FD);

  /// The locks a call to lock function \p Info operates on.
  llvm::SmallVector<LockOperandInfo, 2>
  operands(const clang::CallExpr *Call, const clang::FunctionDecl *Callee,
           const LockFunctionInfo &Info, LockPathBuilder &Paths);

  /// The locks a guard construction takes (empty for a default or moving
  /// construction), and the tag it was given.
  llvm::SmallVector<LockOperandInfo, 2>
  guardOperands(const clang::CXXConstructExpr *Construct,
                LockPathBuilder &Paths, LockCatalog::GuardTag &Tag,
                LockMode &Mode);

  llvm::ArrayRef<StoredField>
  storedFields(const clang::CXXConstructorDecl *Ctor);
  llvm::ArrayRef<MemberValue> memberValues(const clang::CXXRecordDecl *Class);

  /// The lock \p Lock (of type \p LockType) names. A lock member of a
  /// class with the `capability` attribute is that capability: the wrapper
  /// is what callers lock and unlock, and its inner std::mutex the same lock.
  LockPath canonicalLock(LockPath Lock, const clang::Expr *LockExpr);
  /// Whether \p Field is the lock inside a capability wrapper: a member
  /// of a class with the `capability` attribute.
  static bool isWrappedLock(const clang::FieldDecl *Field);

  /// Whether a lock of type \p LockType (the object, not a pointer) at
  /// \p Lock may be taken again by the thread holding it.
  bool isReentrant(clang::QualType LockType, const LockPath &Lock);

  const LockCatalog &catalog() const { return Catalog; }

private:
  bool hasReentrantAttribute(const clang::CXXRecordDecl *RD);
  std::optional<LockFunctionInfo> fromAttributes(const clang::FunctionDecl *FD);
  LockOperandInfo operandFor(const clang::Expr *E, LockPathBuilder &Paths);

  clang::ASTContext &Ctx;
  struct CatalogRows {
    const BlockingFunction *Blocking = nullptr;
    const WakeFunction *Wake = nullptr;
    const DescriptorModeFunction *DescriptorMode = nullptr;
    bool NonBlocking = false;
  };
  const CatalogRows &rowsFor(const clang::FunctionDecl *FD);

  const LockCatalog &Catalog;
  const BlockingCatalog &Blocking;
  SymbolMap &Symbols;
  const clang::Preprocessor *PP;

  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<LockFunctionInfo>>
      Functions;
  llvm::DenseMap<const clang::CXXRecordDecl *, std::unique_ptr<GuardType>>
      Guards;
  llvm::DenseMap<const clang::FunctionDecl *, CatalogRows> Rows;
  llvm::DenseMap<const clang::CXXConstructorDecl *,
                 std::optional<llvm::SmallVector<StoredField, 1>>>
      Stored;
  llvm::DenseMap<const clang::CXXRecordDecl *,
                 std::optional<llvm::SmallVector<MemberValue, 1>>>
      Members;
  llvm::DenseMap<const clang::Type *, bool> ReentrantTypes;
};

/// The function a callable expression denotes: a lambda's call operator, a
/// named function, `&f`, a std::function built from one of those, the
/// function a std::thread runs or a std::async call runs.
const clang::FunctionDecl *callableOf(const clang::Expr *E);

/// The destructor `delete p` runs, if p's type is a complete class.
const clang::CXXDestructorDecl *
destructorDeleting(const clang::CXXDeleteExpr *Delete);

/// The variable, field or parameter an expression names (canonical), or
/// null.
const clang::Decl *holderOf(const clang::Expr *E);

/// The qualified name of \p T's record (template pattern name for
/// specializations), or "" for non-record types.
std::string recordNameOf(clang::QualType T);

} // namespace deadlock

#endif
