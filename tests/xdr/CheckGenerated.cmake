# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerates the protocol layer into a temporary directory and compares it byte for byte
# with the committed files in libverx/generated.
#   cmake -DXDRGEN=... -DPROTOCOL_DIR=... -DGENERATED_DIR=... -DWORK_DIR=... "-DFLAGS=..." -P
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(
  COMMAND "${XDRGEN}" --protocol-dir "${PROTOCOL_DIR}" --output-dir "${WORK_DIR}" ${FLAGS}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "verx-xdrgen failed: ${rc}")
endif()
file(GLOB_RECURSE fresh RELATIVE "${WORK_DIR}" "${WORK_DIR}/*")
file(GLOB_RECURSE committed RELATIVE "${GENERATED_DIR}" "${GENERATED_DIR}/verx/protocol/*"
     "${GENERATED_DIR}/verx/calls/*")
list(SORT fresh)
list(SORT committed)
set(problems "")
foreach(f IN LISTS fresh)
  if(NOT EXISTS "${GENERATED_DIR}/${f}")
    string(APPEND problems "missing in the tree: ${f}\n")
  else()
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${WORK_DIR}/${f}"
                            "${GENERATED_DIR}/${f}" RESULT_VARIABLE diff)
    if(NOT diff EQUAL 0)
      string(APPEND problems "differs: ${f}\n")
    endif()
  endif()
endforeach()
foreach(f IN LISTS committed)
  if(NOT EXISTS "${WORK_DIR}/${f}")
    string(APPEND problems "not generated any more: ${f}\n")
  endif()
endforeach()
list(LENGTH fresh count)
if(problems)
  message(FATAL_ERROR "libverx/generated is out of date; run the verx-regenerate target.\n${problems}")
endif()
message(STATUS "libverx/generated is up to date (${count} files)")
