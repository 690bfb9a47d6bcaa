#pragma once
// "Skip quiet time": how fast wall-clock time turns into simulated time while
// nothing worth watching happens. At the default 0.1x a student follows every
// election message, but the waits around them (a follower needs 3 missed 1 s
// heartbeats to suspect the leader) would take 30 s of staring at nothing.
// So while only heartbeats and health checks are on the wire and no election
// is running, time runs at the quiet speed, and it drops back to the chosen
// speed at the very event that sends something interesting.
//
// Only the wall-clock mapping changes: events are processed one by one in
// the same order, so the simulation itself is exactly the same run.
#include <algorithm>
#include <cstdint>

#include "app/frame_clock.h"
#include "sim/simulation.h"

namespace cs::app {

// Heartbeats (and their acks) and the load balancer's health checks are the
// background hum of a healthy cluster; every other message is part of a story.
bool is_background_message(MsgType type);

// Nothing worth watching: no interesting message in flight, no election running.
bool is_quiet(const Simulation& sim);

// A running count of interesting messages ever sent: if it moves, something
// interesting was just sent. Cheap (one sum over message types), so it can be
// checked after every event.
std::uint64_t interesting_sent(const Simulation& sim);

// The speed a quiet stretch runs at: the quiet speed, but never slower than
// the speed the user chose (at 5x, quiet time is not slowed down to 2x).
double quiet_speed_for(double chosen_speed, double quiet_speed);

struct QuietSettings {
    bool enabled = true;
    double quiet_speed = 2.0;
};

struct FramePlan {
    std::uint64_t events = 0;
    bool behind = false;           // the event cap was hit
    bool fast_forwarded = false;   // some of this frame ran at the quiet speed
};

// Advances `sim` by one frame of wall time at `speed`, running quiet stretches
// at the quiet speed when enabled. `advance(target_us, max_events, stop_when_loud)`
// does the actual simulating (the host's, which also re-applies its journal);
// with stop_when_loud it must stop right after an event that made the
// simulation loud (see advance_to_while_quiet) and return whether it did.
struct AdvanceResult {
    Advance advance;
    bool stopped_loud = false;
};
template <typename AdvanceFn>
FramePlan advance_frame(Simulation& sim, double wall_dt_s, double speed, const QuietSettings& quiet,
                        const ClockLimits& limits, AdvanceFn&& advance);

// advance_to that also stops right after the first event that sends an
// interesting message or starts an election (stopped_loud = true).
AdvanceResult advance_to_while_quiet(Simulation& sim, TimeUs target_us, std::uint64_t max_events);

// ---- implementation of the template ----

template <typename AdvanceFn>
FramePlan advance_frame(Simulation& sim, double wall_dt_s, double speed, const QuietSettings& quiet,
                        const ClockLimits& limits, AdvanceFn&& advance) {
    FramePlan plan;
    if (!(wall_dt_s > 0.0) || !(speed > 0.0)) return plan;
    double wall_left_s = std::min(wall_dt_s, limits.max_frame_s);
    const double fast = quiet_speed_for(speed, quiet.quiet_speed);
    // At most a quiet stretch, then the rest of the frame at the chosen speed:
    // becoming quiet again mid-frame waits for the next frame (1/60 s later).
    if (quiet.enabled && fast > speed && is_quiet(sim)) {
        const TimeUs from_us = sim.now_us();
        const TimeUs target_us = from_us + static_cast<TimeUs>(wall_left_s * fast * 1e6 + 0.5);
        const AdvanceResult part = advance(target_us, limits.max_events, true);
        plan.events += part.advance.events;
        plan.fast_forwarded = true;
        if (part.advance.behind || !part.stopped_loud) {
            plan.behind = part.advance.behind;
            return plan;
        }
        // Loud from here on: the wall time this stretch did not use goes on at the chosen speed.
        wall_left_s -= static_cast<double>(sim.now_us() - from_us) / 1e6 / fast;
        if (wall_left_s <= 0.0) return plan;
    }
    const TimeUs target_us = sim.now_us() + static_cast<TimeUs>(wall_left_s * speed * 1e6 + 0.5);
    const AdvanceResult rest = advance(target_us, limits.max_events - plan.events, false);
    plan.events += rest.advance.events;
    plan.behind = rest.advance.behind;
    return plan;
}

}  // namespace cs::app
