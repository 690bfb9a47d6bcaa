#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/event_log.h"
#include "sim/lesson.h"

using namespace cs;

TEST_CASE("lesson: steps, narration, user actions and setup") {
    const char* text =
        "## lesson: Demo\n"
        "## section: Bully Algorithm\n"
        "quorum on\n"
        "## step: First, watch.\n"
        "run 2s\n"
        "expect leader 6\n"
        "## step: Now crash the leader.\n"
        "crash 6  ## do\n"
        "run 5s\n";
    Lesson lesson;
    std::string error;
    REQUIRE_MESSAGE(parse_lesson(text, "demo.scn", lesson, error), error);
    CHECK(lesson.title == "Demo");
    CHECK(lesson.section == "Bully Algorithm");
    REQUIRE(lesson.setup.size() == 1);
    CHECK(lesson.setup[0].line.command.verb == Verb::Quorum);
    REQUIRE(lesson.steps.size() == 2);
    CHECK(lesson.steps[0].narration == "First, watch.");
    CHECK(lesson.steps[0].lines.size() == 2);
    REQUIRE(lesson.steps[1].lines.size() == 2);
    CHECK(lesson.steps[1].lines[0].user_action);
    CHECK(lesson.steps[1].lines[0].line.command.verb == Verb::Crash);
    CHECK(lesson.steps[1].lines[0].line.line == 8);
    CHECK_FALSE(lesson.steps[1].lines[1].user_action);
}

TEST_CASE("lesson: a step's shows and view directives") {
    Lesson lesson;
    std::string error;
    REQUIRE_MESSAGE(parse_lesson("## lesson: T\n## step: s\n## shows: ELECTION, OK ,leader, COORDINATOR by 6\n## view: spacetime\n"
                                 "run 1s\n## step: t\n",
                                 "v.scn", lesson, error),
                    error);
    REQUIRE(lesson.steps.size() == 2);
    CHECK(lesson.steps[0].shows == std::vector<std::string>{"ELECTION", "OK", "leader", "COORDINATOR by 6"});
    LogRecord coordinator;
    coordinator.kind = LogKind::Delivered;
    coordinator.msg = MsgType::Coordinator;
    coordinator.node = 6;
    CHECK(record_is(coordinator, "COORDINATOR"));
    CHECK(record_is(coordinator, "COORDINATOR by 6"));
    CHECK_FALSE(record_is(coordinator, "COORDINATOR by 5"));
    CHECK_FALSE(record_is(coordinator, "ELECTION"));
    CHECK_FALSE(known_event_name("COORDINATOR by x"));
    CHECK(lesson.steps[0].view == "spacetime");
    CHECK(lesson.steps[0].lines.size() == 1);
    CHECK(lesson.steps[1].shows.empty());
    CHECK(lesson.steps[1].view.empty());
}

TEST_CASE("lesson: bad lessons are rejected with FILE:LINE") {
    Lesson lesson;
    std::string error;
    CHECK_FALSE(parse_lesson("## step: x\nrun 1s\n", "a.scn", lesson, error));
    CHECK(error == "a.scn:1: a lesson needs a '## lesson: TITLE' line");
    CHECK_FALSE(parse_lesson("## lesson: T\nrun 1s\n", "b.scn", lesson, error));
    CHECK(error.find("at least one '## step") != std::string::npos);
    CHECK_FALSE(parse_lesson("## lesson: T\n## stpe: typo\n", "c.scn", lesson, error));
    CHECK(error == "c.scn:2: unknown lesson directive '## stpe:' (expected lesson, section, step, shows or view)");
    CHECK_FALSE(parse_lesson("## lesson: T\n## step: s\n## shows: ELECTON\n", "e.scn", lesson, error));
    CHECK(error.rfind("e.scn:3: '## shows: ELECTON' is neither", 0) == 0);
    CHECK_FALSE(parse_lesson("## lesson: T\n## view: history\n## step: s\n", "f.scn", lesson, error));
    CHECK(error.rfind("f.scn:2: '## view:' belongs to a step", 0) == 0);
    CHECK_FALSE(parse_lesson("## lesson: T\n## step: s\ncrash 99\n", "d.scn", lesson, error));
    CHECK(error.rfind("d.scn:3: no server 99", 0) == 0);
    // "by 0" and "by 99" named no sender: the check could only fail, or pass for no reason.
    CHECK_FALSE(parse_lesson("## lesson: T\n## step: s\n## shows: COORDINATOR by 0\n", "g.scn", lesson, error));
    CHECK(error == "g.scn:3: '## shows: COORDINATOR by 0': no server 0 (servers are 1..6)");
    CHECK_FALSE(parse_lesson("servers 3\n## lesson: T\n## step: s\n## shows: OK by 4\n", "h.scn", lesson, error));
    CHECK(error == "h.scn:4: '## shows: OK by 4': no server 4 (servers are 1..3)");
    CHECK_FALSE(parse_lesson("## lesson: T\n## step: s\n## lesson: U\n", "i.scn", lesson, error));
    CHECK(error == "i.scn:3: a second '## lesson:' line (a lesson has one)");
    CHECK_FALSE(parse_lesson("## lesson: T\n## section: A\n## step: s\n## section: B\n", "j.scn", lesson, error));
    CHECK(error == "j.scn:4: a second '## section:' line (a lesson has one)");
}

TEST_CASE("lesson: every shipped lesson parses, has a section and steps with narration") {
    int lessons = 0;
    for (const auto& entry : std::filesystem::directory_iterator(CLUSTERSIM_LESSON_DIR)) {
        if (entry.path().extension() != ".scn") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        Lesson lesson;
        std::string error;
        INFO(entry.path().string());
        REQUIRE_MESSAGE(parse_lesson(text.str(), entry.path().filename().string(), lesson, error), error);
        CHECK_FALSE(lesson.section.empty());
        CHECK(lesson.steps.size() >= 3);
        for (const auto& step : lesson.steps) CHECK(step.narration.size() > 20);
        ++lessons;
    }
    CHECK(lessons >= 6);
}
