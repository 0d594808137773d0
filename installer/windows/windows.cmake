# Windows: one folder per installation (bin\ with the programs and the Qt
# runtime from windeployqt), a WiX MSI that upgrades in place (fixed upgrade
# code) and registers ferryd as the "Ferry" Windows service.
set_target_properties(ferry-console PROPERTIES WIN32_EXECUTABLE ON)
install(TARGETS ${FERRY_PROGRAMS} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/windows/ferryd.conf DESTINATION ${CMAKE_INSTALL_SYSCONFDIR}/ferry)
install(FILES ${PROJECT_SOURCE_DIR}/docs/installing.md ${PROJECT_SOURCE_DIR}/docs/configuration.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# windeployqt copies Qt's DLLs, plugins (platforms, styles, iconengines,
# imageformats, tls) and Qt's own translations next to the programs.
qt_generate_deploy_app_script(TARGET ferry-console FILENAME_VARIABLE ferry_console_deploy NO_UNSUPPORTED_PLATFORM_ERROR)
install(SCRIPT ${ferry_console_deploy})

set(CPACK_GENERATOR WIX)
# Never change this GUID: it is how a newer MSI finds and replaces an older one.
set(CPACK_WIX_UPGRADE_GUID "6F1C9E2A-4B7D-4E8B-9C35-2A81D0F47B61")
set(CPACK_WIX_PRODUCT_ICON ${CMAKE_CURRENT_BINARY_DIR}/ferry.ico)
set(CPACK_WIX_PROGRAM_MENU_FOLDER "Ferry")
set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT "https://localhost/ferry")
set(CPACK_WIX_LICENSE_RTF ${CMAKE_CURRENT_SOURCE_DIR}/windows/license.rtf)
set(CPACK_WIX_PATCH_FILE ${CMAKE_CURRENT_SOURCE_DIR}/windows/ferryd-service.xml)
set(CPACK_WIX_EXTENSIONS WixUtilExtension)
set(CPACK_WIX_ARCHITECTURE x64)
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Ferry")
# The .ico is rendered from the SVG at build time (tools/iconwriter.cpp).
add_custom_command(OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/ferry.ico
                   COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen $<TARGET_FILE:ferry_iconwriter>
                           ${CMAKE_CURRENT_SOURCE_DIR}/icons/${FERRY_APP_ID}.svg ${CMAKE_CURRENT_BINARY_DIR}/ferry.ico
                   DEPENDS ferry_iconwriter ${CMAKE_CURRENT_SOURCE_DIR}/icons/${FERRY_APP_ID}.svg)
add_custom_target(ferry_windows_icon ALL DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/ferry.ico)
