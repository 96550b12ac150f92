# SPDX-License-Identifier: LGPL-2.1-or-later
# Project-wide warning and sanitizer flags.
add_compile_options(-Wall -Wextra)
if(VERX_WERROR)
  add_compile_options(-Werror)
endif()
if(VERX_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
