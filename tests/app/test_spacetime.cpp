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

// Zoomed out (more than kDetailEvents in view) the diagram draws density strips; they
// must count what the filter lets through, as the arrows zoomed in do ("Hide heartbeats").
TEST_CASE("density strips count only the events the family filter lets through") {
    Config config;
    config.servers = 6;
    Simulation sim(config);
    sim.execute("load rate=20 duration=1m");
    sim.execute("run 45s");
    sim.execute("crash 2");  // a lane mark: counted whatever is hidden
    sim.execute("run 15s");
    const CausalStore& store = sim.causality();
    INFO("events: ", store.end_index());
    REQUIRE(store.kept_chunks().size() >= 2);  // sealed chunks too, with their per-block counts

    SpaceTimeFrame f;
    f.top = 40;
    f.height = 300;
    f.lanes = store.lanes();
    f.from_us = 0;
    f.to_us = sim.now_us() + 1000000;  // every event well inside the frame
    constexpr float kRowPx = 3.0f;
    // The reference: one event at a time, through the same filter rule.
    auto expected = [&](const bool (&hidden)[kSpaceTimeFamilies]) {
        const int rows = static_cast<int>(f.height / kRowPx);
        std::vector<std::uint32_t> counts(static_cast<std::size_t>(rows * f.lanes), 0);
        store.scan(store.first_index(), store.end_index(), [&](const CausalEvent& e) {
            if (is_message_kind(e.kind) && hidden[static_cast<int>(msg_family(e.type))]) return true;
            const int row = static_cast<int>((f.time_y(e.time_us) - f.top) / kRowPx);
            if (row >= 0 && row < rows) ++counts[static_cast<std::size_t>(row * f.lanes + e.lane)];
            return true;
        });
        return counts;
    };
    auto total = [](const std::vector<std::uint32_t>& v) {
        std::uint64_t n = 0;
        for (const std::uint32_t c : v) n += c;
        return n;
    };

    const bool nothing[kSpaceTimeFamilies] = {};
    bool heartbeats[kSpaceTimeFamilies] = {};
    heartbeats[static_cast<int>(MsgFamily::Heartbeat)] = true;
    const bool everything[kSpaceTimeFamilies] = {true, true, true, true, true};

    const DensityGrid all = density_grid(store, f, kRowPx, nothing);
    CHECK(all.rows == 100);
    CHECK(all.lanes == 7);
    CHECK(all.counts == expected(nothing));
    CHECK(total(all.counts) == store.end_index() - store.first_index());

    const DensityGrid no_heartbeats = density_grid(store, f, kRowPx, heartbeats);
    CHECK(no_heartbeats.counts == expected(heartbeats));
    CHECK(total(no_heartbeats.counts) < total(all.counts));

    // Every message family hidden: only the lane marks are left (the crash, the leader).
    const DensityGrid marks = density_grid(store, f, kRowPx, everything);
    CHECK(marks.counts == expected(everything));
    CHECK(total(marks.counts) > 0);
    CHECK(total(marks.counts) < 20);
    std::uint32_t on_server2 = 0;
    for (int r = 0; r < marks.rows; ++r) on_server2 += marks.at(r, 2);
    CHECK(on_server2 >= 1);  // its crash

    // The same with sealed chunks counted per family once (the diagram's cache), twice,
    // at both heights: 100 rows (blocks span rows) and 8 (whole blocks fit in a row).
    FamilyBlockCounts cache;
    for (const float height : {300.0f, 24.0f}) {
        f.height = height;
        for (int pass = 0; pass < 2; ++pass) {
            CAPTURE(height);
            CAPTURE(pass);
            CHECK(density_grid(store, f, kRowPx, heartbeats, &cache).counts == expected(heartbeats));
            CHECK(density_grid(store, f, kRowPx, everything, &cache).counts == expected(everything));
            CHECK(density_grid(store, f, kRowPx, nothing, &cache).counts == expected(nothing));
        }
    }
    CHECK(cache.size() == store.kept_chunks().size() - 1);  // every sealed chunk; the open one is counted anew
}
