#include "app/frame_clock.h"

#include <algorithm>
#include <cmath>

namespace cs::app {

Advance advance(Simulation& sim, double wall_dt_s, double speed, const ClockLimits& limits) {
    Advance result;
    if (!(wall_dt_s > 0.0) || !(speed > 0.0)) return result;  // also rejects NaN
    const double dt_s = std::min(wall_dt_s, limits.max_frame_s);
    const auto step_us = static_cast<TimeUs>(std::llround(dt_s * speed * 1e6));
    if (step_us <= 0) return result;
    const TimeUs target = sim.now_us() + step_us;

    while (result.events < limits.max_events) {
        const TimeUs next = sim.next_event_time();
        if (next < 0 || next > target) {
            // Nothing left before the target: move the clock so dots keep gliding
            // between events.
            sim.run_until(target);
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

}  // namespace cs::app
