# The host layer of the app (frame clock, options, URL parameters, scenario and
# lesson loading, links, exports): no ImGui, no GLFW, no browser, so tests/app
# checks it natively and the fuzz build (tests/fuzz) links it as it is.
# Included by src/app/CMakeLists.txt and tests/fuzz/CMakeLists.txt; both call
# add_clustersim_host(), so the two builds cannot disagree on the sources.
include(${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake)

set(clustersim_host_sources
  course_tools.cpp
  desktop_args.cpp
  exports.cpp
  frame_bench.cpp
  frame_clock.cpp
  host.cpp
  image_writer.cpp
  json_result.cpp
  lesson_library.cpp
  lesson_player.cpp
  options.cpp
  quiet_time.cpp
  scenario_loader.cpp
  seek_bench.cpp
  share_link.cpp
  url_params.cpp)
list(TRANSFORM clustersim_host_sources PREPEND ${CMAKE_CURRENT_LIST_DIR}/)

# add_clustersim_host(TARGET): the host as a static library named TARGET, with
# the lessons (web/lessons/*.scn) compiled in: the page needs no extra requests
# and the desktop app no files beside it. A new or edited lesson re-runs the configure.
function(add_clustersim_host target)
  file(GLOB lesson_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/web/lessons/*.scn)
  list(SORT lesson_files)
  set(symbols "")
  set(entries "")
  foreach(file ${lesson_files})
    get_filename_component(name ${file} NAME_WE)
    string(MAKE_C_IDENTIFIER "kLesson_${name}" symbol)
    list(APPEND symbols ${symbol})
    string(APPEND entries
      "        {\"${name}\", {reinterpret_cast<const char*>(${symbol}), ${symbol}_size}},\n")
  endforeach()
  set(lessons_cpp ${CMAKE_CURRENT_BINARY_DIR}/generated/${target}_lessons.cpp)
  string(CONCAT table
    "namespace cs::app {\n\n"
    "const std::vector<LessonSource>& embedded_lesson_files() {\n"
    "    static const std::vector<LessonSource> files = {\n${entries}    };\n"
    "    return files;\n}\n\n}  // namespace cs::app\n")
  embed_files(OUTPUT ${lessons_cpp} FILES ${lesson_files} SYMBOLS ${symbols}
    INCLUDE "app/lesson_library.h" EPILOGUE "${table}")
  add_library(${target} STATIC ${clustersim_host_sources} ${lessons_cpp})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${target} PUBLIC clustersim_sim)
endfunction()
