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
                   COMMAND ferry_iconwriter ${CMAKE_CURRENT_SOURCE_DIR}/icons/${FERRY_APP_ID}.svg ${iconset}
                   COMMAND iconutil -c icns -o ${CMAKE_CURRENT_BINARY_DIR}/ferry.icns ${iconset}
                   DEPENDS ferry_iconwriter ${CMAKE_CURRENT_SOURCE_DIR}/icons/${FERRY_APP_ID}.svg)
add_custom_target(ferry_macos_icon ALL DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/ferry.icns)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/ferry.icns DESTINATION "${ferry_bundle}/Contents/Resources")

# macdeployqt: Qt frameworks and plugins into the bundle; ferryd and ferryctl
# link QtCore/QtNetwork, which the bundle then provides to them as well.
qt_generate_deploy_app_script(TARGET ferry-console FILENAME_VARIABLE ferry_console_deploy NO_UNSUPPORTED_PLATFORM_ERROR)
install(SCRIPT ${ferry_console_deploy})

set(CPACK_GENERATOR DragNDrop)
set(CPACK_DMG_VOLUME_NAME "Ferry")
set(CPACK_DMG_FORMAT UDZO)
set(CPACK_PACKAGE_ICON ${CMAKE_CURRENT_BINARY_DIR}/ferry.icns)
