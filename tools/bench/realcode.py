#!/usr/bin/env python3
"""Measures clang-deadlock on real, mutex-heavy C++ from Debian source
packages. Not part of the test suite; prints a table, asserts nothing.

  tools/bench/realcode.py [--packages leveldb,log4cplus,zeromq3] [--runs 3]
                          [--workdir DIR] [--max-tus N] [--findings FILE]

For each package: fetch the source (apt-get source; a deb-src entry is added
if missing), configure it with CMake to get compile_commands.json (nothing is
compiled), then per translation unit, medians over interleaved runs of
  clang++-19 -fsyntax-only                      (parsing alone)
  clang-tidy-19 -checks=-*,readability-braces-around-statements   (cheap)
  clang-tidy-19 -checks=-*,deadlock-*
and once per package clang-deadlock on the whole program (no cache), against
the summed cheap runs. Ratios: deadlock-* CPU over cheap CPU (target 1.05),
peak memory over cheap (target 1.10), whole program over summed cheap
(target 1.15). --findings writes every clang-deadlock warning for review.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from measure import CHEAP, DEADLOCK, interleaved, run, tidy  # noqa: E402

# How to configure each package so that CMake writes compile_commands.json
# without optional dependencies.
PACKAGES = {
    "leveldb": ["-DLEVELDB_BUILD_TESTS=OFF", "-DLEVELDB_BUILD_BENCHMARKS=OFF"],
    "log4cplus": ["-DLOG4CPLUS_BUILD_TESTING=OFF", "-DBUILD_TESTING=OFF"],
    "zeromq3": ["-DBUILD_TESTS=OFF", "-DWITH_LIBSODIUM=OFF", "-DENABLE_CURVE=OFF",
                "-DWITH_DOCS=OFF"],
}

SOURCES_LIST = "/etc/apt/sources.list.d/clang-deadlock-deb-src.sources"


def sudo():
    return [] if os.geteuid() == 0 else ["sudo"]


def ensure_deb_src():
    """apt-get source needs a deb-src entry; add one beside the deb ones."""
    probe = subprocess.run(["apt-cache", "showsrc", "leveldb"],
                           capture_output=True, text=True)
    if "Package: leveldb" in probe.stdout:
        return
    entry = ("Types: deb-src\nURIs: http://deb.debian.org/debian\n"
             "Suites: bookworm bookworm-updates\nComponents: main\n"
             "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n")
    subprocess.run(sudo() + ["tee", SOURCES_LIST], input=entry, text=True,
                   stdout=subprocess.DEVNULL, check=True)
    subprocess.run(sudo() + ["apt-get", "update", "-qq"], check=True)


def fetch_and_configure(package, workdir):
    """Returns the build directory holding compile_commands.json."""
    def unpacked():
        # apt-get source unpacks into <package>-<upstream version>.
        return [d for d in os.listdir(workdir)
                if d.startswith(package + "-")
                and os.path.isdir(os.path.join(workdir, d))]
    source = unpacked()  # A --workdir of an earlier run keeps its sources.
    if not source:
        subprocess.run(["apt-get", "source", "-qq", package], cwd=workdir,
                       check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        source = unpacked()
    if len(source) != 1:
        sys.exit(f"error: cannot find the unpacked source of {package}")
    source = os.path.join(workdir, source[0])
    build = os.path.join(workdir, "build-" + package)
    configure = subprocess.run(
        ["cmake", "-S", source, "-B", build, "-G", "Ninja",
         "-DCMAKE_C_COMPILER=clang-19", "-DCMAKE_CXX_COMPILER=clang++-19",
         "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"] + PACKAGES[package],
        capture_output=True, text=True)
    if configure.returncode != 0:
        sys.stderr.write(configure.stdout + configure.stderr)
        sys.exit(f"error: cannot configure {package}")
    return build


def translation_units(build, limit):
    import json
    with open(os.path.join(build, "compile_commands.json")) as f:
        commands = json.load(f)
    units = []
    for c in commands:
        if not c["file"].endswith((".cc", ".cpp", ".cxx")):
            continue
        args = c.get("arguments") or c["command"].split()
        # Keep what changes the parse: includes, defines, standard.
        flags = [a for a in args[1:] if a.startswith(("-I", "-D", "-std=", "-isystem"))]
        units.append((os.path.join(c["directory"], c["file"]), c["directory"], flags))
    units.sort()
    return units[:limit] if limit else units


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--packages", default=",".join(PACKAGES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir")
    parser.add_argument("--max-tus", type=int, default=0)
    parser.add_argument("--findings")
    parser.add_argument("--plugin", default=os.path.join(ROOT, "build", "lib",
                                                         "clang-deadlock-tidy.so"))
    parser.add_argument("--driver", default=os.path.join(ROOT, "build", "bin",
                                                         "clang-deadlock"))
    args = parser.parse_args()
    for tool in (args.plugin, args.driver):
        if not os.path.exists(tool):
            sys.exit(f"error: {tool} not found (run tools/dev.sh build)")
    packages = [p for p in args.packages.split(",") if p]
    unknown = [p for p in packages if p not in PACKAGES]
    if unknown:
        sys.exit(f"error: unknown package(s) {', '.join(unknown)}; known: "
                 f"{', '.join(PACKAGES)}")

    ensure_deb_src()
    workdir = args.workdir or tempfile.mkdtemp(prefix="clang-deadlock-bench-")
    os.makedirs(workdir, exist_ok=True)
    findings_out = open(args.findings, "w") if args.findings else None

    print(f"{'package':10} {'TUs':>4} {'syntax':>8} {'cheap':>8} {'deadlock':>9} "
          f"{'cpu x':>6} {'wall x':>6} {'cheap MiB':>9} {'dl MiB':>7} {'mem x':>6} "
          f"{'whole-prog':>10} {'wp x':>6} {'findings':>8}")
    totals = {"cheap": 0.0, "dead": 0.0, "syntax": 0.0, "wp": 0.0,
              "cheap_wall": 0.0, "dead_wall": 0.0}
    peaks = {"cheap": 0.0, "dead": 0.0}
    for package in packages:
        build = fetch_and_configure(package, workdir)
        units = translation_units(build, args.max_tus)
        cheap = dead = syntax = cheap_wall = dead_wall = 0.0
        cheap_mib = dead_mib = 0.0
        for path, directory, flags in units:
            compiler = ["-std=c++17"] + flags if not any(
                f.startswith("-std=") for f in flags) else flags
            os.chdir(directory)
            s, c, d = interleaved(
                [["clang++-19", "-fsyntax-only", "-w", path] + compiler,
                 tidy(args.plugin, CHEAP, path, compiler),
                 tidy(args.plugin, DEADLOCK, path, compiler)], args.runs)
            syntax += s.cpu
            cheap += c.cpu
            dead += d.cpu
            cheap_wall += c.wall
            dead_wall += d.wall
            cheap_mib = max(cheap_mib, c.mib)
            dead_mib = max(dead_mib, d.mib)
        # The whole program, from scratch, on one core like the summed runs.
        files = [path for path, _, _ in units]
        samples = [run([args.driver, "-p", build, "--quiet", "--no-cache", "-j", "1"]
                       + files) for _ in range(args.runs)]
        wp = statistics.median(s[1] for s in samples)
        output = samples[-1][3]
        found = output.count(": warning: ")
        if findings_out:
            findings_out.write(f"=== {package}\n{output}\n")
        print(f"{package:10} {len(units):>4} {syntax:8.2f} {cheap:8.2f} {dead:9.2f} "
              f"{dead / cheap:6.3f} {dead_wall / cheap_wall:6.3f} {cheap_mib:9.1f} "
              f"{dead_mib:7.1f} {dead_mib / cheap_mib:6.3f} {wp:10.2f} "
              f"{wp / cheap:6.3f} {found:>8}")
        totals["cheap"] += cheap
        totals["dead"] += dead
        totals["syntax"] += syntax
        totals["wp"] += wp
        totals["cheap_wall"] += cheap_wall
        totals["dead_wall"] += dead_wall
        peaks["cheap"] = max(peaks["cheap"], cheap_mib)
        peaks["dead"] = max(peaks["dead"], dead_mib)
    print(f"{'TOTAL':10} {'':>4} {totals['syntax']:8.2f} {totals['cheap']:8.2f} "
          f"{totals['dead']:9.2f} {totals['dead'] / totals['cheap']:6.3f} "
          f"{totals['dead_wall'] / totals['cheap_wall']:6.3f} {peaks['cheap']:9.1f} "
          f"{peaks['dead']:7.1f} {peaks['dead'] / peaks['cheap']:6.3f} "
          f"{totals['wp']:10.2f} {totals['wp'] / totals['cheap']:6.3f}")
    print(f"(CPU seconds summed over TUs, medians of {args.runs} interleaved runs; "
          f"x = over readability-braces-around-statements; whole-prog = "
          f"clang-deadlock -j 1 --no-cache CPU; sources in {workdir})")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
