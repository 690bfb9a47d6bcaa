// The page's frame benchmark: statistics, workload sequencing, the URL parameter.
#include <doctest/doctest.h>

#include "app/frame_bench.h"
#include "app/host.h"
#include "app/seek_bench.h"

using namespace cs;
using namespace cs::app;

TEST_CASE("frame bench: mean and nearest-rank 95th percentile") {
    std::vector<double> ms;
    for (int i = 1; i <= 100; ++i) ms.push_back(i);
    const FrameStats s = summarize_frames(ms);
    CHECK(s.frames == 100);
    CHECK(s.mean_ms == doctest::Approx(50.5));
    CHECK(s.p95_ms == 95.0);
    CHECK(s.max_ms == 100.0);
    CHECK(summarize_frames({}).frames == 0);
    CHECK(summarize_frames({3.0}).p95_ms == 3.0);
}

TEST_CASE("frame bench: runs each workload for its frames, then reports") {
    Host host(StartOptions{});
    FrameBench bench({{"a", "servers 3\n", us_from_s(1), 1.0, 3, 0}, {"b", "servers 5\n", us_from_s(2), 2.0, 2, 1}});
    bench.before_frame(host);
    CHECK(host.sim().server_count() == 3);
    CHECK(host.sim().now_us() == us_from_s(1));
    for (int i = 0; i < 3; ++i) {
        bench.before_frame(host);
        bench.after_frame({1.0 + i, 0.5, 0.25, 0.25});
    }
    CHECK_FALSE(bench.done());
    bench.before_frame(host);
    CHECK(host.sim().server_count() == 5);
    CHECK(host.playback().speed == 2.0);
    bench.after_frame({99.0, 1.0, 1.0, 1.0});  // the warm-up frame: not counted
    bench.before_frame(host);
    bench.after_frame({4.0, 1.0, 2.0, 1.0});
    bench.before_frame(host);
    bench.after_frame({6.0, 3.0, 2.0, 1.0});
    CHECK(bench.done());
    CHECK(bench.results_json() ==
          "{\"a\":{\"mean_ms\":2.000,\"p95_ms\":3.000,\"max_ms\":3.000,\"frames\":3,"
          "\"parts_mean_ms\":{\"tick\":0.500,\"build\":0.250,\"render\":0.250}},"
          "\"b\":{\"mean_ms\":5.000,\"p95_ms\":6.000,\"max_ms\":6.000,\"frames\":2,"
          "\"parts_mean_ms\":{\"tick\":2.000,\"build\":2.000,\"render\":1.000}}}");
    CHECK(bench.summary() == "frame benchmark: a 2.00 ms mean, 3.00 ms p95; b 5.00 ms mean, 6.00 ms p95");
}

TEST_CASE("frame bench: bench=1 is taken out of the query, the rest kept as it was") {
    std::string q = "?seed=4&bench=1&speed=0.5";
    CHECK(take_bench_param(q));
    CHECK(q == "?seed=4&speed=0.5");
    q = "?bench=1";
    CHECK(take_bench_param(q));
    CHECK(q.empty());
    q = "?seed=4";
    CHECK_FALSE(take_bench_param(q));
    CHECK(q == "?seed=4");
    q = "?bench=0&seed=1";
    CHECK_FALSE(take_bench_param(q));
    CHECK(q == "?seed=1");
}

TEST_CASE("seek bench: names the seek that took longest") {
    // A fake clock: every seek takes 1 ms except the seek to the 7th target, which takes 30.
    // (Once, the slowest seek was always reported as the last one: its record was compared
    // with a maximum filled in only at the end.)
    const std::vector<TimeUs> targets = SeekBench::targets();
    double clock_ms = 0;
    int reads = 0;
    std::size_t seek = 0;  // the seek being timed, 0 = reaching the hour
    SeekBench bench({{"quiet", "servers 3\n"}}, [&] {
        // Each seek reads the clock twice (start, end); the end read adds the seek's duration.
        if (reads++ % 2 == 1) clock_ms += (seek == 7 ? 30.0 : 1.0), ++seek;
        return clock_ms;
    });
    Host host(StartOptions{});
    while (!bench.done()) bench.frame(host);
    REQUIRE(bench.stats().size() == 1);
    const SeekStats& s = bench.stats().front();
    CHECK(s.seeks == static_cast<int>(targets.size()));
    CHECK(s.max_ms == 30.0);
    CHECK(s.worst_target_us == targets[6]);
    CHECK(host.sim().now_us() == targets.back());
}
