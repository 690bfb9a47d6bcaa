// The app's build generates embedded_lesson_files() from web/lessons/*.scn
// (src/app/CMakeLists.txt). The fuzz build only needs some lessons to look
// up, so it compiles in two small ones instead of running that generator.
#include "app/lesson_library.h"

namespace cs::app {

const std::vector<LessonSource>& embedded_lesson_files() {
    static const std::vector<LessonSource> files = {
        {"bully", "servers 6\nrun 2s\ncrash 6\nrun 5s\nexpect leader 5\n"},
        {"cap", "quorum on\nrun 2s\npartition 1,2 | 3,4,5,6\nrun 10s\n"},
    };
    return files;
}

}  // namespace cs::app
