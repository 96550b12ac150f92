# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerates the protocol layer into a temporary directory and compares it byte for byte
# with the committed files in libverx/generated, and checks that the external constants came
# from libvirt-api.xml.
#   cmake -DXDRGEN=... -DPROTOCOL_DIR=... -DGENERATED_DIR=... -DWORK_DIR=... "-DFLAGS=..." -P
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(
  COMMAND "${XDRGEN}" --protocol-dir "${PROTOCOL_DIR}" --output-dir "${WORK_DIR}" ${FLAGS}
          --summary
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE summary)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "verx-xdrgen failed: ${rc}")
endif()
message(STATUS "${summary}")
# The constants the .x files take from libvirt's headers must come from libvirt-api.xml; the
# generator's built-in table is only a fallback for a protocol directory without it.
if(NOT summary MATCHES "external constant VIR_UUID_BUFLEN \\(libvirt-api.xml\\)")
  message(FATAL_ERROR "VIR_UUID_BUFLEN was not read from libvirt-api.xml")
endif()
if(summary MATCHES "built-in table")
  message(FATAL_ERROR "constants taken from the built-in table, not libvirt-api.xml")
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
