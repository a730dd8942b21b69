# ClangDeadlock.cmake: deadlock summaries as part of your build.
#
# The per-translation-unit step (clang-deadlock summarize) becomes one build
# edge per source file, so Ninja or Make run it with the build's own
# parallelism (and distcc or remote execution, where the build uses them),
# and re-run it only when the source or a header it reads changes. The merge
# is the only global step.
#
#   set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
#   list(APPEND CMAKE_MODULE_PATH /path/to/clang-deadlock/cmake)
#   include(ClangDeadlock)
#   clang_deadlock_summaries(mylib)        # target mylib-deadlock-summaries
#   clang_deadlock_summaries(myapp)
#   clang_deadlock_report(deadlock TARGETS mylib myapp
#                         [FORMAT text|json|sarif] [OUTPUT file]
#                         [ARGS --baseline=... ...])
#
# CLANG_DEADLOCK_EXECUTABLE (cache variable) names the clang-deadlock to use.

# Depfiles name their outputs as written (CMP0116); older projects get the
# new behaviour inside these functions.
if(POLICY CMP0116)
  cmake_policy(SET CMP0116 NEW)
endif()

find_program(CLANG_DEADLOCK_EXECUTABLE clang-deadlock
  HINTS ${CMAKE_CURRENT_LIST_DIR}/../build/bin)

function(clang_deadlock_summaries target)
  if(NOT CLANG_DEADLOCK_EXECUTABLE)
    message(FATAL_ERROR "clang_deadlock_summaries: clang-deadlock not found; "
                        "set CLANG_DEADLOCK_EXECUTABLE")
  endif()
  if(NOT CMAKE_EXPORT_COMPILE_COMMANDS)
    message(FATAL_ERROR "clang_deadlock_summaries: set "
                        "CMAKE_EXPORT_COMPILE_COMMANDS to ON")
  endif()
  get_target_property(sources ${target} SOURCES)
  get_target_property(source_dir ${target} SOURCE_DIR)
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/${target}.deadlock)
  set(outputs "")
  foreach(source IN LISTS sources)
    if(NOT source MATCHES "\\.(c|cc|cpp|cxx|c\\+\\+)$")
      continue()
    endif()
    get_filename_component(path ${source} ABSOLUTE BASE_DIR ${source_dir})
    file(RELATIVE_PATH rel ${source_dir} ${path})
    string(REGEX REPLACE "[/\\.]" "_" stem ${rel})
    set(output ${out_dir}/${stem}.json)
    set(depfile_args "")
    if(CMAKE_GENERATOR MATCHES "Ninja|Makefiles")
      set(depfile_args DEPFILE ${output}.d)
    endif()
    add_custom_command(OUTPUT ${output}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${out_dir}
      COMMAND ${CLANG_DEADLOCK_EXECUTABLE} summarize -p ${CMAKE_BINARY_DIR}
              ${path} -o ${output} --depfile=${output}.d
      DEPENDS ${path} ${CLANG_DEADLOCK_EXECUTABLE}
      ${depfile_args}
      COMMENT "Summarising ${rel} for deadlock analysis"
      VERBATIM)
    list(APPEND outputs ${output})
  endforeach()
  add_custom_target(${target}-deadlock-summaries DEPENDS ${outputs})
  set_property(TARGET ${target}-deadlock-summaries
               PROPERTY CLANG_DEADLOCK_SUMMARIES ${outputs})
endfunction()

function(clang_deadlock_report name)
  cmake_parse_arguments(ARG "" "FORMAT;OUTPUT" "TARGETS;ARGS" ${ARGN})
  set(summaries "")
  set(dependencies "")
  foreach(target IN LISTS ARG_TARGETS)
    get_property(files TARGET ${target}-deadlock-summaries
                 PROPERTY CLANG_DEADLOCK_SUMMARIES)
    list(APPEND summaries ${files})
    list(APPEND dependencies ${target}-deadlock-summaries)
  endforeach()
  set(format_args "")
  if(ARG_FORMAT)
    list(APPEND format_args --format=${ARG_FORMAT})
  endif()
  if(ARG_OUTPUT)
    list(APPEND format_args -o ${ARG_OUTPUT})
  endif()
  add_custom_target(${name}
    COMMAND ${CLANG_DEADLOCK_EXECUTABLE} merge ${format_args} ${ARG_ARGS}
            ${summaries}
    DEPENDS ${dependencies} ${summaries}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
    COMMENT "Composing deadlock summaries"
    VERBATIM)
endfunction()
