#include "app/frame_clock.h"

#include <algorithm>
#include <cmath>

namespace cs::app {

TimeUs frame_target(const Simulation& sim, double wall_dt_s, double speed, const ClockLimits& limits) {
    if (!(wall_dt_s > 0.0) || !(speed > 0.0)) return sim.now_us();  // also rejects NaN
    const double dt_s = std::min(wall_dt_s, limits.max_frame_s);
    const auto step_us = static_cast<TimeUs>(std::llround(dt_s * speed * 1e6));
    return sim.now_us() + std::max<TimeUs>(0, step_us);
}

Advance advance_to(Simulation& sim, TimeUs target_us, std::uint64_t max_events) {
    Advance result;
    if (target_us <= sim.now_us()) return result;
    while (result.events < max_events) {
        const TimeUs next = sim.next_event_time();
        if (next < 0 || next > target_us) {
            // Nothing left before the target: move the clock so dots keep gliding
            // between events.
            sim.run_until(target_us);
            return result;
        }
        sim.step();
        ++result.events;
    }
    // Cap hit: leave the clock at the last processed event and pick up from
    // there next frame, so no event is ever skipped.
    result.behind = true;
    return result;
}

Advance advance(Simulation& sim, double wall_dt_s, double speed, const ClockLimits& limits) {
    return advance_to(sim, frame_target(sim, wall_dt_s, speed, limits), limits.max_events);
}

}  // namespace cs::app
