// The load balancer's algorithms, each measured on real traffic: reads through the
// balancer at Poisson times (a read is served by the server that gets it, so what
// is measured is the balancing, not replication).
#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>

#include "unit/helpers.h"
#include "unit/traffic.h"

using namespace cs;

namespace {

std::uint64_t spread(const std::vector<std::uint64_t>& v) {
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    return *hi - *lo;
}

std::vector<std::uint64_t> minus(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    std::vector<std::uint64_t> out(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) out[i] = a[i] - b[i];
    return out;
}

double share(const std::vector<std::uint64_t>& v, NodeId id) {
    const auto total = std::accumulate(v.begin(), v.end(), std::uint64_t{0});
    return total ? static_cast<double>(v[static_cast<std::size_t>(id - 1)]) / static_cast<double>(total) : 0;
}

// Sends one read through the balancer and returns the server it went to.
NodeId route_one(Simulation& sim) {
    const auto before = test::routed(sim);
    test::exec(sim, "read PRD-1\nrun 100ms");
    const auto diff = minus(test::routed(sim), before);
    for (std::size_t i = 0; i < diff.size(); ++i)
        if (diff[i] == 1) return static_cast<NodeId>(i + 1);
    return kNoNode;
}

struct AlgorithmRun {
    double p50_ms = 0, p99_ms = 0;
    double slow_share = 0;
};

// Poisson reads through the balancer with server 2 slowed down; same seed for every algorithm.
AlgorithmRun with_slow_server(const std::string& algorithm, const std::string& slow_factor, double rate) {
    Simulation sim;
    test::exec(sim, "lb " + algorithm + "\nslow 2 " + slow_factor + "\nrun 1s");
    const auto before = test::routed(sim);
    test::LatencyHarvest harvest;
    test::poisson_commands(sim, "read PRD-1", rate, us_from_s(120), 2024, [&](Simulation& s) { harvest.collect(s); });
    test::exec(sim, "run 5s");
    harvest.collect(sim);
    CHECK(harvest.not_acknowledged == 0);
    AlgorithmRun out;
    out.p50_ms = harvest.percentile(50);
    out.p99_ms = harvest.percentile(99);
    out.slow_share = share(minus(test::routed(sim), before), 2);
    MESSAGE(algorithm << " with server 2 slowed x" << slow_factor << " at " << rate << " reads/s: p50 " << out.p50_ms
                      << " ms, p99 " << out.p99_ms << " ms, share of the slow server " << out.slow_share * 100 << "% ("
                      << harvest.latencies_ms.size() << " reads)");
    return out;
}

}  // namespace

TEST_CASE("lb: round robin is within one of even, and skips a server it believes down") {
    Simulation sim;
    test::poisson_commands(sim, "read PRD-1", 50, us_from_s(25), 1);
    const auto first = test::routed(sim);
    MESSAGE("round robin, 6 servers: routed " << first[0] << " " << first[1] << " " << first[2] << " " << first[3] << " "
                                               << first[4] << " " << first[5]);
    CHECK(std::accumulate(first.begin(), first.end(), std::uint64_t{0}) > 1000);
    CHECK(spread(first) <= 1);

    // Server 3 crashes; once a health check has failed it is out of the rotation.
    test::exec(sim, "crash 3\nrun 7s");
    REQUIRE_FALSE(sim.load_balancer().server(3).healthy);
    const auto before = test::routed(sim);
    test::poisson_commands(sim, "read PRD-1", 50, us_from_s(20), 2);
    auto later = minus(test::routed(sim), before);
    CHECK(later[2] == 0);
    later.erase(later.begin() + 2);
    CHECK(spread(later) <= 1);
}

TEST_CASE("lb: weighted is smooth weighted round robin, exactly proportional over a cycle") {
    Simulation sim(test::config_with(3));
    test::exec(sim, "weight 1 3\nweight 2 2\nweight 3 3\nlb weighted\nrun 1s");
    // One cycle of 3+2+3 = 8: A C B A C B A C, the heavy servers' turns spread out.
    std::vector<NodeId> order;
    for (int i = 0; i < 8; ++i) order.push_back(route_one(sim));
    CHECK(order == std::vector<NodeId>{1, 3, 2, 1, 3, 2, 1, 3});
    CHECK(test::routed(sim) == std::vector<std::uint64_t>{3, 2, 3});
    // Whole cycles stay exact under real (concurrent) traffic.
    test::poisson_commands(sim, "read PRD-1", 40, us_from_s(200), 3);
    auto r = test::routed(sim);
    const auto total = std::accumulate(r.begin(), r.end(), std::uint64_t{0});
    MESSAGE("weighted 3:2:3 after " << total << " requests: " << r[0] << " " << r[1] << " " << r[2]);
    const std::uint64_t cycles = total / 8, rest = total % 8;
    // Within the unfinished cycle, no server is more than its weight ahead.
    CHECK(r[0] >= 3 * cycles);
    CHECK(r[0] <= 3 * cycles + std::min<std::uint64_t>(3, rest));
    CHECK(r[1] >= 2 * cycles);
    CHECK(r[1] <= 2 * cycles + std::min<std::uint64_t>(2, rest));
    CHECK(r[2] >= 3 * cycles);
    // Complete the cycle by hand: then it is exact.
    while ((r[0] + r[1] + r[2]) % 8 != 0) {
        route_one(sim);
        r = test::routed(sim);
    }
    const auto full = (r[0] + r[1] + r[2]) / 8;
    CHECK(r == std::vector<std::uint64_t>{3 * full, 2 * full, 3 * full});
}

TEST_CASE("lb: weighted over six servers with weights 3 2 3 1 1 1") {
    Simulation sim;
    test::exec(sim, "weight 1 3\nweight 2 2\nweight 3 3\nlb weighted\nrun 1s");
    for (int i = 0; i < 110; ++i) route_one(sim);
    CHECK(test::routed(sim) == std::vector<std::uint64_t>{30, 20, 30, 10, 10, 10});
}

TEST_CASE("lb: least connections prefers the idle server") {
    SUBCASE("two servers hold long requests: the idle one takes everything meanwhile") {
        Simulation sim(test::config_with(3));
        test::exec(sim, "lb least-connections\nslow 1 1000\nslow 2 1000\nrun 1s");  // reads on 1 and 2 take 2 s
        // Ties rotate: the first three go to 1, 2 and 3.
        CHECK(route_one(sim) == 1);
        CHECK(route_one(sim) == 2);
        CHECK(route_one(sim) == 3);
        // 1 and 2 are each busy with one request for 2 s; 3 is idle again at once.
        for (int i = 0; i < 12; ++i) CHECK(route_one(sim) == 3);
    }
    SUBCASE("under load with one slow server it takes far less than round robin gives it") {
        auto slow_share = [](const char* algorithm) {
            Simulation sim(test::config_with(3));
            test::exec(sim, std::string("lb ") + algorithm + "\nslow 1 40\nrun 1s");
            test::poisson_commands(sim, "read PRD-1", 30, us_from_s(60), 4);
            return share(test::routed(sim), 1);
        };
        const double rr = slow_share("round-robin"), lc = slow_share("least-connections");
        MESSAGE("server 1 slowed x40: round robin gives it " << rr * 100 << "%, least connections " << lc * 100 << "%");
        CHECK(rr == doctest::Approx(1.0 / 3).epsilon(0.02));
        // Connections seen by the balancer include the network round trip, which hides much
        // of a service time difference: the effect is real but not total.
        CHECK(lc < 0.75 * rr);
    }
}

TEST_CASE("lb: least response time moves traffic off a server that became slow, and back when it recovers") {
    Simulation sim;
    test::exec(sim, "lb least-response-time\nrun 1s");
    auto phase = [&](std::uint64_t seed) {
        const auto before = test::routed(sim);
        test::poisson_commands(sim, "read PRD-1", 60, us_from_s(30), seed);
        return share(minus(test::routed(sim), before), 2);
    };
    const double before = phase(1);
    test::exec(sim, "slow 2 20");
    const double slow = phase(2);
    test::exec(sim, "slow 2 1");
    const double recovered = phase(3);
    MESSAGE("least response time, server 2's share: " << before * 100 << "% normal, " << slow * 100 << "% while slowed x20, "
                                                       << recovered * 100 << "% after it recovered");
    CHECK(before > 0.10);
    CHECK(slow < 0.04);
    CHECK(recovered > 0.10);
    // The balancer's view shows why.
    CHECK(sim.load_balancer().server(2).has_response);
}

TEST_CASE("lb: power of two choices beats round robin's p99 when one server is slow") {
    // Server 2 serves reads 30 times slower (60 ms instead of 2). Round robin still gives
    // it a sixth of 90 reads/s, which keeps it 90% busy: its queue makes the tail. Power of
    // two sees its extra connections and sends it less. (A read's four network hops of
    // 5..20 ms dominate the rest, so a server only a little slow hardly shows in the p99.)
    SUBCASE("slow server 90% busy under round robin") {
        const AlgorithmRun rr = with_slow_server("round-robin", "30", 90);
        const AlgorithmRun p2c = with_slow_server("power-of-two", "30", 90);
        const AlgorithmRun lc = with_slow_server("least-connections", "30", 90);
        const AlgorithmRun lrt = with_slow_server("least-response-time", "30", 90);
        CHECK(rr.slow_share == doctest::Approx(1.0 / 6).epsilon(0.01));
        CHECK(p2c.slow_share < 0.75 * rr.slow_share);
        CHECK(p2c.p99_ms < 0.8 * rr.p99_ms);  // clearly, not by noise
        CHECK(lc.p99_ms < 0.8 * rr.p99_ms);
        CHECK(lrt.p99_ms < 0.8 * rr.p99_ms);
        CHECK(p2c.p50_ms <= rr.p50_ms + 1);  // the median does not pay for it
    }
    SUBCASE("slow server saturated under round robin") {
        const AlgorithmRun rr = with_slow_server("round-robin", "20", 150);
        const AlgorithmRun p2c = with_slow_server("power-of-two", "20", 150);
        CHECK(p2c.p99_ms < 0.5 * rr.p99_ms);
    }
}

TEST_CASE("lb: power of two choices spreads evenly when all servers are equal") {
    Simulation sim;
    test::exec(sim, "lb power-of-two");
    test::poisson_commands(sim, "read PRD-1", 100, us_from_s(60), 5);
    const auto r = test::routed(sim);
    for (NodeId id = 1; id <= 6; ++id) CHECK(share(r, id) == doctest::Approx(1.0 / 6).epsilon(0.10));
}

TEST_CASE("lb: switching algorithm at any time takes effect on the next request") {
    Simulation sim(test::config_with(3));
    test::exec(sim, "run 1s");
    CHECK(route_one(sim) == 1);
    CHECK(route_one(sim) == 2);
    test::exec(sim, "weight 3 5\nlb weighted");
    CHECK(route_one(sim) == 3);  // the heaviest goes first
    test::exec(sim, "lb round-robin");
    CHECK(route_one(sim) == 3);  // the ring cursor kept its place
    CHECK(route_one(sim) == 1);
    CHECK(sim.load_balancer().algorithm() == LbAlgorithm::RoundRobin);
}
