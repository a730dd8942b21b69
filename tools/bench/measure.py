#!/usr/bin/env python3
"""Measures what the deadlock checks cost on top of parsing. Prints ratios;
asserts nothing (timings belong here, not in tests).

  measure.py overhead [--runs N] FILE... [-- COMPILER-ARGS]
      For each file: median wall time and peak memory of
        clang++-19 -fsyntax-only,
        clang-tidy-19 -checks=-*,readability-braces-around-statements (cheap),
        clang-tidy-19 -checks=-*,deadlock-*,
      and the deadlock/cheap ratios.

  measure.py scaling [--runs N] SIZE...
      Generates synthetic programs (synthetic.py) of SIZE functions and
      prints, per size: time spent in the deadlock checks (clang-tidy's
      per-check profile), total time and peak memory, the same for the cheap
      check, and how many planted lock-order cycles were reported.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CHEAP = "-*,readability-braces-around-statements"
DEADLOCK = "-*,deadlock-*"


def run(command):
    """Runs command; returns (wall s, CPU s, peak RSS MiB, stdout+stderr)."""
    import time
    start = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) < 0:
        sys.exit(f"error: crashed: {' '.join(command)}\n{output}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, output


class Sample:
    """Medians over interleaved runs of one configuration."""

    def __init__(self, results):
        self.wall = statistics.median(r[0] for r in results)
        self.cpu = statistics.median(r[1] for r in results)
        self.mib = statistics.median(r[2] for r in results)
        self.output = results[-1][3]


def interleaved(commands, runs):
    """Runs each command `runs` times, alternating between them so that a
    change in machine load affects all of them alike."""
    results = [[] for _ in commands]
    for _ in range(runs):
        for i, command in enumerate(commands):
            results[i].append(run(command))
    return [Sample(r) for r in results]


def tidy(plugin, checks, path, compiler_args, profile=False):
    command = ["clang-tidy-19", f"--load={plugin}", f"-checks={checks}",
               "--quiet", path]
    if profile:
        command.insert(1, "--enable-check-profile")
    return command + ["--"] + compiler_args


def check_seconds(output, prefix):
    """Sums the per-check wall times clang-tidy's profile prints."""
    total = 0.0
    for line in output.splitlines():
        match = re.match(r"\s*[\d.]+\s+\([\s\d.]+%\)\s+[\d.]+\s+\([\s\d.]+%\)\s+"
                         r"[\d.]+\s+\([\s\d.]+%\)\s+([\d.]+)\s+\([\s\d.]+%\)\s+(\S+)",
                         line)
        if match and match.group(2).startswith(prefix):
            total += float(match.group(1))
    return total


def overhead(args, compiler_args):
    rows = []
    for path in args.files:
        rows.append((os.path.basename(path), *interleaved(
            [["clang++-19", "-fsyntax-only", path] + compiler_args,
             tidy(args.plugin, CHEAP, path, compiler_args),
             tidy(args.plugin, DEADLOCK, path, compiler_args)], args.runs)))
    header = (f"{'file':32} {'syntax':>7} {'cheap':>7} {'deadlock':>8} "
              f"{'cpu x':>6} {'wall x':>6} {'cheap MiB':>9} {'dl MiB':>7} {'mem x':>6}")
    print(header)

    def line(name, syntax, cheap, dead, cheap_wall, dead_wall, cheap_mib, dead_mib):
        print(f"{name[:32]:32} {syntax:7.3f} {cheap:7.3f} {dead:8.3f} "
              f"{dead / cheap:6.3f} {dead_wall / cheap_wall:6.3f} "
              f"{cheap_mib:9.1f} {dead_mib:7.1f} {dead_mib / cheap_mib:6.3f}")

    for name, syntax, cheap, dead in rows:
        line(name, syntax.cpu, cheap.cpu, dead.cpu, cheap.wall, dead.wall,
             cheap.mib, dead.mib)
    if len(rows) > 1:
        line("TOTAL (peak memory: max)", sum(r[1].cpu for r in rows),
             sum(r[2].cpu for r in rows), sum(r[3].cpu for r in rows),
             sum(r[2].wall for r in rows), sum(r[3].wall for r in rows),
             max(r[2].mib for r in rows), max(r[3].mib for r in rows))
    print(f"(CPU seconds, medians of {args.runs} interleaved runs; x = "
          f"deadlock-* over readability-braces-around-statements)")


def scaling(args, compiler_args):
    print(f"{'functions':>10} {'analysis s':>11} {'us/function':>12} "
          f"{'deadlock cpu s':>15} {'cheap cpu s':>12} {'cpu x':>6} "
          f"{'dl MiB':>7} {'cheap MiB':>9} {'mem x':>6} {'cycles found':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = os.path.join(tmp, f"synthetic{size}.cpp")
            gen = subprocess.run([sys.executable, os.path.join(HERE, "synthetic.py"),
                                  "--functions", str(size), "--cycles", "10", path],
                                 stderr=subprocess.PIPE, text=True, check=True)
            planted = [l.split()[-1] for l in gen.stderr.splitlines()
                       if l.startswith("planted:")]
            dead, profiled, cheap = interleaved(
                [tidy(args.plugin, DEADLOCK, path, compiler_args),
                 tidy(args.plugin, DEADLOCK, path, compiler_args, profile=True),
                 tidy(args.plugin, CHEAP, path, compiler_args)], args.runs)
            analysis = check_seconds(profiled.output, "deadlock-")
            found = sum(1 for m in planted
                        if re.search(rf"'{m}::MuA' is acquired while holding '{m}::MuB'",
                                     dead.output))
            print(f"{size:>10} {analysis:11.3f} {analysis / size * 1e6:12.1f} "
                  f"{dead.cpu:15.3f} {cheap.cpu:12.3f} {dead.cpu / cheap.cpu:6.3f} "
                  f"{dead.mib:7.1f} {cheap.mib:9.1f} {dead.mib / cheap.mib:6.3f} "
                  f"{found:>6}/{len(planted):<6}")
    print(f"(medians of {args.runs} interleaved runs; 'analysis s' is the wall "
          f"time clang-tidy's profile gives the deadlock-* checks, i.e. the "
          f"analysis without parsing)")


def main():
    argv = sys.argv[1:]
    compiler_args = ["-std=c++17"]
    if "--" in argv:
        split = argv.index("--")
        argv, compiler_args = argv[:split], argv[split + 1:]
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plugin", default=os.path.join(ROOT, "build", "lib",
                                                         "clang-deadlock-tidy.so"))
    sub = parser.add_subparsers(dest="command", required=True)
    o = sub.add_parser("overhead")
    o.add_argument("--runs", type=int, default=5)
    o.add_argument("files", nargs="+")
    s = sub.add_parser("scaling")
    s.add_argument("--runs", type=int, default=3)
    s.add_argument("sizes", nargs="+", type=int)
    args = parser.parse_args(argv)
    if not os.path.exists(args.plugin):
        sys.exit(f"error: plugin not found: {args.plugin} (run tools/dev.sh build)")
    if args.command == "overhead":
        overhead(args, compiler_args)
    else:
        scaling(args, compiler_args)


if __name__ == "__main__":
    main()
