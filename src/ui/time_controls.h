#pragma once
// The time controls' memory between frames and their pure logic (no ImGui):
// the speed ladder of the +/- keys, time and speed formatting, the mapping
// between timeline pixels and simulated time, tick spacing, seeds, and the
// words for timeline markers. Unit-tested in tests/app/test_time_controls.cpp.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/simulation.h"
#include "ui/frame_io.h"

namespace cs::ui {

struct TimeControlsState {
    char seed_text[24] = "";
    // The running seed the field was last filled with: a typed seed stays in the
    // field (for Reset or R) until it is applied or the run's seed changes.
    std::uint64_t seed_shown = 0;
    bool seed_filled = false;
    bool help_was_open = false;  // the help overlay was drawn last frame (brought to front once, on opening)
    int arrow_held_frames = 0;  // ← or → held: repeat only after a few frames, not after one long frame
    bool scrubbing = false;     // the timeline is being dragged
    bool paused_before_scrub = false;
    TimeUs scrub_at_us = -1;    // the last time a drag asked for (no repeated seeks to the same spot)
};

// The next speed up (direction > 0) or down on the 1-2-5 ladder
// (0.001, 0.002, 0.005, 0.01, ... 500, 1000), from any starting speed.
double speed_step(double speed, int direction);

// "0.1×", "0.005×", "2×", "1000×".
std::string format_speed(double speed);
// The printf format that format_speed uses for this speed (for the slider).
const char* speed_format(double speed);

// "12.345 s"; precise: "12.345678 s" (at very slow speeds every microsecond shows).
std::string format_sim_time(TimeUs t, bool precise);
// "1:05" / "12 s" / "250 ms" / "1.5 s": a tick label on the timeline of a `span_us` range.
std::string format_tick(TimeUs t, TimeUs step_us);

// What the timeline shows: from the oldest moment that can be revisited to
// the furthest reached (at least 1 s, so a fresh run is not a zero-width bar).
struct TimelineRange {
    TimeUs start_us = 0;
    TimeUs end_us = 0;
};
TimelineRange timeline_range(const TimelineView& view, TimeUs now_us);
float time_to_x(TimeUs t, const TimelineRange& range, float x0, float width);
// Clamped to the range.
TimeUs x_to_time(float x, const TimelineRange& range, float x0, float width);
// A round tick spacing (1-2-5 x 10^k microseconds) with ticks at least min_gap_px apart.
TimeUs tick_step_us(TimeUs span_us, float width_px, float min_gap_px);

// A fresh seed derived from the current one (no clock, no randomness in the
// UI): small enough to read aloud and type, 1..99999.
std::uint64_t next_seed(std::uint64_t seed);
// A whole number 0..2^53 written in decimal, nothing else.
bool parse_seed(const char* text, std::uint64_t& out);
// What Reset (or R) starts with: the seed typed in the field, or the running
// seed when the field does not hold a number.
std::uint64_t seed_in_field(const TimeControlsState& state, std::uint64_t running);

// Marker words: "server 6 crashed", "server 5 elected leader", "violation: oversell", ...
// violations: the checker's list the marker's index refers to (may be null).
std::string describe_milestone(const Milestone& m, const std::vector<Violation>* violations);
// A short name for the legend and the help overlay: "crash", "restart", ...
const char* milestone_label(MilestoneKind kind);

}  // namespace cs::ui
