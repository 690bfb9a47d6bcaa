#pragma once
// What the host hands the UI each frame and what the UI hands back. The UI
// never changes anything itself: the simulation only through command lines
// (the scenario language), the host's playback through a new Playback value.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/simulation.h"
#include "sim/time.h"
#include "ui/lesson_io.h"
#include "ui/test_hooks.h"

namespace cs::ui {

// 0.001x shows one election message by message (a 10 ms hop takes 10 s);
// 1000x runs an hour of simulated time in under four seconds. The host caps
// the events per frame, so the top end slows down rather than freezing.
inline constexpr double kMinSpeed = 0.001;
inline constexpr double kMaxSpeed = 1000.0;
// One-way latency is 5-20 ms simulated, so at 0.1x a message dot is on screen
// for 50-200 ms of wall time: short, but visible. The waits between the
// messages (3 missed 1 s heartbeats before an election) would take 30 s at
// that speed; quiet time (below) runs them faster.
inline constexpr double kDefaultSpeed = 0.1;
// "Skip quiet time": while no message worth watching is on the wire and no
// election is running (heartbeats and health checks only), time runs at this
// speed instead, and drops back to the chosen speed the moment something
// interesting is sent. A leader crash then takes ~1.5 s of waiting, not 30 s.
inline constexpr double kDefaultQuietSpeed = 2.0;

struct Playback {
    bool paused = false;
    double speed = kDefaultSpeed;  // simulated seconds per wall-clock second
    bool skip_quiet = true;        // run quiet time at quiet_speed (never slower than speed)
    double quiet_speed = kDefaultQuietSpeed;
};

// The host's timeline: how far back the user can scrub and what happened when.
struct TimelineView {
    TimeUs earliest_us = 0;  // the oldest moment that can be revisited
    TimeUs latest_us = 0;    // the furthest moment reached (replay runs up to here)
    // Milestones up to latest_us, also those ahead of the current time after a
    // seek back (the future that replay will reach again). Oldest first.
    const std::vector<Milestone>* milestones = nullptr;
    // The checker's violations as of latest_us (Violation milestones index into it).
    const std::vector<Violation>* violations = nullptr;
};

struct FrameInput {
    float scale = 1.0f;        // UI scale: 1 at 96 dpi, 2 on a typical HiDPI screen
    bool embed = false;        // compact layout for an iframe in course material
    bool behind = false;       // the host hit its per-frame event cap: the sim lags the clock
    bool fast_forwarding = false;  // the last frame ran (partly) at the quiet speed
    bool reduced_motion = false;   // the reader asked for less motion: messages fade in place, nothing flashes
    Playback playback;
    const std::vector<std::string>* notices = nullptr;  // messages for the user (bad URL parameter, refused command)
    TimelineView timeline;
    const CourseView* course = nullptr;  // the lesson being played, the last shared link (Lesson tab)
};

struct Actions {
    std::vector<std::string> commands;  // scenario lines, executed in order by the host
    Playback playback;                  // the playback the user wants from now on
    bool dismiss_notices = false;
    std::optional<TimeUs> seek_to_us;               // jump to this simulated time (back: replay from a checkpoint)
    bool step_event = false;                        // process exactly one more event
    bool step_back_event = false;                   // go back to just before the last event
    std::optional<std::uint64_t> reset_with_seed;   // start again (same scenario) with this seed
    std::vector<NamedRect> rects;                   // for tests: where named items are on screen
    CourseRequests course;                          // lesson navigation, links, exports (Lesson tab)
};

}  // namespace cs::ui
