#!/usr/bin/env python3
"""Generates the pathological inputs of the robustness tests, with their
CHECK-MESSAGES lines, for check_clang_tidy.py.

  pathological.py statements N   one function of N statements
  pathological.py switch N       a switch of N cases
  pathological.py ifs N          N sequential ifs around lock calls
  pathological.py recursion N    a recursive cycle of N functions
  pathological.py templates N    a template instantiated N levels deep

Each input also holds one planted bug at its end, so a test that finds it
proves the analysis got through everything before it.
"""
import sys

HEADER = """#include <mutex>
std::mutex M0, M1, M2, M3, M4, M5, M6, M7;
int Counter;
"""


def planted_double_lock(out, name="planted"):
    out.append(f"void {name}() {{")
    out.append("  M7.lock();")
    out.append("  M7.lock();")
    out.append("  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'M7' is already held by "
               "this thread; acquiring it again deadlocks [deadlock-double-lock]")
    out.append("  M7.unlock();")
    out.append("}")


def statements(n):
    out = [HEADER, "void huge() {"]
    for i in range(n // 5):
        a, b = i % 3, 3 + i % 3
        out += [f"  M{a}.lock();", f"  M{b}.lock();", f"  Counter += {i};",
                f"  M{b}.unlock();", f"  M{a}.unlock();"]
    out.append("}")
    planted_double_lock(out)
    return out


def switch(n):
    out = [HEADER, "void dispatch(int Op) {", "  switch (Op) {"]
    for i in range(n):
        out.append(f"  case {i}: {{ std::lock_guard<std::mutex> G(M{i % 7}); "
                   f"Counter += {i}; break; }}")
    out.append(f"  case {n}:")
    out.append("    M7.lock();")
    out.append("    M7.lock();")
    out.append("    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'M7' is already held "
               "by this thread; acquiring it again deadlocks [deadlock-double-lock]")
    out.append("    M7.unlock();")
    out.append("    M7.unlock();")
    out.append("    break;")
    out.append("  }")
    out.append("}")
    return out


def ifs(n):
    # Correlated conditions around n different locks, all taken before any
    # is released: the locksets double at each if, so the bound on paths is
    # hit; what is reported must still be right (nothing here).
    out = [HEADER, "std::mutex " + ", ".join(f"L{i}" for i in range(n)) + ";",
           "void manyIfs(const bool *C) {"]
    # Each lock is taken under ever more combinations of the others: the
    # bound on recorded acquisitions is hit too.
    out.append("  // CHECK-MESSAGES: :[[@LINE-1]]:6: remark: deadlock analysis of "
               "'manyIfs' stopped at the limit of 1024 transitive acquisitions; "
               "findings in it may be incomplete")
    out.append("  // CHECK-MESSAGES: :[[@LINE-2]]:6: remark: deadlock analysis of "
               "'manyIfs' stopped at the limit of 32 paths per program point; "
               "findings in it may be incomplete")
    for i in range(n):
        out.append(f"  if (C[{i}]) L{i}.lock();")
    out.append("  ++Counter;")
    for i in reversed(range(n)):
        out.append(f"  if (C[{i}]) L{i}.unlock();")
    out.append("}")
    planted_double_lock(out)
    return out


def recursion(n):
    out = [HEADER]
    # A cycle of n functions, each locking briefly before the next call.
    out += [f"void f{i}(int Depth);" for i in range(n)]
    for i in range(n):
        out.append(f"void f{i}(int Depth) {{")
        out.append(f"  {{ std::lock_guard<std::mutex> G(M{i % 7}); ++Counter; }}")
        out.append("  if (Depth > 0)")
        out.append(f"    f{(i + 1) % n}(Depth - 1);")
        out.append("}")
    # The same cycle with M7 held across it: once the recursion comes round
    # (n calls later), g0 takes M7 again.
    out += [f"void g{i}(int Depth);" for i in range(n)]
    for i in range(n):
        out.append(f"void g{i}(int Depth) {{")
        if i == 0:
            out.append("  std::lock_guard<std::mutex> G(M7);")
        out.append("  if (Depth > 0)")
        out.append(f"    g{(i + 1) % n}(Depth - 1);")
        if i == 0:
            out.append("  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'M7' is already "
                       "held by this thread; acquiring it again deadlocks "
                       "[deadlock-double-lock]")
        out.append("}")
    # Composition converges on both cycles within its bound on passes: no
    # remark (the implicit check-not of check_clang_tidy.py proves it).
    planted_double_lock(out, "plantedAfterRecursion")
    return out


def templates(n):
    out = [HEADER]
    out.append("""template <int N> struct Level {
  std::mutex Mu;
  Level<N - 1> Next;
  void run() {
    std::lock_guard<std::mutex> G(Mu);
    Next.run();
  }
  template <typename... Ts> void each(Ts... Args) {
    std::lock_guard<std::mutex> G(Mu);
    (Next.template each<Ts>(Args), ...);
  }
};
template <> struct Level<0> {
  std::mutex Mu;
  void run() { std::lock_guard<std::mutex> G(Mu); ++Counter; }
  template <typename T> void each(T) { std::lock_guard<std::mutex> G(Mu); }
};""")
    out.append(f"void deep() {{ Level<{n}> L; L.run(); L.each(1, 2.0, 'c', 3L); }}")
    planted_double_lock(out)
    return out


def main():
    kind, n = sys.argv[1], int(sys.argv[2])
    generate = {"statements": statements, "switch": switch, "ifs": ifs,
                "recursion": recursion, "templates": templates}[kind]
    print("\n".join(generate(n)))


if __name__ == "__main__":
    main()
