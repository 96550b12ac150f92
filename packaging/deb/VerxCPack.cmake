# SPDX-License-Identifier: GPL-2.0-or-later
# A Debian package of verx (library, GUI, CLI, desktop integration) made by
# CPack: `cpack --config build/default/CPackConfig.cmake`. Dependencies are
# computed by dpkg-shlibdeps from the installed binaries.
set(CPACK_PACKAGE_NAME verx)
set(CPACK_PACKAGE_VENDOR "verx developers")
set(CPACK_PACKAGE_CONTACT "verx developers <dev@verx.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Qt desktop manager and command-line client for libvirt hosts")
set(CPACK_PACKAGE_DESCRIPTION
    "verx manages libvirt hosts (virtual machines and containers) over libvirt's\n remote protocol without linking libvirt: verx-manager is the desktop GUI,\n verx a virsh-compatible command-line client, libverx the Qt library.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://verx.invalid")
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded as plugins, invisible to dpkg-shlibdeps: the SVG icon engine draws
# the bundled fallback icons.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-svg-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "openssh-client, libsasl2-modules")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libvirt-daemon-system")
set(CPACK_STRIP_FILES ON)
include(CPack)
