# SPDX-License-Identifier: GPL-2.0-or-later
# gui.translations: every tr() string of verx-manager has a translation in
# each .ts file. Runs lupdate on a copy of the .ts (the real one stays
# untouched) and fails on any message lupdate adds or leaves unfinished.
# -DLUPDATE=path -DSOURCES=app/manager -DTS=file.ts -DWORK=dir
file(MAKE_DIRECTORY ${WORK})
get_filename_component(_name ${TS} NAME)
set(_copy ${WORK}/${_name})
file(COPY_FILE ${TS} ${_copy})
execute_process(COMMAND ${LUPDATE} ${SOURCES} -ts ${_copy} -no-obsolete -locations none
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "lupdate failed (${_rc}): ${_out}${_err}")
endif()
file(READ ${_copy} _text)
string(REGEX MATCHALL "<source>[^<]*</source>[ \t\r\n]*<translation type=\"unfinished\"" _missing
  "${_text}")
string(REGEX MATCHALL "<source>[^<]*</source>[ \t\r\n]*<translation></translation>" _empty
  "${_text}")
list(LENGTH _missing _n)
list(LENGTH _empty _e)
if(_n GREATER 0 OR _e GREATER 0)
  string(REPLACE ";" "\n" _list "${_missing};${_empty}")
  message(FATAL_ERROR "${_name}: ${_n} untranslated and ${_e} empty messages "
    "(run the verx_manager_lupdate target and translate them):\n${_list}")
endif()
message(STATUS "${_name}: complete (${_out})")
