// The History view's geometry: which operations are on screen, rows and lanes, the time axis.
#include <doctest/doctest.h>

#include <vector>

#include "ui/history_layout.h"

using namespace cs;
using namespace cs::ui;

namespace {

Operation op(std::uint64_t id, int process, std::int32_t product, TimeUs invoke, TimeUs complete,
             Outcome outcome = Outcome::Ok) {
    Operation o;
    o.id = id;
    o.process = process;
    o.product = product;
    o.invoke_us = invoke;
    o.complete_us = complete;
    o.outcome = outcome;
    return o;
}

std::vector<std::size_t> visible(const HistoryIndex& index, const std::vector<Operation>& ops, TimeUs t0, TimeUs t1) {
    std::vector<std::size_t> out;
    index.visible(ops, t0, t1, out);
    return out;
}

}  // namespace

TEST_CASE("history layout: only operations overlapping the window are visible, open-ended ones reach every later time") {
    std::vector<Operation> ops = {
        op(1, 0, 0, 100, 200),
        op(2, 1, 0, 150, 5000, Outcome::Unknown),  // the client gave up: open-ended
        op(3, 0, 0, 300, 400),
        op(4, 2, 0, 350, 900),
        op(5, 0, 0, 1000, -1, Outcome::Unknown),  // in flight
    };
    HistoryIndex index;
    index.update(ops, 1100);
    CHECK(index.process_count() == 3);
    CHECK(index.completed() == 4);
    CHECK(visible(index, ops, 0, 99).empty());
    CHECK(visible(index, ops, 0, 120) == std::vector<std::size_t>{0});
    CHECK(visible(index, ops, 250, 320) == std::vector<std::size_t>{1, 2});
    CHECK(visible(index, ops, 500, 800) == std::vector<std::size_t>{1, 3});
    CHECK(visible(index, ops, 950, 2000) == std::vector<std::size_t>{1, 4});
    CHECK(visible(index, ops, 100000, 200000) == std::vector<std::size_t>{1, 4});

    // The operation in flight completes: the version moves, and it is no longer open-ended.
    const std::uint64_t version = index.version();
    ops[4].complete_us = 1200;
    ops[4].outcome = Outcome::Ok;
    index.update(ops, 1300);
    CHECK(index.version() != version);
    CHECK(visible(index, ops, 100000, 200000) == std::vector<std::size_t>{1});

    // A seek back: a shorter history at an earlier time starts the index over.
    std::vector<Operation> earlier(ops.begin(), ops.begin() + 2);
    earlier[1].complete_us = -1;
    index.update(earlier, 160);
    CHECK(index.completed() == 1);
    CHECK(visible(index, earlier, 150, 160) == std::vector<std::size_t>{0, 1});
}

TEST_CASE("history layout: rows by process, rows by product with a lane per overlapping operation") {
    const std::vector<Operation> ops = {
        op(1, 0, 0, 100, 300), op(2, 1, 0, 200, 400), op(3, 2, 1, 250, 260), op(4, 0, 0, 350, 500),
    };
    const std::vector<std::size_t> all = {0, 1, 2, 3};
    std::vector<int> lanes;
    const auto by_process = place_ops(ops, all, HistoryRows::ByProcess, 6, lanes, 3);
    REQUIRE(by_process.size() == 4);
    CHECK(by_process[3].row == 0);
    CHECK(by_process[2].row == 2);
    CHECK(lanes == std::vector<int>{1, 1, 1});

    const auto by_product = place_ops(ops, all, HistoryRows::ByProduct, 6, lanes, 2);
    CHECK(by_product[0].lane == 0);
    CHECK(by_product[1].lane == 1);  // overlaps 1
    CHECK(by_product[3].lane == 0);  // 1 ended at 300, before 350
    CHECK(by_product[2].row == 1);
    CHECK(lanes == std::vector<int>{2, 1});

    // At most max_lanes: the rest share the last.
    const auto crowded = place_ops(ops, all, HistoryRows::ByProduct, 1, lanes, 2);
    CHECK(crowded[1].lane == 0);
    CHECK(lanes == std::vector<int>{1, 1});
}

TEST_CASE("history layout: the time axis and zooming around a point") {
    const TimeAxis axis{1000, 3000, 10.0f, 200.0f};
    CHECK(axis.x(1000) == doctest::Approx(10.0f));
    CHECK(axis.x(2000) == doctest::Approx(110.0f));
    CHECK(axis.time(110.0f) == 2000);

    // Following: the right edge stays at now, only the span changes.
    TimeWindow follow{10'000, 0, true};
    follow = zoom_window(follow, 50'000, 0.5, 45'000, 1000, 100'000);
    CHECK(follow.span_us == 5000);
    CHECK(window_end(follow, 50'000) == 50'000);

    // Not following: the anchor stays where it was on screen (here a quarter of the way).
    TimeWindow fixed{8000, 20'000, false};
    fixed = zoom_window(fixed, 50'000, 0.5, 14'000, 1000, 100'000);
    CHECK(fixed.span_us == 4000);
    CHECK(fixed.end_us == 17'000);  // 14,000 + 3/4 of 4,000
    // Clamped to the limits.
    CHECK(zoom_window(fixed, 50'000, 1e-9, 15'000, 1000, 100'000).span_us == 1000);
    CHECK(zoom_window(fixed, 50'000, 1e9, 15'000, 1000, 100'000).span_us == 100'000);
}

TEST_CASE("history layout: following, now sits near the right edge and a short run fills the view") {
    const TimeWindow follow{10'000'000, 0, true};
    const ShownWindow long_run = shown_window(follow, 60'000'000, 0);
    CHECK(long_run.end_us - long_run.start_us == 10'000'000);
    CHECK(long_run.end_us == 61'000'000);  // a tenth of the span to the right of now
    const ShownWindow short_run = shown_window(follow, 4'500'000, 0);
    CHECK(short_run.end_us - short_run.start_us == 5'000'000);  // the 4.5 s so far and the margin
    CHECK(short_run.start_us == 0);
    const ShownWindow fixed = shown_window({2'000'000, 9'000'000, false}, 60'000'000, 0);
    CHECK(fixed.start_us == 7'000'000);
    CHECK(fixed.end_us == 9'000'000);
}

TEST_CASE("dense strips: bars too narrow to tell apart merge per lane, the worst outcome showing") {
    DenseStrips strips;
    strips.reset(2, 100.0f, 20.0f, 2.0f);  // two lanes, ten columns of 2 px from x = 100
    CHECK(strips.empty());
    CHECK(strips.runs().empty());
    strips.add(0, 100.0f, 100.5f, BarClass::Ok);  // column 0
    strips.add(0, 101.0f, 103.0f, BarClass::Ok);  // columns 0-1
    strips.add(0, 104.2f, 104.4f, BarClass::Fail);  // column 2
    strips.add(0, 105.0f, 105.5f, BarClass::Ok);    // column 2 again: the fail shows
    strips.add(1, 118.5f, 130.0f, BarClass::Unknown);  // the last column, clipped at the edge
    strips.add(1, 60.0f, 70.0f, BarClass::Ok);        // left of the axis: nothing
    CHECK_FALSE(strips.empty());
    const std::vector<DenseStrips::Run> runs = strips.runs();
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].lane == 0);
    CHECK(runs[0].x0 == doctest::Approx(100.0f));
    CHECK(runs[0].x1 == doctest::Approx(104.0f));
    CHECK(runs[0].cls == BarClass::Ok);
    CHECK(runs[1].x0 == doctest::Approx(104.0f));
    CHECK(runs[1].x1 == doctest::Approx(106.0f));
    CHECK(runs[1].cls == BarClass::Fail);
    CHECK(runs[2].lane == 1);
    CHECK(runs[2].x0 == doctest::Approx(118.0f));
    CHECK(runs[2].x1 == doctest::Approx(120.0f));
    CHECK(runs[2].cls == BarClass::Unknown);
}
