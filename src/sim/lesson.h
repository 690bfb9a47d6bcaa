#pragma once
// Lessons: a scenario file annotated with `##` lines, so one file is both a guided
// tour in the page and a headless test (`clustersim-cli run` ignores comments):
//
//   ## lesson: Leader election: the Bully algorithm     title
//   ## section: Bully Algorithm                         the course text's section
//   ## step: Narration shown for this step ...          starts a step
//   crash 6  ## do                                      a user action: the page asks for
//                                                       it (or does it on request); the CLI
//                                                       simply runs it
//   run 4s                                              watch 4 s of simulated time
//   expect leader 5                                     "what you should see", checked
//   ## shows: ELECTION, OK                              what the step's narration announces:
//                                                       message types (upper case) or event-log
//                                                       kinds (lower case, log_kind_name());
//                                                       the tests check each happens during
//                                                       the step and not in the step before;
//                                                       "NAME by 6": only server 6's (the sender's)
//   ## view: spacetime                                  the tab the page brings forward when
//                                                       the step opens (as the view= URL parameter)
//
// Lines before the first step are the lesson's setup.
#include <string>
#include <string_view>
#include <vector>

#include "scenario.h"

namespace cs {

struct LessonLine {
    ScenarioLine line;
    bool user_action = false;  // marked `## do`
};

struct LessonStep {
    std::string narration;
    std::vector<LessonLine> lines;
    std::vector<std::string> shows;  // `## shows:` names, each a msg_type_name() or a log_kind_name()
    std::string view;                // `## view:` a tab name as view= takes it ("" = stay)
};

// Whether a `## shows:` name names a message type or an event-log kind.
bool known_event_name(const std::string& name);
// Whether a log record is an occurrence of that named event (a message of that type
// delivered or dropped, or a record of that kind).
struct LogRecord;
bool record_is(const LogRecord& record, const std::string& name);

struct Lesson {
    std::string title;
    std::string section;
    Scenario scenario;               // the whole file as a scenario (config + every command)
    std::vector<LessonLine> setup;   // commands before the first step
    std::vector<LessonStep> steps;
};

// Parses a lesson. On error returns false with "FILE:LINE: message".
bool parse_lesson(std::string_view text, const std::string& file_name, Lesson& out, std::string& error);

}  // namespace cs
