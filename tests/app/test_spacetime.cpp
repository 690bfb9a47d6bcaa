// The space-time diagram's geometry (ui/spacetime_layout.h) and its JSON for the page
// (app/exports.h: window.clustersim.spacetime).
#include <doctest/doctest.h>

#include <string>

#include "app/exports.h"
#include "ui/spacetime_layout.h"

using namespace cs;
using namespace cs::ui;

TEST_CASE("space-time frame: lanes side by side, time down, and back") {
    SpaceTimeFrame f;
    f.left = 100;
    f.top = 50;
    f.width = 700;
    f.height = 400;
    f.lanes = 7;
    f.from_us = 1000000;
    f.to_us = 3000000;
    CHECK(f.lane_x(0) == doctest::Approx(150));
    CHECK(f.lane_x(6) == doctest::Approx(750));
    CHECK(f.lane_at(f.lane_x(3)) == 3);
    CHECK(f.lane_at(-50) == 0);
    CHECK(f.lane_at(5000) == 6);
    CHECK(f.time_y(1000000) == doctest::Approx(50));
    CHECK(f.time_y(2000000) == doctest::Approx(250));
    CHECK(f.time_at(250) == 2000000);
}

TEST_CASE("zooming keeps the time under the pointer in place, within the limits") {
    TimeUs span = 2000000;
    const TimeUs from = zoom_about(1000000, span, 0.5, 1500000);  // pointer a quarter down
    CHECK(span == 1000000);
    CHECK(from == 1250000);  // 1.5 s is still a quarter down
    TimeUs tiny = kMinSpanUs;
    zoom_about(0, tiny, 0.1, 0);
    CHECK(tiny == kMinSpanUs);
    TimeUs huge = kMaxSpanUs;
    zoom_about(0, huge, 10, 0);
    CHECK(huge == kMaxSpanUs);
}

TEST_CASE("distance to an arrow") {
    CHECK(distance_to_segment(5, 5, 0, 0, 10, 0) == doctest::Approx(5));
    CHECK(distance_to_segment(-3, 4, 0, 0, 10, 0) == doctest::Approx(5));  // beyond the end: to the end point
    CHECK(distance_to_segment(5, 0, 0, 0, 10, 0) == doctest::Approx(0));
}

TEST_CASE("the page's spacetime() JSON: events with clocks, and the selection's relations") {
    Config config;
    config.servers = 3;
    Simulation sim(config);
    sim.execute("run 2s");
    CausalCone cone;
    const std::string plain = app::spacetime_json(sim, 0, 2000000, 5, nullptr);
    CHECK(plain.find("\"hosts\":[\"clients\",\"server1\",\"server2\",\"server3\"]") != std::string::npos);
    CHECK(plain.find("\"selected\":null") != std::string::npos);
    CHECK(plain.find("\"truncated\":true") != std::string::npos);  // more than 5 events in 2 s
    CHECK(plain.find("\"vc\":[0,1,0,0]") != std::string::npos);    // server 1's first event
    REQUIRE(cone.select(sim.causality(), 3));
    const std::string selected = app::spacetime_json(sim, 0, 2000000, 5000, &cone);
    CHECK(selected.find("\"selected\":3") != std::string::npos);
    CHECK(selected.find("\"rel\":\"past\"") != std::string::npos);
    CHECK(selected.find("\"rel\":\"future\"") != std::string::npos);
    CHECK(selected.find("\"rel\":\"selected\"") != std::string::npos);
}
