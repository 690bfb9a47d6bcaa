#pragma once
// The lessons shipped with the app (web/lessons/*.scn), compiled in by CMake
// like the fonts: the page then needs no extra requests and the desktop app no
// files beside it.
#include <string>
#include <string_view>
#include <vector>

namespace cs::app {

struct LessonSource {
    std::string name;       // file stem: bully, replication, ... (what ?lesson=NAME takes)
    std::string_view text;  // the whole .scn file
};

// Every shipped lesson, in the order of the course text's sections.
const std::vector<LessonSource>& lesson_library();
// Null when there is no lesson of that name.
const LessonSource* find_lesson(std::string_view name);
// "bully, replication, ..." for messages that list what exists.
std::string lesson_names();

// Written by CMake (src/app/CMakeLists.txt) from web/lessons/*.scn, in file-name order.
const std::vector<LessonSource>& embedded_lesson_files();

}  // namespace cs::app
