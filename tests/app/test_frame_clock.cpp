#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "app/frame_clock.h"

using cs::app::advance;
using cs::app::ClockLimits;

TEST_CASE("a frame advances simulated time by wall time x speed") {
    cs::Simulation sim;
    advance(sim, 0.016, 1.0);
    CHECK(sim.now_us() == 16000);
    advance(sim, 0.5 / 10.0, 0.1);  // 50 ms at 0.1x
    CHECK(sim.now_us() == 21000);
}

TEST_CASE("a long frame is clamped instead of catching up") {
    cs::Simulation sim;
    ClockLimits limits;
    limits.max_frame_s = 0.1;
    advance(sim, 30.0, 1.0, limits);  // a tab that was in the background for 30 s
    CHECK(sim.now_us() == 100000);
}

TEST_CASE("no time passes for a zero, negative or NaN frame or speed") {
    cs::Simulation sim;
    advance(sim, 0.0, 1.0);
    advance(sim, -1.0, 1.0);
    advance(sim, std::numeric_limits<double>::quiet_NaN(), 1.0);
    advance(sim, 0.016, 0.0);
    CHECK(sim.now_us() == 0);
    CHECK(sim.events_processed() == 0);
}

TEST_CASE("the event cap leaves the clock at the last event and skips nothing") {
    cs::Simulation capped;
    cs::Simulation free_running;
    ClockLimits limits;
    limits.max_events = 5;
    limits.max_frame_s = 10.0;
    const auto first = advance(capped, 10.0, 1.0, limits);  // 10 simulated seconds hold far more than 5 events
    CHECK(first.behind);
    CHECK(first.events == 5);
    CHECK(capped.now_us() < 10'000'000);

    // Frame after frame, the capped run processes the same events in the same order.
    while (capped.now_us() < 10'000'000) advance(capped, 10.0, 1.0, limits);
    free_running.run_until(capped.now_us());
    CHECK(capped.trace_hash() == free_running.trace_hash());
}
