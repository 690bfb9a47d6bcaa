#include "lesson.h"

namespace cs {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// "## key: value" -> key, value. False for any other line.
bool directive(std::string_view line, std::string_view& key, std::string_view& value) {
    line = trim(line);
    if (line.substr(0, 2) != "##") return false;
    line = trim(line.substr(2));
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return false;
    key = trim(line.substr(0, colon));
    value = trim(line.substr(colon + 1));
    return true;
}

bool marked_as_user_action(std::string_view line) {
    const auto marker = line.find("##");
    return marker != std::string_view::npos && trim(line.substr(marker + 2)) == "do";
}

}  // namespace

bool parse_lesson(std::string_view text, const std::string& file_name, Lesson& out, std::string& error) {
    out = Lesson{};
    if (!parse_scenario(text, file_name, out.scenario, error)) return false;
    // Walk the lines again to attach each parsed command to its step.
    std::size_t next_command = 0;
    int line_number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(start, end - start);
        ++line_number;
        start = end + 1;
        std::string_view key, value;
        if (directive(line, key, value)) {
            if (key == "lesson") out.title = std::string(value);
            else if (key == "section") out.section = std::string(value);
            else if (key == "step") out.steps.push_back({std::string(value), {}});
            else {
                error = file_name + ":" + std::to_string(line_number) + ": unknown lesson directive '## " +
                        std::string(key) + ":' (expected lesson, section or step)";
                return false;
            }
        } else if (next_command < out.scenario.commands.size() &&
                   out.scenario.commands[next_command].line == line_number) {
            LessonLine l{out.scenario.commands[next_command++], marked_as_user_action(line)};
            (out.steps.empty() ? out.setup : out.steps.back().lines).push_back(std::move(l));
        }
        if (end == text.size()) break;
    }
    if (out.title.empty()) {
        error = file_name + ":1: a lesson needs a '## lesson: TITLE' line";
        return false;
    }
    if (out.steps.empty()) {
        error = file_name + ":1: a lesson needs at least one '## step: NARRATION' line";
        return false;
    }
    return true;
}

}  // namespace cs
