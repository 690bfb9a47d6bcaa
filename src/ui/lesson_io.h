#pragma once
// What the Lesson tab shows and what it asks for. The lesson player, links and
// exports live in the app layer (src/app/course_tools.h) because they drive the
// Host; the tab only reads this view and hands back requests, like every other
// window hands back command lines.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/time.h"

namespace cs::ui {

struct LessonListItem {
    std::string name;     // file stem: what ?lesson=NAME takes
    std::string title;
    std::string section;  // the course text's section
};

// One `expect` line of the step, once the script has reached it.
struct ExpectView {
    std::string what;  // in plain words: "server 5 is the leader"
    bool ok = false;
    std::string got;   // when !ok: what the simulation showed instead
};

enum class LessonPhase : std::uint8_t {
    Running,   // applying the step's lines (only for an instant)
    Watching,  // a `run D` line: simulated time passes
    YourTurn,  // a `## do` line: waiting for the user to do it
    StepDone,  // every line of the step has been reached
    Finished,  // ... and it was the last step
};

struct LessonView {
    std::vector<LessonListItem> catalogue;  // every shipped lesson, in course order
    std::string error;                       // a lesson that could not be opened, and why

    bool active = false;
    std::string name, title, section;
    int step = 0;  // 0-based
    int step_count = 0;
    std::string narration;
    std::string view;               // the tab this step brings forward when it opens ("" = none)
    bool paused_at_step_end = false;  // StepDone: the lesson stopped the clock (Next or Play goes on)
    LessonPhase phase = LessonPhase::Running;
    TimeUs wait_total_us = 0;     // Watching: how long this run line lasts
    TimeUs wait_left_us = 0;      //           and how much of it is left
    std::string awaited;          // YourTurn: the command line the step waits for ("crash 6")
    std::string awaited_words;    //           the same in plain words ("crash server 6")
    std::vector<ExpectView> expects;
    // The step's reads (of the products its `read` lines name) as answered: "server 1 returned
    // 20 for PRD-4; leader 6 holds 17 now", flagged stale when they differ.
    struct ReadView {
        std::string what;
        bool stale = false;
    };
    std::vector<ReadView> reads;
    std::vector<std::string> own_commands;  // what the user did in this step beyond the lesson
    std::string off_track;                  // why the script is on hold ("" = on track)
    std::uint64_t generation = 0;           // changes whenever a lesson or step is (re)entered
};

struct ShareView {
    std::string link;    // the last link made by "Copy link" ("" = none yet)
    std::string status;  // "Link copied to the clipboard", "Trace saved (1234 events)", ...
};

struct CourseView {
    LessonView lesson;
    ShareView share;
};

// Everything the tab can ask for in one frame.
struct CourseRequests {
    std::optional<std::string> open_lesson;  // by name
    bool close_lesson = false;
    bool next_step = false;
    bool previous_step = false;
    bool restart_lesson = false;
    std::optional<int> go_to_step;           // 0-based
    bool do_it_for_me = false;
    bool skip_wait = false;
    bool back_to_lesson = false;              // rebuild the current step's starting state

    bool copy_link = false;
    bool link_to_step = false;                // a ?lesson=NAME&step=K link instead of the state
    bool export_trace = false;
    bool export_metrics = false;
    bool export_history = false;
    bool export_shiviz = false;               // the Space-time tab's "ShiViz log"
    std::optional<std::string> load_text;     // a pasted scenario or lesson
};

}  // namespace cs::ui
