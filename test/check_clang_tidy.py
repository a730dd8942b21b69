#!/usr/bin/env python3
"""Runs clang-tidy with the deadlock module on one test file and checks its
output against the file's CHECK-MESSAGES lines, clang-tidy style.

  check_clang_tidy.py --clang-tidy BIN --plugin SO [-std=c++17] FILE CHECKS
                      TEMP [-- TIDY-ARGS [-- COMPILER-ARGS]]

Every warning, error and remark must be matched by a CHECK-MESSAGES line (a
file without any proves that the checks stay silent). Notes are checked
where the file lists them.
"""
import argparse
import re
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--check-prefix", default="CHECK-MESSAGES")
    parser.add_argument("-std", default=None)
    parser.add_argument("file")
    parser.add_argument("checks")
    parser.add_argument("temp", help="a scratch path (clang-tidy's %t)")
    argv = sys.argv[1:]
    rest = []
    if "--" in argv:
        split = argv.index("--")
        argv, rest = argv[:split], argv[split + 1:]
    args = parser.parse_args(argv)

    tidy_args, compiler_args = rest, []
    if "--" in rest:
        split = rest.index("--")
        tidy_args, compiler_args = rest[:split], rest[split + 1:]

    is_c = args.file.endswith(".c")
    std = args.std or ("c11" if is_c else "c++17")
    command = ([args.clang_tidy, f"--load={args.plugin}",
                f"-checks=-*,{args.checks}", args.file] + tidy_args +
               ["--", f"-std={std}"] + compiler_args)
    result = subprocess.run(command, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    output = result.stdout
    if result.returncode < 0 or "Stack dump" in output:
        sys.exit("clang-tidy crashed:\n" + output)

    with open(args.file) as f:
        source = f.read()
    prefix = args.check_prefix
    has_checks = re.search(rf"\b{re.escape(prefix)}:", source) is not None
    if not has_checks:
        unexpected = [line for line in output.splitlines()
                      if re.search(r": (warning|error|remark): ", line)]
        if unexpected:
            sys.exit("expected no diagnostics, got:\n" + "\n".join(unexpected))
        return

    filecheck = subprocess.run(
        ["FileCheck", args.file, f"--check-prefix={prefix}",
         "--implicit-check-not={{warning|error|remark}}:",
         "--dump-input=fail"],
        input=output, text=True)
    if filecheck.returncode != 0:
        print("clang-tidy output was:\n" + output)
        sys.exit(filecheck.returncode)


if __name__ == "__main__":
    main()
