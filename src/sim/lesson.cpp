#include "lesson.h"

#include "event_log.h"

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

// "A, B ,C" -> {"A", "B", "C"}
std::vector<std::string> comma_list(std::string_view value) {
    std::vector<std::string> out;
    while (!value.empty()) {
        const auto comma = value.find(',');
        const std::string_view item = trim(value.substr(0, comma));
        if (!item.empty()) out.emplace_back(item);
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
    }
    return out;
}

}  // namespace

namespace {

// "COORDINATOR by 6" -> "COORDINATOR", 6; "ELECTION" -> "ELECTION", kNoNode. False if "by" is not followed by an id.
bool split_by(const std::string& name, std::string& event, NodeId& by) {
    const auto at = name.find(" by ");
    event = name.substr(0, at);
    by = kNoNode;
    if (at == std::string::npos) return true;
    const std::string id = std::string(trim(std::string_view(name).substr(at + 4)));
    if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos || id.size() > 4) return false;
    by = std::stoi(id);
    return true;
}

bool known_event(const std::string& name) {
    for (int t = 0; t < static_cast<int>(MsgType::Count); ++t)
        if (name == msg_type_name(static_cast<MsgType>(t))) return true;
    for (int k = 0; k < static_cast<int>(LogKind::Count); ++k)
        if (name == log_kind_name(static_cast<LogKind>(k))) return true;
    return false;
}

}  // namespace

bool known_event_name(const std::string& name) {
    std::string event;
    NodeId by = kNoNode;
    return split_by(name, event, by) && known_event(event);
}

bool record_is(const LogRecord& record, const std::string& name) {
    std::string event;
    NodeId by = kNoNode;
    if (!split_by(name, event, by) || (by != kNoNode && record.node != by)) return false;
    if ((record.kind == LogKind::Delivered || record.kind == LogKind::Dropped) && event == msg_type_name(record.msg))
        return true;
    return event == log_kind_name(record.kind);
}

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
            if ((key == "lesson" && !out.title.empty()) || (key == "section" && !out.section.empty())) {
                // A second title once replaced the first unseen (a pasted lesson that joins two).
                error = file_name + ":" + std::to_string(line_number) + ": a second '## " + std::string(key) +
                        ":' line (a lesson has one)";
                return false;
            }
            if (key == "lesson") out.title = std::string(value);
            else if (key == "section") out.section = std::string(value);
            else if (key == "step") out.steps.push_back({std::string(value), {}, {}, {}});
            else if ((key == "shows" || key == "view") && out.steps.empty()) {
                error = file_name + ":" + std::to_string(line_number) + ": '## " + std::string(key) +
                        ":' belongs to a step: put it after a '## step:' line";
                return false;
            } else if (key == "shows") {
                for (std::string& name : comma_list(value)) {
                    if (!known_event_name(name)) {
                        error = file_name + ":" + std::to_string(line_number) + ": '## shows: " + name +
                                "' is neither a message type (ELECTION, OK, ...) nor an event-log kind (leader, "
                                "crash, ...)";
                        return false;
                    }
                    std::string event;
                    NodeId by = kNoNode;
                    split_by(name, event, by);
                    if (by != kNoNode && (by < 1 || by > out.scenario.config.servers)) {
                        // "by 0" or "by 99" named no sender, and the check passed or failed for no reason.
                        error = file_name + ":" + std::to_string(line_number) + ": '## shows: " + name + "': no server " +
                                std::to_string(by) + " (servers are 1.." + std::to_string(out.scenario.config.servers) + ")";
                        return false;
                    }
                    out.steps.back().shows.push_back(std::move(name));
                }
            } else if (key == "view") {
                out.steps.back().view = std::string(value);
            } else {
                error = file_name + ":" + std::to_string(line_number) + ": unknown lesson directive '## " +
                        std::string(key) + ":' (expected lesson, section, step, shows or view)";
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
