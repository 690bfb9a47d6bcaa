#pragma once
// Turns wall-clock frame time into simulated time. Kept apart from the
// platform code so that its limits are unit-tested.
#include <cstdint>

#include "sim/simulation.h"

namespace cs::app {

struct ClockLimits {
    // A frame longer than this (a tab in the background, a debugger stop, a slow
    // machine) counts as this long: the simulation then runs slower than the
    // chosen speed instead of trying to catch up and never drawing again.
    double max_frame_s = 0.1;
    // Events processed per frame at most. At a high speed under heavy load the
    // simulation would otherwise take longer than a frame to catch up.
    std::uint64_t max_events = 20000;
};

struct Advance {
    std::uint64_t events = 0;
    bool behind = false;  // the event cap was hit: simulated time lags the clock
};

// Advances `sim` by wall_dt_s x speed of simulated time, within `limits`.
Advance advance(Simulation& sim, double wall_dt_s, double speed, const ClockLimits& limits = {});

// The simulated time a frame of wall_dt_s at `speed` should reach (now if none).
TimeUs frame_target(const Simulation& sim, double wall_dt_s, double speed, const ClockLimits& limits = {});

// Advances `sim` to `target_us`, processing at most max_events events; stops
// at the last processed event (behind = true) when the cap is hit.
Advance advance_to(Simulation& sim, TimeUs target_us, std::uint64_t max_events);

}  // namespace cs::app
