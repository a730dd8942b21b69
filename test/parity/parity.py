#!/usr/bin/env python3
"""Runs every check test input through both front ends - clang-tidy with
the deadlock module and clang --analyze with the deadlock.* checkers - and
compares what they find.

  parity.py --tidy BIN --tidy-plugin SO --clang BIN --analyzer-plugin SO
            --inputs DIR --expected FILE [--jobs N] [--write-expected]

Findings are compared by what they are about, not where each front end
puts the warning (the analyzer reports an interprocedural double lock at
the inner acquisition, clang-tidy at the call in the outer function):

  double-lock, recursive-shared-lock  the first and the second acquisition
  missing-unlock                      the acquisition and the return
  lock-order-inversion, blocking      where the warning is

Every difference must be listed in the expected-differences file with the
reason it is right (docs/static-analyzer.md explains each reason); a listed
difference that no longer occurs is an error too, so the file stays true.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys

ANALYZER_CHECKS = {
    "DoubleLock": "double-lock",
    "RecursiveSharedLock": "recursive-shared-lock",
    "MissingUnlock": "missing-unlock",
    "BlockingUnderLock": "blocking-under-lock",
    "LockOrderInversion": "lock-order-inversion",
}

DIAG = re.compile(r"^(?P<file>[^:\s][^:]*):(?P<line>\d+):(?P<col>\d+): "
                  r"(?P<kind>warning|note|error): (?P<msg>.*?)"
                  r"(?: \[(?P<check>deadlock[-.][A-Za-z-]+)\])?$")


def parse(output, source):
    """Warnings with their notes (notes in `source` only, by line)."""
    findings = []
    for raw in output.splitlines():
        m = DIAG.match(raw)
        if not m:
            continue
        if m["kind"] == "error":
            findings.append({"check": "error", "line": int(m["line"]),
                             "msg": m["msg"], "notes": []})
        elif m["kind"] == "warning" and m["check"]:
            check = m["check"]
            if check.startswith("deadlock."):
                check = ANALYZER_CHECKS.get(check.split(".", 1)[1], check)
            else:
                check = check[len("deadlock-"):]
            findings.append({"check": check, "line": int(m["line"]),
                             "msg": m["msg"], "notes": []})
        elif m["kind"] == "note" and findings:
            if os.path.realpath(m["file"]) == os.path.realpath(source):
                findings[-1]["notes"].append((int(m["line"]), m["msg"]))
    return findings


def key(finding):
    check, notes = finding["check"], finding["notes"]
    if check in ("double-lock", "recursive-shared-lock"):
        # Where the first acquisition happened: a front end that saw it
        # through a call says "first acquired in call to 'f' here" and
        # follows with the chain down to "acquired here".
        first, through_call = 0, False
        for l, m in notes:
            if "first acquired" in m:
                first, through_call = l, " in call to " in m
                if not through_call:
                    break
            elif through_call and re.search(r"acquired( shared)? here$", m):
                first = l
                break
        inner = finding["line"]
        if any("again in call to" in m for _, m in notes):
            # Reported at the call (clang-tidy; the analyzer for calls it
            # could not follow): the last acquisition note is where the
            # callee takes the lock.
            taken = [l for l, m in notes
                     if re.search(r"acquired( shared)? here$", m)
                     and "first" not in m]
            inner = taken[-1] if taken else inner
        return f"{check} first={first} second={inner}"
    if check == "missing-unlock":
        taken = next((l for l, m in notes if "acquired" in m), 0)
        return f"{check} acquired={taken} exit={finding['line']}"
    if check == "blocking-under-lock":
        # Where it blocks: clang-tidy reports a blocking callee at the call
        # and notes where it blocks; the analyzer, having inlined it, there.
        inner = [l for l, m in notes if re.search(r" blocks here\b", m)]
        return f"{check} at={inner[-1] if inner else finding['line']}"
    return f"{check} at={finding['line']}"


def run(command):
    result = subprocess.run(command, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    if result.returncode < 0 or "Stack dump" in result.stdout:
        return None, result.stdout
    return result.stdout, None


def flags_of(path):
    """The -std and extra compiler flags of a test's RUN lines, or None for
    tests that configure the checks (their options are tidy syntax)."""
    text = open(path).read()
    runs = " ".join(re.findall(r"RUN:(.*)", text))
    if "-config" in runs or "%check_clang_tidy" not in runs and "%clang_tidy" not in runs:
        return None
    std = re.search(r"-std=(\S+)", runs)
    std = std.group(1) if std else ("c11" if path.endswith(".c") else "c++17")
    defines = re.findall(r"(-D\S+)", runs)
    return [f"-std={std}"] + defines


def compare(args, path):
    flags = flags_of(path)
    if flags is None:
        return path, None, None
    includes = ["-I", args.inputs]
    tidy_out, crash = run([args.tidy, f"--load={args.tidy_plugin}",
                           "-checks=-*,deadlock-*", path, "--"] + flags + includes)
    if crash:
        return path, None, f"clang-tidy crashed:\n{crash}"
    language = ["-x", "c"] if path.endswith(".c") else []
    sa_out, crash = run([args.clang, "--analyze"] + language + flags + includes +
                        ["-Xclang", "-load", "-Xclang", args.analyzer_plugin,
                         "-Xclang", "-analyzer-checker=deadlock",
                         "-Xclang", "-analyzer-output=text", "-o", os.devnull,
                         path])
    if crash:
        return path, None, f"the analyzer crashed:\n{crash}"
    tidy = {key(f) for f in parse(tidy_out, path)}
    analyzer = {key(f) for f in parse(sa_out, path)}
    diffs = {f"tidy-only {k}" for k in tidy - analyzer}
    diffs |= {f"analyzer-only {k}" for k in analyzer - tidy}
    return path, diffs, None


def read_expected(path):
    expected = {}
    for number, line in enumerate(open(path), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"(\S+): (tidy-only|analyzer-only) (.*?)  # (\S+)$", line)
        if not m:
            sys.exit(f"{path}:{number}: malformed line: {line}")
        expected[(m[1], f"{m[2]} {m[3]}")] = m[4]
    return expected


def main():
    parser = argparse.ArgumentParser()
    for name in ("--tidy", "--tidy-plugin", "--clang", "--analyzer-plugin",
                 "--inputs", "--expected", "--tests"):
        parser.add_argument(name, required=True)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--write-expected", action="store_true",
                        help="print the current differences in the file's format")
    args = parser.parse_args()

    files = sorted(os.path.join(root, f)
                   for root, dirs, names in os.walk(args.tests)
                   if "Inputs" not in root
                   for f in names if f.endswith((".cpp", ".c")))
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda p: compare(args, p), files))

    expected = read_expected(args.expected)
    failures, compared, skipped, seen = [], 0, 0, set()
    for path, diffs, crash in results:
        name = os.path.relpath(path, args.tests)
        if crash:
            failures.append(f"{name}: {crash}")
            continue
        if diffs is None:
            skipped += 1
            continue
        compared += 1
        for d in sorted(diffs):
            if args.write_expected:
                print(f"{name}: {d}  # REASON")
            elif (name, d) in expected:
                seen.add((name, d))
            else:
                failures.append(f"{name}: unexpected difference: {d}")
    if args.write_expected:
        return
    for (name, d), reason in sorted(expected.items()):
        if (name, d) not in seen:
            failures.append(f"{name}: listed difference no longer occurs: {d}")
    reasons = {}
    for (name, d), reason in expected.items():
        reasons[reason] = reasons.get(reason, 0) + 1
    print(f"compared {compared} inputs ({skipped} with tidy-only options skipped); "
          f"{len(seen)} expected differences: " +
          ", ".join(f"{r} {n}" for r, n in sorted(reasons.items())))
    for failure in failures:
        print("FAIL: " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
