#pragma once
// Plays a lesson (src/sim/lesson.h) in front of the user, through the Host.
//
// Opening a lesson loads its setup (servers, seed, products) as a fresh
// simulation and enters step 1. Entering a step applies its lines in order:
//   - a plain command is issued at once (through the Host, so it is in the journal);
//   - `run D` lets D of simulated time pass while the page keeps playing; the
//     script then stops the clock exactly at the end of D (seeking back the few
//     milliseconds a frame overshoots) so the lines after it apply when they
//     would headless;
//   - a `## do` line waits until the user issues that command (any way: the
//     cluster view, a panel, the JS API) or presses "Do it for me"; the clock
//     is paused meanwhile, so the action lands when the lesson says;
//   - an `expect` line is checked when reached and shown as what the user
//     should see, with what was seen instead when it does not hold.
// A step is a moment: once its last line is reached the clock stops (exactly
// at the end of its last run), so what the next step announces has not
// happened yet when the student reads it. Next (or the student's own Play)
// starts it again. A step's `## view:` names the tab the page brings forward.
// Previous, Restart and jumping to a step rebuild the state deterministically:
// reload, and replay the earlier steps instantly. The user may experiment at
// any time; the player notices commands beyond the lesson's and time travel
// before the step, and "Back to the lesson" rebuilds the step's start.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/lesson.h"
#include "ui/lesson_io.h"

namespace cs::app {

class Host;

// Whether a command the user issued is the one a `## do` line asks for. Lenient
// where the lesson is: an order or read without `via` accepts any server, and a
// partition's sides may come in either order.
bool same_action(const Command& wanted, const Command& done);

// Plain words for the narration panel: "crash server 6", "server 5 is the leader".
std::string action_in_words(const Command& command);
std::string expectation_in_words(const Command& command);

class LessonPlayer {
public:
    // Opens a shipped lesson (web/lessons/NAME.scn) at a step (0-based, clamped).
    // False with error() set if there is no such lesson or it does not load.
    bool open(std::string_view name, Host& host, int step = 0);
    // Opens a lesson from its text (a file dropped on the page).
    bool open_text(std::string_view text, std::string name, Host& host, int step = 0);
    void close();
    bool active() const { return lesson_.has_value(); }
    const std::string& error() const { return error_; }
    const std::string& name() const { return name_; }
    int step() const { return step_; }
    int step_count() const { return lesson_ ? static_cast<int>(lesson_->steps.size()) : 0; }

    // Once a frame, after the host advanced: applies lines, ends waits, checks expects.
    void update(Host& host);

    void next(Host& host);
    void previous(Host& host);
    void restart(Host& host) { go_to_step(0, host); }
    void go_to_step(int step, Host& host);
    void do_it_for_me(Host& host);
    void skip_wait(Host& host);
    void back_to_lesson(Host& host) { go_to_step(step_, host); }
    // Whether the clock is stopped because the step is done (the student has not pressed Play since).
    bool paused_at_step_end() const { return paused_at_step_end_; }

    // Everything the Lesson tab shows, except the catalogue.
    ui::LessonView view(const Host& host) const;

private:
    struct JournalMark {  // the last journal entry the lesson depends on
        std::size_t size = 0;
        TimeUs at_us = 0;
        std::string line;
    };

    bool start(Lesson lesson, std::string name, std::string base_text, Host& host, int step);
    const LessonStep& current() const { return lesson_->steps[static_cast<std::size_t>(step_)]; }
    // Why the script cannot go on ("" when it can): another scenario, changed history, time before the step.
    std::string off_track(const Host& host) const;
    bool history_changed(const Host& host) const;
    void enter_step(int step, Host& host);
    // Notes the commands the user issued since the last look.
    void scan_journal(const Host& host);
    // Issues one of the lesson's own lines; refusals become notices.
    void issue(const LessonLine& line, Host& host);
    // Applies a whole line at once (rebuilding earlier steps, Next): runs seek, expects are skipped.
    void apply_instantly(const LessonLine& line, Host& host);
    // A `## do` line the user already did in this step: consumed. False if not done yet.
    bool take_user_action(const LessonLine& line, const Host& host);
    void check_expect(const LessonLine& line, const Host& host);
    // Plays on after the awaited action, if the lesson was what paused the clock.
    void resume_after_user(Host& host);

    std::optional<Lesson> lesson_;
    std::string name_;
    std::string base_text_;  // the lesson's servers/seed/product lines: what the host loads
    std::string error_;
    std::uint64_t seed_ = 0;
    int step_ = 0;
    std::size_t cursor_ = 0;               // next line of the step to apply
    std::optional<TimeUs> wait_until_us_;  // a `run` line being watched
    TimeUs wait_total_us_ = 0;
    TimeUs step_start_us_ = 0;
    JournalMark mark_;
    std::size_t journal_seen_ = 0;            // journal entries already looked at
    std::vector<std::size_t> user_entries_;   // this step's user commands not matched to a `## do` line
    std::vector<ui::ExpectView> expects_;
    std::uint64_t generation_ = 0;
    bool paused_for_user_ = false;  // the clock stopped at a `## do` line (the lesson will start it again)
    bool step_end_reached_ = false;  // this step's last line was reached (the clock was stopped once)
    bool paused_at_step_end_ = false;
};

}  // namespace cs::app
