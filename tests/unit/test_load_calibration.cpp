// The calibration of the queueing model against the course text's load tests
// (docs/MODEL.md, "Calibration"): Light, Medium and Heavy look light, medium and heavy
// on the busiest server, a queue forms under Heavy, and the default catalogue lasts
// through a heavy test.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "unit/helpers.h"

using namespace cs;

namespace {

struct MidTest {
    double busiest_cpu_min = 1.0;   // the lowest per-second CPU sample of the busiest server
    double busiest_cpu_mean = 0.0;
    int longest_queue = 0;          // the most requests seen waiting at any server
    double queued_fraction = 0.0;   // of the moments looked at, those with an order waiting at the leader
    NodeId busiest = kNoNode;
};

// Runs a preset from t = 1 s and watches its middle half (from a quarter of the duration
// to three quarters), every 10 ms: the live queue of every server, and the CPU the
// servers sampled at each second.
MidTest watch(const std::string& preset, int seconds, std::uint64_t seed = 1) {
    Simulation sim(test::config_with(6, seed));
    test::exec(sim, "run 1s\nload " + preset);
    const TimeUs start = sim.now_us();
    const TimeUs from = start + us_from_s(seconds) / 4, to = start + us_from_s(seconds) * 3 / 4;
    test::exec(sim, "run " + std::to_string((from - start) / 1000) + "ms");
    MidTest out;
    std::vector<double> cpu_sum(static_cast<std::size_t>(sim.server_count()), 0.0);
    std::vector<double> cpu_min(static_cast<std::size_t>(sim.server_count()), 1.0);
    int samples = 0, looks = 0, queued = 0;
    TimeUs next_second = (sim.now_us() / 1000000 + 1) * 1000000;
    while (sim.now_us() < to) {
        test::exec(sim, "run 10ms");
        ++looks;
        for (const Server& s : sim.servers()) {
            const int waiting = static_cast<int>(s.queue.size()) - (s.busy ? 1 : 0);
            out.longest_queue = std::max(out.longest_queue, waiting);
            if (s.is_leader() && waiting > 0) ++queued;
        }
        if (sim.now_us() >= next_second) {
            next_second += 1000000;
            ++samples;
            for (const Server& s : sim.servers()) {
                const auto i = static_cast<std::size_t>(s.id - 1);
                cpu_sum[i] += s.metrics.cpu;
                cpu_min[i] = std::min(cpu_min[i], s.metrics.cpu);
            }
        }
    }
    REQUIRE(samples > 0);
    out.queued_fraction = static_cast<double>(queued) / looks;
    const auto busiest = std::max_element(cpu_sum.begin(), cpu_sum.end()) - cpu_sum.begin();
    out.busiest = static_cast<NodeId>(busiest + 1);
    out.busiest_cpu_mean = cpu_sum[static_cast<std::size_t>(busiest)] / samples;
    out.busiest_cpu_min = cpu_min[static_cast<std::size_t>(busiest)];
    return out;
}

}  // namespace

TEST_CASE("calibration: Heavy keeps the busiest server above 50% CPU in mid-test, and a queue forms") {
    for (std::uint64_t seed : {1, 2, 3}) {
        const MidTest heavy = watch("heavy", 20, seed);
        INFO("seed " << seed << ": busiest S" << heavy.busiest << " mean " << heavy.busiest_cpu_mean << " min "
                     << heavy.busiest_cpu_min << ", longest queue " << heavy.longest_queue);
        MESSAGE("heavy, seed " << seed << ": busiest S" << heavy.busiest << " CPU mean " << heavy.busiest_cpu_mean
                               << " min " << heavy.busiest_cpu_min << ", longest queue " << heavy.longest_queue
                               << ", an order waiting at the leader " << heavy.queued_fraction * 100 << "% of the time");
        CHECK(heavy.busiest == 6);  // the leader: every order ends there
        CHECK(heavy.busiest_cpu_min > 0.5);
        CHECK(heavy.longest_queue >= 1);
        // Not a one-off: an order is waiting at the leader a good part of the time (light: about 1%).
        CHECK(heavy.queued_fraction > 0.05);
    }
}

TEST_CASE("calibration: Light is clearly light, Medium in between") {
    const MidTest light = watch("light", 10), medium = watch("medium", 15), heavy = watch("heavy", 20);
    INFO("busiest mean CPU: light " << light.busiest_cpu_mean << ", medium " << medium.busiest_cpu_mean << ", heavy "
                                    << heavy.busiest_cpu_mean);
    MESSAGE("busiest mean CPU in mid-test: light " << light.busiest_cpu_mean << ", medium " << medium.busiest_cpu_mean
                                                    << ", heavy " << heavy.busiest_cpu_mean << "; an order waiting at the leader "
                                                    << light.queued_fraction * 100 << "%, " << medium.queued_fraction * 100
                                                    << "%, " << heavy.queued_fraction * 100 << "% of the time");
    CHECK(light.busiest_cpu_mean < 0.25);
    CHECK(light.busiest_cpu_mean < medium.busiest_cpu_mean);
    CHECK(medium.busiest_cpu_mean < heavy.busiest_cpu_mean);
    CHECK(medium.busiest_cpu_mean < 0.5);
    // Proportional to the rate (2, 5, 10 a second): the same price per order.
    CHECK(heavy.busiest_cpu_mean / light.busiest_cpu_mean == doctest::Approx(5.0).epsilon(0.25));
}

TEST_CASE("calibration: the default catalogue lasts through a heavy test (at most 10% refused for stock)") {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        Simulation sim(test::config_with(6, seed));
        test::exec(sim, "run 1s\nload heavy\nrun 30s");
        const LoadTestSummary& t = sim.clients().load_test();
        REQUIRE(t.finished);
        const auto out_of_stock = t.rejected_by_reason[static_cast<std::size_t>(Reason::OutOfStock)];
        INFO("seed " << seed << ": " << out_of_stock << " of " << t.submitted << " refused for stock");
        MESSAGE("heavy, seed " << seed << ": " << out_of_stock << " of " << t.submitted << " refused for stock");
        CHECK(out_of_stock * 10 <= t.submitted);
    }
}
