// One source of truth for names and colours: every colour, shape or panel a
// lesson's narration names is one the page draws. Colours come from the palette's
// own words (ui::family_color_name), panels from the tab names (ui::side_tab_name).
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <string>
#include <vector>

#include "app/lesson_library.h"
#include "sim/lesson.h"
#include "ui/theme.h"
#include "ui/ui_state.h"

using namespace cs;

namespace {

// The colours of the server marks, each with the words that say which mark is meant
// (theme.h: kNodeLeader, kNodeAlive, kNodeCandidate, kNodeCrashed, kCut; kWarning badges).
struct MarkColour {
    const char* colour;
    std::vector<std::string> marks;
};
const std::vector<MarkColour> kMarkColours = {
    {"gold", {"leader", "LEADER"}},
    {"blue", {"follower"}},
    {"orange", {"in an election"}},
    {"grey", {"crashed"}},
    {"red", {"crash", "crashed", "partition", "cut", "isolated"}},
    {"amber", {"badge", "queue"}},
};
const char* const kColourWords[] = {"blue",  "orange", "yellow", "pink",  "magenta", "purple", "violet", "green",
                                    "grey",  "gray",   "red",    "gold",  "white",   "black",  "brown",  "cyan",
                                    "teal",  "amber"};
// Drawn nowhere: a lesson must not promise them.
const char* const kNotDrawn[] = {"crown", "star", "square", "triangle", "arrowhead"};
// Terms that hold a colour word but name no colour.
const char* const kTerms[] = {"gray failure"};
// Capitalised words that start a sentence, not a name: "The strip under the cluster".
const char* const kNotNames[] = {"The", "This", "That", "Each", "Every", "A", "An", "Its", "Their"};

bool has_word(const std::string& text, const std::string& word) {
    // A whole word, or its plural ("ACKs").
    for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        const auto part = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
        const bool start = at == 0 || !part(text[at - 1]);
        std::size_t end = at + word.size();
        if (end < text.size() && text[end] == 's') ++end;
        const bool finish = end >= text.size() || !part(text[end]);
        if (start && finish) return true;
    }
    return false;
}

std::vector<std::string> sentences(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    for (std::size_t i = 0; i < text.size(); ++i) {
        current += text[i];
        const bool end = (text[i] == '.' || text[i] == '!' || text[i] == '?') &&
                         (i + 1 == text.size() || text[i + 1] == ' ');
        if (end) {
            out.push_back(current);
            current.clear();
        }
    }
    if (!current.empty()) out.push_back(current);
    return out;
}

// The message types and family label of a family, as a sentence may name them.
bool names_family(const std::string& sentence, MsgFamily family) {
    if (has_word(sentence, ui::family_label(family))) return true;
    for (int t = 0; t < static_cast<int>(MsgType::Count); ++t) {
        const auto type = static_cast<MsgType>(t);
        if (msg_family(type) != family) continue;
        std::string lower = msg_type_name(type);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (has_word(sentence, msg_type_name(type)) || has_word(sentence, lower)) return true;
    }
    return false;
}

bool names_shape(const std::string& sentence, ui::DotShape shape) {
    for (int t = 0; t < static_cast<int>(MsgType::Count); ++t)
        if (ui::dot_shape(static_cast<MsgType>(t)) == shape && has_word(sentence, msg_type_name(static_cast<MsgType>(t))))
            return true;
    return false;
}

// Why the sentence's use of a colour word is not what the page draws ("" = it is).
std::string colour_problem(const std::string& sentence, const std::string& colour) {
    for (MsgFamily family : ui::kFamilies)
        if (colour == ui::family_color_name(family) && names_family(sentence, family)) return {};
    for (const MarkColour& mark : kMarkColours)
        if (colour == mark.colour)
            for (const std::string& word : mark.marks)
                if (sentence.find(word) != std::string::npos) return {};
    return "'" + colour + "' names no colour the page draws for what this sentence mentions";
}

std::vector<std::string> tab_names() {
    std::vector<std::string> out;
    for (int i = 0; i < static_cast<int>(ui::SideTab::Count); ++i) out.emplace_back(ui::side_tab_name(static_cast<ui::SideTab>(i)));
    return out;
}

// Every problem with the colour, shape and panel words of one narration.
std::vector<std::string> word_problems(const std::string& narration) {
    std::vector<std::string> problems;
    for (std::string sentence : sentences(narration)) {
        for (const char* term : kTerms)
            for (std::size_t at = sentence.find(term); at != std::string::npos; at = sentence.find(term))
                sentence.erase(at, std::string(term).size());
        for (const char* colour : kColourWords)
            if (has_word(sentence, colour)) {
                const std::string why = colour_problem(sentence, colour);
                if (!why.empty()) problems.push_back(why + ": " + sentence);
            }
        for (const char* shape : kNotDrawn)
            if (has_word(sentence, shape)) problems.push_back(std::string("nothing is drawn as a '") + shape + "': " + sentence);
        if (has_word(sentence, "diamond") && !names_shape(sentence, ui::DotShape::Diamond))
            problems.push_back("a diamond is drawn only for COORDINATOR: " + sentence);
        if (has_word(sentence, "ring") && !names_shape(sentence, ui::DotShape::Hollow) &&
            sentence.find("leader") == std::string::npos)
            problems.push_back("a ring is an answer (OK, ACK, ...) or the leader's: " + sentence);
    }
    // "the Concepts panel", "the Inventory table": a capitalised name before a panel word must be a tab.
    static const std::regex panel(R"(([A-Z][A-Za-z-]*) (tab|tabs|panel|panels|table|strip|window)\b)");
    const std::vector<std::string> tabs = tab_names();
    for (std::sregex_iterator it(narration.begin(), narration.end(), panel), end; it != end; ++it) {
        const std::string name = (*it)[1];
        if (std::find(std::begin(kNotNames), std::end(kNotNames), name) != std::end(kNotNames)) continue;
        if (std::find(tabs.begin(), tabs.end(), name) == tabs.end())
            problems.push_back("'" + it->str() + "': no tab is called " + name);
        else if ((*it)[2] == "panel" || (*it)[2] == "panels")
            problems.push_back("'" + it->str() + "': the page calls it a tab");
    }
    return problems;
}

}  // namespace

TEST_CASE("lesson words: the checker catches what the issue found") {
    CHECK_FALSE(word_problems("Watch the grey dots of each HEARTBEAT.").empty());
    CHECK_FALSE(word_problems("Servers answer OK (yellow).").empty());
    CHECK_FALSE(word_problems("It sends COORDINATOR (purple).").empty());
    CHECK_FALSE(word_problems("The leader (the crown) answers.").empty());
    CHECK_FALSE(word_problems("It sends REPLICATE (blue).").empty());
    CHECK_FALSE(word_problems("Look at the Inventory table.").empty());
    CHECK_FALSE(word_problems("Count them in the Concepts panel.").empty());
    CHECK_FALSE(word_problems("OK is an orange diamond.").empty());
    CHECK(word_problems("ELECTION (orange dots), OK (an orange ring), COORDINATOR (an orange diamond).").empty());
    CHECK(word_problems("Open the Balancer tab, then the Space-time tab.").empty());
}

TEST_CASE("lesson words: every colour, shape and panel a lesson names is drawn as it says") {
    for (const app::LessonSource& source : app::lesson_library()) {
        Lesson lesson;
        std::string error;
        REQUIRE_MESSAGE(parse_lesson(source.text, source.name + ".scn", lesson, error), error);
        for (std::size_t s = 0; s < lesson.steps.size(); ++s)
            for (const std::string& problem : word_problems(lesson.steps[s].narration))
                FAIL_CHECK(source.name << " step " << s + 1 << ": " << problem);
    }
}
