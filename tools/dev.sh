#!/usr/bin/env bash
# clang-deadlock developer entry point.
#
#   tools/dev.sh examples   install what is missing, build, run the checks on
#                           the bundled examples (docs/examples)
#   tools/dev.sh test       install what is missing, build, run every test
#   tools/dev.sh build      install what is missing and build
#
# Idempotent: packages already installed are not touched, an existing build
# directory is reused and only rebuilt where sources changed.
# BUILD_DIR (default: build) and BUILD_TYPE (default: Release) can be set in
# the environment; BUILD_TYPE=Asan gives a Debug build with AddressSanitizer.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
BUILD_TYPE="${BUILD_TYPE:-Release}"

PACKAGES=(
  clang-19 clang-tidy-19 clang-tools-19 clangd-19
  libclang-19-dev libclang-cpp19-dev llvm-19-dev llvm-19-tools
  libzstd-dev libedit-dev libcurl4-openssl-dev
  cmake ninja-build libgtest-dev python3 python3-jsonschema git pre-commit
)

log() { printf '== %s\n' "$*" >&2; }

install_packages() {
  local missing=()
  for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

configure_and_build() {
  local cmake_type="$BUILD_TYPE" extra=()
  if [ "$BUILD_TYPE" = "Asan" ]; then
    cmake_type=Debug
    extra+=(-DDEADLOCK_ENABLE_ASAN=ON)
  fi
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    log "configuring $BUILD_DIR ($BUILD_TYPE)"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja \
      -DCMAKE_BUILD_TYPE="$cmake_type" \
      -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
      "${extra[@]}" >/dev/null
  fi
  log "building"
  cmake --build "$BUILD_DIR" -- -j"$(nproc)"
}

run_examples() {
  local plugin="$BUILD_DIR/lib/clang-deadlock-tidy.so"
  log "clang-tidy-19 --load=$plugin -checks='-*,deadlock-*' on docs/examples/*.cpp"
  for example in "$ROOT"/docs/examples/*.cpp; do
    clang-tidy-19 --quiet --load="$plugin" -checks='-*,deadlock-*' \
      "$example" -- -std=c++17
  done

  # The whole-program driver on a project split over two files.
  local project="$ROOT/docs/examples/multi-tu"
  local work="$BUILD_DIR/examples/multi-tu"
  mkdir -p "$work"
  {
    echo "["
    local sep=""
    for source in "$project"/*.cpp; do
      printf '%s{"directory": "%s", "file": "%s", "arguments": ["clang++", "-std=c++17", "-c", "%s"]}\n' \
        "$sep" "$project" "$source" "$source"
      sep=","
    done
    echo "]"
  } > "$work/compile_commands.json"
  log "clang-deadlock -p $work (docs/examples/multi-tu)"
  "$BUILD_DIR/bin/clang-deadlock" -p "$work" --quiet || true
  log "editors: point clangd at $BUILD_DIR/bin/clangd-deadlock (docs/editors.md)"
}

run_tests() {
  log "running every test (ctest)"
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)"
}

case "${1:-}" in
  examples) install_packages; configure_and_build; run_examples ;;
  test) install_packages; configure_and_build; run_tests ;;
  build) install_packages; configure_and_build ;;
  *) echo "usage: tools/dev.sh examples|test|build" >&2; exit 2 ;;
esac
