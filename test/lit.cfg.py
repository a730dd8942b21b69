# lit configuration for clang-deadlock. Paths come from lit.site.cfg.py,
# which CMake writes into the build directory.
import os

import lit.formats

config.name = "clang-deadlock"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cpp", ".c", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.deadlock_build_dir, "test")
config.excludes = ["Inputs", "unit", "sarif", "CMakeLists.txt", "lit.cfg.py",
                   "check_clang_tidy.py"]

plugin = os.path.join(config.deadlock_build_dir, "lib", "clang-deadlock-tidy.so")
checker = os.path.join(config.deadlock_source_dir, "test", "check_clang_tidy.py")

config.substitutions.append(
    ("%check_clang_tidy",
     f"{config.python} {checker} --clang-tidy {config.clang_tidy} --plugin {plugin}"))
config.substitutions.append(("%clang_tidy", f"{config.clang_tidy} --load={plugin}"))
config.substitutions.append(("%deadlock_plugin", plugin))
config.substitutions.append(("%tidy_binary", config.clang_tidy))
analyzer_plugin = os.path.join(config.deadlock_build_dir, "lib",
                               "clang-deadlock-analyzer.so")
config.substitutions.append(("%analyzer_plugin", analyzer_plugin))
# clang++ --analyze with the deadlock.* checkers and text path notes.
config.substitutions.append(
    ("%clang_analyze",
     f"clang++-19 --analyze --analyzer-no-default-checks -o /dev/null "
     f"-Xclang -load -Xclang {analyzer_plugin} "
     "-Xclang -analyzer-output=text"))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "checks", "Inputs")))

bin_dir = os.path.join(config.deadlock_build_dir, "bin")
config.substitutions.append(("%clang_deadlock_tidy", os.path.join(bin_dir, "clang-deadlock-tidy")))
config.substitutions.append(("%clangd_deadlock", os.path.join(bin_dir, "clangd-deadlock")))
config.substitutions.append(("%clang_deadlock", os.path.join(bin_dir, "clang-deadlock")))
config.substitutions.append(("%sarif_validate",
                             f"{config.python} {os.path.join(config.test_source_root, 'sarif', 'validate.py')}"))
config.substitutions.append(("%python", config.python))
config.substitutions.append(("%source_root", config.deadlock_source_dir))
config.substitutions.append(("%build_root", config.deadlock_build_dir))

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, bin_dir, config.environment.get("PATH", "")])
# Tests that run pre-commit or CMake need a home and a clean environment.
for name in ("HOME", "TERM"):
    if name in os.environ:
        config.environment[name] = os.environ[name]
