// The queueing model against hand-computed cases. One server, reads sent straight
// to it at Poisson times of rate lambda, each served in a fixed time S: an M/D/1 queue.
// Its utilisation is lambda*S, its mean wait (Pollaczek-Khinchine) rho*S / (2(1 - rho)),
// and its queue grows without bound only when lambda*S > 1, and is then refused at
// its bound.
#include <doctest/doctest.h>

#include <algorithm>

#include "sim/metrics.h"
#include "unit/helpers.h"
#include "unit/traffic.h"

using namespace cs;

namespace {

constexpr TimeUs kServiceUs = us_from_ms(10);

Config one_queue_config() {
    Config c;
    c.service_read_us = kServiceUs;
    return c;
}

struct QueueRun {
    double cpu_total = 0;        // busy time / elapsed time
    double cpu_samples_mean = 0; // mean of the per-second CPU metric
    std::uint64_t requests = 0;
    std::uint64_t refused = 0;
    int max_waiting = 0;
    double mean_response_ms = 0; // the server's own: queue wait + service
    std::size_t responses = 0;
};

// Poisson reads to server 1 at `rate` for `duration`; measures server 1.
QueueRun run_reads(Simulation& sim, double rate, TimeUs duration_us, std::uint64_t seed = 7) {
    QueueRun out;
    const TimeUs start_us = sim.now_us();
    const TimeUs busy_before = sim.server(1).metrics.busy_us_total;
    const std::size_t samples_before = sim.server(1).metrics.cpu_series.size();
    TimeUs harvested_us = start_us;
    double response_sum = 0;
    auto between = [&](Simulation& s) {
        const Server& server = s.server(1);
        out.max_waiting = std::max(out.max_waiting, static_cast<int>(server.queue.size()) - (server.busy ? 1 : 0));
        const auto& ring = server.metrics.recent_responses;
        for (std::size_t i = 0; i < ring.size(); ++i) {
            const ResponseSample r = ring.at(i);
            if (r.done_us <= harvested_us) continue;
            response_sum += r.response_ms;
            ++out.responses;
        }
        harvested_us = s.now_us();
    };
    test::poisson_commands(sim, "read PRD-1 via 1", rate, duration_us, seed, between);
    const auto& m = sim.server(1).metrics;
    out.cpu_total = static_cast<double>(m.busy_us_total - busy_before) / static_cast<double>(sim.now_us() - start_us);
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t i = samples_before; i < m.cpu_series.size(); ++i, ++n) sum += m.cpu_series.at(i);
    out.cpu_samples_mean = n ? sum / static_cast<double>(n) : 0;
    out.requests = m.requests;
    out.refused = m.refused;
    out.mean_response_ms = out.responses ? response_sum / static_cast<double>(out.responses) : 0;
    return out;
}

}  // namespace

TEST_CASE("queueing: measured CPU is lambda*S over a long run") {
    for (const double rate : {20.0, 50.0, 80.0}) {
        Simulation sim(one_queue_config());
        const QueueRun r = run_reads(sim, rate, us_from_s(600));
        const double expected = rate * ms_from_us(kServiceUs) / 1000.0;
        MESSAGE("lambda=" << rate << "/s S=10ms: lambda*S=" << expected << " measured busy fraction=" << r.cpu_total
                          << " mean per-second cpu=" << r.cpu_samples_mean << " (" << r.requests << " reads)");
        // Exactly: every request served costs S, nothing else runs on this server.
        CHECK(sim.server(1).metrics.busy_us_total <= static_cast<TimeUs>(r.requests) * kServiceUs);
        CHECK(sim.server(1).metrics.busy_us_total > static_cast<TimeUs>(r.requests - 1) * kServiceUs);
        // Statistically: Poisson arrivals at lambda, within a few percent.
        CHECK(r.cpu_total == doctest::Approx(expected).epsilon(0.04));
        CHECK(r.cpu_samples_mean == doctest::Approx(expected).epsilon(0.04));
        CHECK(r.refused == 0);
    }
}

TEST_CASE("queueing: mean response at rho=0.8 matches M/D/1 (Pollaczek-Khinchine)") {
    Simulation sim(one_queue_config());
    const double rate = 80, s_ms = ms_from_us(kServiceUs), rho = rate * s_ms / 1000;
    const double expected_ms = s_ms + rho * s_ms / (2 * (1 - rho));  // 10 + 20 = 30 ms
    const QueueRun r = run_reads(sim, rate, us_from_s(900), 11);
    MESSAGE("M/D/1 rho=0.8: expected response " << expected_ms << " ms, measured " << r.mean_response_ms << " ms over "
                                                << r.responses << " reads; longest wait line " << r.max_waiting);
    CHECK(r.mean_response_ms == doctest::Approx(expected_ms).epsilon(0.10));
    CHECK(r.refused == 0);
    CHECK(r.max_waiting < sim.config().queue_limit);
}

TEST_CASE("queueing: below capacity the queue stays short; above it grows to the bound and is refused there") {
    const int limit = one_queue_config().queue_limit;
    SUBCASE("lambda*S = 0.9: bounded, nothing refused") {
        Simulation sim(one_queue_config());
        const QueueRun r = run_reads(sim, 90, us_from_s(120), 3);
        MESSAGE("rho=0.9: longest wait line " << r.max_waiting << ", refused " << r.refused);
        CHECK(r.refused == 0);
        CHECK(r.max_waiting < limit);
    }
    SUBCASE("lambda*S = 1.5: grows at lambda - mu, then refused at the bound") {
        Simulation sim(one_queue_config());
        // The first half second: arrivals 150/s, departures 100/s, so about 25 waiting.
        const QueueRun early = run_reads(sim, 150, us_from_ms(500), 5);
        MESSAGE("rho=1.5: " << early.max_waiting << " waiting after 0.5 s (lambda - mu = 50/s)");
        CHECK(early.max_waiting >= 10);
        CHECK(early.max_waiting <= 45);
        const QueueRun r = run_reads(sim, 150, us_from_s(120), 6);
        const Server& s = sim.server(1);
        const double excess = (150.0 - 100.0) * 120.0;  // arrivals beyond what it can serve
        MESSAGE("rho=1.5 for 120 s: longest wait line " << r.max_waiting << " (bound " << limit << "), refused "
                                                         << r.refused << " (expected about " << excess << "), cpu "
                                                         << r.cpu_total);
        CHECK(r.max_waiting == limit);  // reaches the bound and never passes it
        CHECK(static_cast<double>(r.refused) == doctest::Approx(excess).epsilon(0.06));
        CHECK(r.cpu_total > 0.99);
        CHECK(s.metrics.health < 40);  // saturated, queue full, a third refused
        CHECK(s.metrics.error_rate > 0.2);
        // The refusals reached the clients with the reason.
        bool saw_reason = false;
        for (const auto& o : sim.clients().recent()) saw_reason = saw_reason || o.reason == Reason::QueueFull;
        CHECK(saw_reason);
    }
}

TEST_CASE("queueing: weight divides the service time, slow multiplies it") {
    auto cpu_with = [](const char* setup) {
        Simulation sim(one_queue_config());
        test::exec(sim, setup);
        const QueueRun r = run_reads(sim, 20, us_from_s(300), 9);
        // Identity: busy time is the requests times the scaled service time.
        return std::make_pair(r.cpu_total, static_cast<double>(sim.server(1).metrics.busy_us_total) /
                                               static_cast<double>(sim.server(1).metrics.requests));
    };
    const auto base = cpu_with("run 0s");
    const auto heavy = cpu_with("weight 1 2");
    const auto slow = cpu_with("slow 1 3");
    const auto both = cpu_with("weight 1 2\nslow 1 3");
    MESSAGE("lambda=20/s S=10ms: cpu " << base.first << " (weight 2: " << heavy.first << ", slow 3: " << slow.first
                                       << ", both: " << both.first << ")");
    CHECK(base.second == doctest::Approx(10000));
    CHECK(heavy.second == doctest::Approx(5000));
    CHECK(slow.second == doctest::Approx(30000));
    CHECK(both.second == doctest::Approx(15000));
    CHECK(base.first == doctest::Approx(0.2).epsilon(0.05));
    CHECK(heavy.first == doctest::Approx(0.1).epsilon(0.05));
    CHECK(slow.first == doctest::Approx(0.6).epsilon(0.05));
}

TEST_CASE("queueing: slow S 1 restores normal speed, and the change applies to the next request") {
    Simulation sim(one_queue_config());
    test::exec(sim, "slow 1 4\nread PRD-1 via 1\nrun 1s");
    CHECK(sim.server(1).metrics.busy_us_total == 4 * kServiceUs);
    test::exec(sim, "slow 1 1\nread PRD-1 via 1\nrun 1s");
    CHECK(sim.server(1).metrics.busy_us_total == 5 * kServiceUs);
    CHECK(sim.config().slow_factor_of(1) == 1.0);
}

TEST_CASE("queueing: the price list: a sync write costs the leader write + replicate + a confirm per follower") {
    Simulation sim;  // default costs: read 2 ms, write 8 ms, replicate 3 ms, confirm 14 ms per follower
    const Config& c = sim.config();
    const TimeUs sync_write = c.service_write_us + c.service_replicate_us + 5 * c.service_confirm_us;
    test::exec(sim, "run 1s\norder PRD-1 1 via 6\nrun 1s");
    CHECK(sim.clients().totals().acknowledged == 1);
    CHECK(sim.server(6).metrics.busy_us_total == sync_write);
    for (NodeId id = 1; id <= 5; ++id) CHECK(sim.server(id).metrics.busy_us_total == c.service_replicate_us);
    // Through a follower: it forwards (a read's price), the leader writes, everyone replicates.
    test::exec(sim, "order PRD-1 1 via 2\nrun 1s");
    CHECK(sim.server(2).metrics.busy_us_total == c.service_read_us + 2 * c.service_replicate_us);
    CHECK(sim.server(6).metrics.busy_us_total == 2 * sync_write);
    // A read is the cheap one.
    test::exec(sim, "read PRD-1 via 3\nrun 1s");
    CHECK(sim.server(3).metrics.busy_us_total == c.service_read_us + 2 * c.service_replicate_us);
    // Async: the leader answers without waiting for anyone, and pays no confirmation.
    test::exec(sim, "replication async\norder PRD-1 1 via 6\nrun 1s");
    CHECK(sim.server(6).metrics.busy_us_total == 2 * sync_write + c.service_write_us + c.service_replicate_us);
    // Sync with a follower marked down: one confirmation fewer.
    test::exec(sim, "replication sync\ncrash 1\norder PRD-1 1 via 6\nrun 2s\norder PRD-1 1 via 6\nrun 1s");
    const TimeUs four_followers = c.service_write_us + c.service_replicate_us + 4 * c.service_confirm_us;
    // The first order after the crash still asks server 1 (not yet marked down), the second does not.
    CHECK(sim.server(6).metrics.busy_us_total ==
          3 * sync_write + c.service_write_us + c.service_replicate_us + four_followers);
}

TEST_CASE("queueing: metrics go quiet when the traffic stops; series are bounded") {
    Simulation sim(one_queue_config());
    run_reads(sim, 50, us_from_s(20));
    const auto& m = sim.server(1).metrics;
    CHECK(m.cpu > 0.2);
    CHECK(m.throughput > 20);
    CHECK(m.response_mean_ms >= 10);
    CHECK(m.response_p95_ms >= m.response_mean_ms);
    test::exec(sim, "run 7s");  // longer than the 5 s response window
    CHECK(m.cpu == 0);
    CHECK(m.throughput == 0);
    CHECK(m.response_mean_ms == 0);
    CHECK(m.response_p95_ms == 0);
    CHECK(m.health == 100);
    test::exec(sim, "run 11m");
    CHECK(m.cpu_series.size() == kSeriesSeconds);
    CHECK(m.memory_series.size() == kSeriesSeconds);
    CHECK(m.recent_responses.size() <= decltype(m.recent_responses)::capacity());
}

TEST_CASE("queueing: the health score formula and memory model") {
    CHECK(health_score(0, 0, 0) == 100);
    CHECK(health_score(1, 1, 1) == 0);
    CHECK(health_score(0.5, 0, 0) == 80);
    CHECK(health_score(0, 0.5, 0) == 85);
    CHECK(health_score(0, 0, 0.5) == 85);
    CHECK(health_score(2, -1, 0) == 60);  // inputs are clamped to 0..1
    CHECK(memory_model_mb(0, 0, 0) == 64.0);
    CHECK(memory_model_mb(1024, 64, 512) == doctest::Approx(64.0 + 1 + 1 + 1));
}

TEST_CASE("parser: slow S FACTOR") {
    ParseContext pc;
    Command c;
    std::string error;
    REQUIRE(parse_command("slow 2 10", pc, c, error));
    CHECK(c.verb == Verb::Slow);
    CHECK(c.node == 2);
    CHECK(c.fraction == 10.0);
    REQUIRE(parse_command("at 3s slow 4 2.5", pc, c, error));
    CHECK(c.at_us == us_from_s(3));
    CHECK(c.fraction == 2.5);
    const std::pair<const char*, const char*> bad[] = {
        {"slow", "expected 'slow S FACTOR'"},
        {"slow 2", "expected 'slow S FACTOR'"},
        {"slow 2 3 4", "expected 'slow S FACTOR'"},
        {"slow 9 2", "no server 9 (servers are 1..6)"},
        {"slow x 2", "expected a server id, got 'x'"},
        {"slow 2 0.5", "slow factor must be a number from 1 to 1000 (1 is normal speed), got '0.5'"},
        {"slow 2 1001", "slow factor must be a number from 1 to 1000"},
        {"slow 2 fast", "slow factor must be a number from 1 to 1000"},
        {"slow 2 -3", "slow factor must be a number from 1 to 1000"},
    };
    for (const auto& [line, message] : bad) {
        INFO(line);
        CHECK_FALSE(parse_command(line, pc, c, error));
        CHECK(error.find(message) != std::string::npos);
    }
    Simulation sim;
    const CommandResult r = sim.execute("slow 7 2");
    CHECK_FALSE(r.ok);
    CHECK(sim.config().slow_factor_of(1) == 1.0);
}
