//===--- Site.h - Opaque source positions -----------------------*- C++ -*-===//

#ifndef CLANG_DEADLOCK_CORE_SITE_H
#define CLANG_DEADLOCK_CORE_SITE_H

#include <cstdint>
#include <string>

namespace deadlock {

/// An opaque source position. Whoever produced the analysis input knows how
/// to turn it back into a location: the Clang front end stores encoded
/// SourceLocations, a summary reader stores indices into its location table.
/// The core only compares and copies them.
struct Site {
  uint64_t Raw = 0;
  bool isValid() const { return Raw != 0; }
  friend bool operator==(Site A, Site B) { return A.Raw == B.Raw; }
  friend bool operator!=(Site A, Site B) { return A.Raw != B.Raw; }
  friend bool operator<(Site A, Site B) { return A.Raw < B.Raw; }
};

/// A resolved position, for output and serialization.
struct Location {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// Turns Sites back into file positions.
class SiteResolver {
public:
  virtual ~SiteResolver();
  virtual Location resolve(Site S) const = 0;
};

} // namespace deadlock

#endif
