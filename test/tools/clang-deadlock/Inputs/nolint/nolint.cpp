#include "helper.h"
#include <mutex>

std::mutex Plain, Bare, Named, Glob, Other, ListMu, Next, NextNamed, NextOther,
    NextTooFar, Region, AfterRegion, NamedRegion, OtherRegion, NoteOnly;

void plain() {
  Plain.lock();
  Plain.lock(); // reported: no comment
}

void bare() {
  Bare.lock();
  Bare.lock(); // NOLINT
}

void named() {
  Named.lock();
  Named.lock(); // NOLINT(deadlock-double-lock)
}

void glob() {
  Glob.lock();
  Glob.lock(); // NOLINT(deadlock-*)
}

void other() {
  Other.lock();
  Other.lock(); // NOLINT(bugprone-use-after-move): reported, another check
}

void list() {
  ListMu.lock();
  ListMu.lock(); // NOLINT(bugprone-use-after-move, deadlock-double-lock)
}

void next() {
  Next.lock();
  // NOLINTNEXTLINE
  Next.lock();
}

void nextNamed() {
  NextNamed.lock();
  // NOLINTNEXTLINE(deadlock-double-lock)
  NextNamed.lock();
}

void nextOther() {
  NextOther.lock();
  // NOLINTNEXTLINE(deadlock-lock-order-inversion): reported, another check
  NextOther.lock();
}

void nextTooFar() {
  NextTooFar.lock();
  // NOLINTNEXTLINE: reported, the line after this one is blank

  NextTooFar.lock();
}

// NOLINTBEGIN
void region() {
  Region.lock();
  Region.lock();
}
// NOLINTEND

void afterRegion() {
  AfterRegion.lock();
  AfterRegion.lock(); // reported: after NOLINTEND
}

// NOLINTBEGIN(deadlock-double-lock)
void namedRegion() {
  NamedRegion.lock();
  NamedRegion.lock();
}
// NOLINTEND(deadlock-double-lock)

// NOLINTBEGIN(deadlock-missing-unlock)
void otherRegion() {
  OtherRegion.lock();
  OtherRegion.lock(); // reported: the region is for another check
}
// NOLINTEND(deadlock-missing-unlock)

void noteOnly() {
  NoteOnly.lock(); // NOLINT: reported, the comment is on the note's line
  NoteOnly.lock();
}

// Across translation units: the finding is here, lockHelper() is in
// helper.cpp.
void crossTU() {
  HelperMu.lock();
  lockHelper(); // NOLINT(deadlock-double-lock)
}

void crossTUReported() {
  HelperMu.lock();
  lockHelper(); // reported
}
