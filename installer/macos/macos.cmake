# macOS: a "Ferry Console.app" bundle with ferryd and ferryctl beside the
# console in Contents/MacOS, the Qt frameworks from macdeployqt, and a
# launchd plist for ferryd in Contents/Resources (installed per user by
# `launchctl bootstrap`, see docs/installing.md), all in a DMG.
set_target_properties(ferry-console PROPERTIES
  MACOSX_BUNDLE ON
  OUTPUT_NAME "Ferry Console"
  MACOSX_BUNDLE_GUI_IDENTIFIER ${FERRY_APP_ID}
  MACOSX_BUNDLE_BUNDLE_NAME "Ferry Console"
  MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
  MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
  MACOSX_BUNDLE_ICON_FILE ferry.icns)
set(ferry_bundle "Ferry Console.app")
install(TARGETS ferry-console BUNDLE DESTINATION .)
foreach(program IN LISTS FERRY_PROGRAMS)
  if(NOT program STREQUAL "ferry-console")
    install(TARGETS ${program} RUNTIME DESTINATION "${ferry_bundle}/Contents/MacOS")
  endif()
endforeach()
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/macos/org.ferry.ferryd.plist
        DESTINATION "${ferry_bundle}/Contents/Resources")

# The .icns is made from the SVG at build time (iconutil ships with macOS).
set(iconset ${CMAKE_CURRENT_BINARY_DIR}/ferry.iconset)
add_custom_command(OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/ferry.icns
                   COMMAND ${CMAKE_COMMAND} -E make_directory ${iconset}
                   COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen $<TARGET_FILE:ferry_iconwriter>
                           ${CMAKE_CURRENT_SOURCE_DIR}/icons/${FERRY_APP_ID}.svg ${iconset}
                   COMMAND iconutil -c icns -o ${CMAKE_CURRENT_BINARY_DIR}/ferry.icns ${iconset}
                   DEPENDS ferry_iconwriter ${CMAKE_CURRENT_SOURCE_DIR}/icons/${FERRY_APP_ID}.svg)
add_custom_target(ferry_macos_icon ALL DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/ferry.icns)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/ferry.icns DESTINATION "${ferry_bundle}/Contents/Resources")

# macdeployqt: Qt frameworks and plugins into the bundle. It is run directly
# (not through qt_generate_deploy_app_script) so that -executable also fixes
# the library paths of ferryd and ferryctl beside the console.
find_program(FERRY_MACDEPLOYQT macdeployqt HINTS "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}" REQUIRED)
set(deploy_args "")
foreach(program IN LISTS FERRY_PROGRAMS)
  if(NOT program STREQUAL "ferry-console")
    string(APPEND deploy_args " \"-executable=\${CMAKE_INSTALL_PREFIX}/${ferry_bundle}/Contents/MacOS/${program}\"")
  endif()
endforeach()
install(CODE "execute_process(COMMAND \"${FERRY_MACDEPLOYQT}\" \"\${CMAKE_INSTALL_PREFIX}/${ferry_bundle}\"${deploy_args}
                              COMMAND_ERROR_IS_FATAL ANY)")

set(CPACK_GENERATOR DragNDrop)
set(CPACK_DMG_VOLUME_NAME "Ferry")
set(CPACK_DMG_FORMAT UDZO)
set(CPACK_PACKAGE_ICON ${CMAKE_CURRENT_BINARY_DIR}/ferry.icns)
