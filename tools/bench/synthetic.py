#!/usr/bin/env python3
"""Generates a synthetic C++ program for measuring clang-deadlock.

  synthetic.py --functions N [--module-size M] [--depth D] [--cycles C] OUT.cpp

The program is made of modules of M functions. Each module has its own
mutexes and a class whose methods call each other in a chain of depth D
(each method locks one of the module's mutexes with a guard and calls the
next method while holding it), plus plain helpers. In C of the modules a
lock-order cycle is planted: one method takes lock A then (through calls)
lock B, another takes B then A. The generator prints, on stderr, the
planted cycles as `planted: mod<i>` lines so a caller can check that every
one is reported.
"""
import argparse
import sys


def module(i, size, depth, planted):
    lines = [f"namespace mod{i} {{",
             "std::mutex MuA, MuB, MuC;",
             "int Counter;",
             "struct Worker {",
             "  std::mutex Own;",
             "  int Value = 0;"]
    chain = min(depth, size)
    # step0 holds MuA and step1 the object's own mutex while the chain goes
    # deeper; deeper steps hold nothing. One consistent order: MuA -> Own.
    for d in range(chain):
        nxt = f"    step{d + 1}(N - 1);" if d + 1 < chain else "    Value += N;"
        guard = {0: "    std::lock_guard<std::mutex> G(MuA);",
                 1: "    std::lock_guard<std::mutex> G(Own);"}.get(d, "    Value += 1;")
        lines += [f"  void step{d}(int N) {{", guard, nxt, "  }"]
    lines.append("};")
    helpers = size - chain - 2
    # Helpers that lock are leaves; the others call the previous helper.
    for h in range(helpers):
        body = [f"int helper{h}(int X) {{"]
        if h % 4 == 0:
            body.append("  std::lock_guard<std::mutex> G(MuC);")
        elif h % 4 == 1:
            body += ["  if (X > 3) {", "    MuB.lock();", "    ++Counter;",
                     "    MuB.unlock();", "  }"]
        calls = f" + helper{h - 1}(X - 1)" if h % 4 in (2, 3) else ""
        body.append(f"  return X + {h}{calls};")
        body.append("}")
        lines += body
    if planted:
        lines += ["void takeB() { std::lock_guard<std::mutex> G(MuB); ++Counter; }",
                  "void forward() { std::lock_guard<std::mutex> G(MuA); takeB(); }",
                  "void backward() {",
                  "  std::lock_guard<std::mutex> G(MuB);",
                  "  std::lock_guard<std::mutex> H(MuA);",
                  "}"]
    else:
        lines += ["void forward() { std::lock_guard<std::mutex> G(MuA); ++Counter; }",
                  "void backward() { std::lock_guard<std::mutex> G(MuB); ++Counter; }"]
    lines += ["void run() {", "  Worker W;", "  W.step0(3);",
              f"  Counter += helper{helpers - 1}(5);" if helpers > 0 else "",
              "  forward();", "  backward();", "}", f"}} // namespace mod{i}", ""]
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--functions", type=int, required=True)
    parser.add_argument("--module-size", type=int, default=20)
    parser.add_argument("--depth", type=int, default=6)
    parser.add_argument("--cycles", type=int, default=10)
    parser.add_argument("out")
    args = parser.parse_args()
    if args.module_size < args.depth + 3:
        sys.exit("error: --module-size must exceed --depth by at least 3")
    modules = max(1, args.functions // args.module_size)
    step = max(1, modules // max(1, args.cycles))
    planted = set(range(0, modules, step)[:args.cycles])
    out = ["#include <mutex>", ""]
    for i in range(modules):
        out += module(i, args.module_size, args.depth, i in planted)
    out.append("int main() {")
    out += [f"  mod{i}::run();" for i in range(modules)]
    out += ["}", ""]
    with open(args.out, "w") as f:
        f.write("\n".join(out))
    for i in sorted(planted):
        print(f"planted: mod{i}", file=sys.stderr)


if __name__ == "__main__":
    main()
