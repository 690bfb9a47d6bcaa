#include "app/lesson_library.h"

#include <algorithm>
#include <iterator>

namespace cs::app {
namespace {

// The order in which the course teaches them: a student meets them in this order.
constexpr std::string_view kCourseOrder[] = {"bully",           "replication",   "fault_tolerance", "consistency",
                                             "cap_split_brain", "cap_quorum",    "load_balancing"};

std::size_t course_rank(std::string_view name) {
    const auto it = std::find(std::begin(kCourseOrder), std::end(kCourseOrder), name);
    return static_cast<std::size_t>(std::distance(std::begin(kCourseOrder), it));  // unknown: after the known ones
}

}  // namespace

const std::vector<LessonSource>& lesson_library() {
    static const std::vector<LessonSource> lessons = [] {
        std::vector<LessonSource> all = embedded_lesson_files();
        std::stable_sort(all.begin(), all.end(), [](const LessonSource& a, const LessonSource& b) {
            return course_rank(a.name) < course_rank(b.name);
        });
        return all;
    }();
    return lessons;
}

const LessonSource* find_lesson(std::string_view name) {
    for (const LessonSource& lesson : lesson_library())
        if (lesson.name == name) return &lesson;
    return nullptr;
}

std::string lesson_names() {
    std::string out;
    for (const LessonSource& lesson : lesson_library()) out += (out.empty() ? "" : ", ") + lesson.name;
    return out;
}

}  // namespace cs::app
