# Linux: FHS layout under CMAKE_INSTALL_PREFIX (/usr for the package), the
# desktop integration files, the systemd unit and the default configuration.
install(TARGETS ${FERRY_PROGRAMS} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/linux/${FERRY_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/icons/${FERRY_APP_ID}.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
configure_file(linux/${FERRY_APP_ID}.metainfo.xml ${CMAKE_CURRENT_BINARY_DIR}/${FERRY_APP_ID}.metainfo.xml @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/${FERRY_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

# The unit names the installed ferryd and configuration file.
set(FERRYD_PATH ${CMAKE_INSTALL_FULL_BINDIR}/ferryd)
set(FERRY_CONFIG_FILE ${CMAKE_INSTALL_FULL_SYSCONFDIR}/ferry/ferryd.conf)
set(FERRY_DOC_DIR ${CMAKE_INSTALL_FULL_DATADIR}/doc/ferry)
configure_file(linux/ferryd.service ${CMAKE_CURRENT_BINARY_DIR}/ferryd.service @ONLY)
# systemd looks in <prefix>/lib/systemd/system for /usr (merged /usr on Debian 12).
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/ferryd.service DESTINATION ${CMAKE_INSTALL_PREFIX}/lib/systemd/system)
install(FILES linux/ferryd.conf DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/ferry)
# Debian keeps a package's documents under its package name.
install(FILES ${PROJECT_SOURCE_DIR}/docs/installing.md ${PROJECT_SOURCE_DIR}/docs/configuration.md
              ${CMAKE_CURRENT_SOURCE_DIR}/linux/copyright
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/ferry)

# Debian package: dependencies from the binaries (dpkg-shlibdeps) plus what
# they load at run time or the maintainer scripts use.
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, qt6-qpa-plugins, libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "skopeo, podman")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Container registries at the edge
 Ferry runs OCI container registries on durable local storage, in
 hierarchies that sync with a parent (the connected registry model).
 This package contains ferryd (the registry service, with a hardened
 systemd unit), ferry-console (the desktop console) and ferryctl (the CLI).")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://localhost/ferry")
# dpkg keeps an edited ferryd.conf across upgrades and removes it on purge.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/conffiles "${CMAKE_INSTALL_FULL_SYSCONFDIR}/ferry/ferryd.conf\n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_BINARY_DIR}/conffiles
    ${CMAKE_CURRENT_SOURCE_DIR}/linux/postinst
    ${CMAKE_CURRENT_SOURCE_DIR}/linux/prerm
    ${CMAKE_CURRENT_SOURCE_DIR}/linux/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
