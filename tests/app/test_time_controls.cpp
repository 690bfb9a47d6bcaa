// The time controls' pure logic: speed ladder, formatting, timeline mapping, seeds, marker words.
#include <doctest/doctest.h>

#include <cstdio>

#include "ui/time_controls.h"

using namespace cs;
using namespace cs::ui;

TEST_CASE("time controls: + and - walk a 1-2-5 ladder within the speed range") {
    CHECK(speed_step(0.1, +1) == doctest::Approx(0.2));
    CHECK(speed_step(0.2, +1) == doctest::Approx(0.5));
    CHECK(speed_step(0.5, +1) == doctest::Approx(1.0));
    CHECK(speed_step(0.1, -1) == doctest::Approx(0.05));
    CHECK(speed_step(0.3, +1) == doctest::Approx(0.5));   // a typed value goes to the next rung
    CHECK(speed_step(0.3, -1) == doctest::Approx(0.2));
    CHECK(speed_step(kMaxSpeed, +1) == kMaxSpeed);         // stays in range
    CHECK(speed_step(kMinSpeed, -1) == kMinSpeed);
    CHECK(speed_step(0.001, +1) == doctest::Approx(0.002));
    CHECK(speed_step(500.0, +1) == doctest::Approx(1000.0));
    // float round trips (the slider works in float) still land on the next rung
    CHECK(speed_step(static_cast<float>(0.1), +1) == doctest::Approx(0.2));
}

TEST_CASE("time controls: speeds and times read well") {
    CHECK(format_speed(0.1) == "0.1\u00d7");
    CHECK(format_speed(0.005) == "0.005\u00d7");
    CHECK(format_speed(1000.0) == "1000\u00d7");
    CHECK(format_speed(2.5) == "2.5\u00d7");
    CHECK(format_sim_time(12345678, false) == "12.346 s");
    CHECK(format_sim_time(12345678, true) == "12.345678 s");
    CHECK(format_tick(us_from_s(5), us_from_s(1)) == "5 s");
    CHECK(format_tick(us_from_s(125), us_from_s(5)) == "2:05");
    CHECK(format_tick(us_from_ms(1500), us_from_ms(500)) == "1.5 s");
    CHECK(format_tick(us_from_ms(250), us_from_ms(50)) == "0.25 s");
}

TEST_CASE("time controls: timeline pixels and simulated time map both ways") {
    TimelineView view;
    view.earliest_us = 0;
    view.latest_us = us_from_s(20);
    const TimelineRange range = timeline_range(view, us_from_s(5));
    CHECK(range.start_us == 0);
    CHECK(range.end_us == us_from_s(20));
    CHECK(time_to_x(us_from_s(5), range, 100.0f, 400.0f) == doctest::Approx(200.0f));
    CHECK(x_to_time(200.0f, range, 100.0f, 400.0f) == us_from_s(5));
    CHECK(x_to_time(0.0f, range, 100.0f, 400.0f) == 0);                 // clamped
    CHECK(x_to_time(900.0f, range, 100.0f, 400.0f) == us_from_s(20));
    // A fresh run is not a zero-width bar.
    const TimelineRange fresh = timeline_range(TimelineView{}, 0);
    CHECK(fresh.end_us == us_from_s(1));
    // Live: the end follows the current time.
    CHECK(timeline_range(view, us_from_s(25)).end_us == us_from_s(25));
}

TEST_CASE("time controls: tick spacing is round and not crowded") {
    CHECK(tick_step_us(us_from_s(20), 1000.0f, 70.0f) == us_from_s(2));
    CHECK(tick_step_us(us_from_s(3600), 1000.0f, 70.0f) == us_from_s(500));
    CHECK(tick_step_us(us_from_ms(500), 1000.0f, 70.0f) == us_from_ms(50));
}

TEST_CASE("time controls: seeds") {
    std::uint64_t seed = 0;
    CHECK(parse_seed("42", seed));
    CHECK(seed == 42);
    CHECK(parse_seed(" 7 ", seed));
    CHECK(seed == 7);
    CHECK_FALSE(parse_seed("", seed));
    CHECK_FALSE(parse_seed("4x", seed));
    CHECK_FALSE(parse_seed("-3", seed));
    CHECK_FALSE(parse_seed("99999999999999999", seed));
    const std::uint64_t a = next_seed(1);
    CHECK(a >= 1);
    CHECK(a <= 99999);
    CHECK(a != 1);
    CHECK(next_seed(1) == a);  // deterministic: no clock in the UI
    CHECK(next_seed(a) != a);
    TimeControlsState field;
    std::snprintf(field.seed_text, sizeof field.seed_text, "77");
    CHECK(seed_in_field(field, 5) == 77);
    field.seed_text[0] = '\0';
    CHECK(seed_in_field(field, 5) == 5);  // an empty field resets with the running seed
}

TEST_CASE("time controls: markers say what happened") {
    Milestone crash{us_from_s(3), MilestoneKind::Crash, 6, -1};
    CHECK(describe_milestone(crash, nullptr) == "server 6 crashed");
    Milestone elected{us_from_s(5), MilestoneKind::LeaderElected, 5, -1};
    CHECK(describe_milestone(elected, nullptr) == "server 5 elected leader");
    std::vector<Violation> violations(1);
    violations[0].kind = ViolationKind::Oversell;
    Milestone violation{us_from_s(9), MilestoneKind::Violation, 2, 0};
    CHECK(describe_milestone(violation, &violations) == "violation: oversell");
    Milestone unknown{us_from_s(9), MilestoneKind::Violation, 2, 3};
    CHECK(describe_milestone(unknown, &violations) == "violation");
}
