#pragma once
// Owns the simulation and the playback state, and is the only place where
// anything changes: the UI's actions, the JS API and the command line all go
// through here. Platform-free; the GLFW/browser mains drive it.
//
// Time travel: the simulation is deterministic, so the host keeps copies of it
// at intervals (checkpoints) and a journal of the commands the user issued and
// when. Going back restores the nearest earlier checkpoint and re-simulates,
// re-applying the journal at the same simulated times; a new command issued
// in the past starts a new branch from there.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/frame_clock.h"
#include "app/options.h"
#include "app/quiet_time.h"
#include "sim/simulation.h"
#include "ui/frame_io.h"

namespace cs::app {

struct JournalEntry {
    TimeUs at_us = 0;
    std::string line;
};

class Host {
public:
    explicit Host(const StartOptions& options);

    const Simulation& sim() const { return *sim_; }
    const ui::Playback& playback() const { return playback_; }
    bool behind() const { return behind_; }
    // The last frame ran (partly) at the quiet speed: nothing worth watching was happening.
    bool fast_forwarding() const { return fast_forwarding_; }
    const std::vector<std::string>& notices() const { return notices_; }
    ui::TimelineView timeline() const;

    // What reproduces this run: the scenario it started from (may be empty),
    // its seed, and the user's commands with their times.
    const std::string& base_scenario() const { return base_text_; }
    std::uint64_t seed() const { return sim_->config().seed; }
    const std::vector<JournalEntry>& journal() const { return journal_; }

    // One frame of wall time: advance the simulation unless paused, quiet
    // stretches at the quiet speed when playback().skip_quiet (quiet_time.h).
    void tick(double wall_dt_s);
    // Jump to simulated time t: forward by simulating, backward by replaying
    // from a checkpoint. Clamped to [timeline().earliest_us, ...).
    void seek(TimeUs t);
    // Processes exactly one event (the next message delivery or timer) and pauses.
    // User commands due before it are applied first, as they were originally.
    void step();
    // Goes back to the moment just after the event before the last one (the
    // inverse of step: events_processed() drops by one) and pauses.
    void step_back();
    // Starts again from the same scenario, with this seed.
    void reset(std::uint64_t seed);

    // One scenario line, now. Refused lines leave the simulation untouched.
    CommandResult command(std::string_view line);
    // Replaces the whole scenario (a fresh simulation, with the scenario's own seed).
    // On error nothing changes.
    CommandResult load(std::string_view text);

    void pause() { playback_.paused = true; }
    void resume() { playback_.paused = false; }
    // Clamped to the slider's range; false (and no change) for a non-number.
    bool set_speed(double speed);
    void set_skip_quiet(bool on) { playback_.skip_quiet = on; }
    // Events per frame at most (the platform main may lower it on a slow machine).
    void set_max_events_per_frame(std::uint64_t n) { limits_.max_events = n; }

    // What the user asked for through the UI this frame.
    void apply(const ui::Actions& actions);

    void notify(std::string text);
    void clear_notices() { notices_.clear(); }

private:
    static constexpr std::size_t kMaxNotices = 4;        // newest kept; the strip is one line
    // Memory bounds of the checkpoints: at most this many, holding at most about this
    // many bytes (approx_bytes each, plus the chunks they all share counted once); past
    // either, every other one goes and the next ones are spaced twice as far. A seek
    // replays at most one interval. Copies share the client history and the replicas'
    // logs (sim/shared_chunks.h), so a checkpoint costs about 3 MB even at the end of an
    // hour where every order is written: an hour keeps about 90, 40 s apart at most.
    static constexpr std::size_t kMaxCheckpoints = 128;
    static constexpr std::size_t kCheckpointBudgetBytes = std::size_t{320} << 20;
    static constexpr std::size_t kMaxJournal = 10000;

    struct Checkpoint {
        TimeUs at_us = 0;
        std::size_t journal_applied = 0;
        std::shared_ptr<Simulation> sim;  // never changed while it is a checkpoint
        std::size_t bytes = 0;            // approx_bytes() when taken
    };

    // Starts over from a fresh simulation (after load or reset).
    void restart_history(std::unique_ptr<Simulation> sim);
    // Advances to target, applying due journal entries at their times; max_events caps the work.
    // stop_when_loud: also stop right after an event or command that makes the run
    // worth watching again (see quiet_time.h).
    AdvanceResult replay_to(TimeUs target_us, std::uint64_t max_events, bool stop_when_loud = false);
    // Applies the journal entries due strictly before the next event (the order
    // of the original run: events at time T come before commands issued at T).
    void apply_journal_before_next_event();
    // Restores the latest checkpoint at or before `t` / holding at most `events` events.
    void restore_checkpoint_at(TimeUs t);
    void restore_checkpoint_with_events(std::uint64_t events);
    // Remembers the milestones of the furthest state reached (for markers ahead of the cursor).
    void note_latest();
    void maybe_checkpoint();
    // Copies the simulation into a checkpoint, reusing a thinned checkpoint's memory when
    // there is one: assigning reuses its vectors and hash-table nodes, where a fresh
    // copy allocates every one of them again.
    std::shared_ptr<Simulation> copy_for_checkpoint();
    // Makes sim_ a copy of a checkpoint by assignment (same reuse, and nothing freed).
    void restore_from(const Checkpoint& cp);
    // Discards the future (journal entries and checkpoints after now): the user branched.
    void branch_here();
    CommandResult load_with_seed(std::string_view text, std::optional<std::uint64_t> seed);

    StartOptions options_;
    std::string base_text_;
    std::unique_ptr<Simulation> sim_;
    ui::Playback playback_;
    ClockLimits limits_;
    bool behind_ = false;
    bool fast_forwarding_ = false;
    std::vector<std::string> notices_;

    std::vector<JournalEntry> journal_;
    std::size_t journal_applied_ = 0;
    std::vector<Checkpoint> checkpoints_;
    std::size_t checkpoint_bytes_ = 0;          // sum of their approx_bytes()
    std::shared_ptr<Simulation> spare_;         // a thinned checkpoint, reused by the next one
    TimeUs checkpoint_interval_us_ = us_from_s(5);
    TimeUs latest_us_ = 0;
    // sim().milestones() as of latest_us_: after a seek back, the current
    // simulation only knows its past, but the timeline shows what replay will reach.
    std::vector<Milestone> latest_milestones_;
    std::vector<Violation> latest_violations_;
};

}  // namespace cs::app
