# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for declaring tests.
#
# verx_add_qtest(NAME SOURCES files... [LIBS libs...] [LABELS labels...] [LIBVIRTD])
#   A Qt Test executable registered with CTest. LIBVIRTD makes it require the
#   real libvirtd fixture (label "libvirtd"); its environment then holds
#   VERX_FIXTURE (the fixture's state directory, see tests/fixture/README.md).
# verx_add_libvirtd_test(NAME COMMAND cmd... [LABELS labels...])
#   Any command that needs the fixture.

set(VERX_FIXTURE_STATE "${CMAKE_BINARY_DIR}/fixture-state" CACHE INTERNAL "")

function(verx_fixture_properties name)
  cmake_parse_arguments(F "" "" "LABELS" ${ARGN})
  set_tests_properties(${name} PROPERTIES
    FIXTURES_REQUIRED libvirtd
    LABELS "libvirtd;${F_LABELS}"
    ENVIRONMENT "VERX_FIXTURE=${VERX_FIXTURE_STATE};QT_QPA_PLATFORM=offscreen")
endfunction()

function(verx_add_qtest name)
  cmake_parse_arguments(T "LIBVIRTD" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${T_LIBS})
  add_test(NAME ${name} COMMAND ${name})
  if(T_LIBVIRTD)
    verx_fixture_properties(${name} LABELS ${T_LABELS})
  else()
    set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}"
      ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
  endif()
endfunction()

function(verx_add_libvirtd_test name)
  cmake_parse_arguments(T "" "" "COMMAND;LABELS" ${ARGN})
  add_test(NAME ${name} COMMAND ${T_COMMAND})
  verx_fixture_properties(${name} LABELS ${T_LABELS})
endfunction()
