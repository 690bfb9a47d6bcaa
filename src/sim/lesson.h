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
};

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
