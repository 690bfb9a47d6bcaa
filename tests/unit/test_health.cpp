// Health monitoring: the balancer checks every server with a real message every
// health interval, scores it, takes a server that did not answer out of the
// rotation and puts it back after its next good check.
#include <doctest/doctest.h>

#include <cmath>

#include "sim/metrics.h"
#include "unit/helpers.h"
#include "unit/traffic.h"

using namespace cs;

namespace {

// Notes, event by event, when the balancer routed to server `watched`, and when it
// last changed its mind about the server's health.
struct RoutingWatch {
    NodeId watched = 1;
    std::uint64_t last_count = 0;
    TimeUs last_routed_us = -1;
    TimeUs first_routed_us = -1;
    TimeUs healthy_since_us = -1;
    void start(const Simulation& sim) { last_count = sim.load_balancer().server(watched).routed; }
    void operator()(const Simulation& sim) {
        const auto& v = sim.load_balancer().server(watched);
        if (v.routed != last_count) {
            last_routed_us = sim.now_us();
            if (first_routed_us < 0) first_routed_us = sim.now_us();
            last_count = v.routed;
        }
        if (!v.healthy) healthy_since_us = -1;
        else if (healthy_since_us < 0) healthy_since_us = sim.now_us();
    }
};

}  // namespace

TEST_CASE("health: a crashed server stops receiving traffic within one check interval plus one request timeout") {
    Simulation sim;
    const Config& c = sim.config();
    test::poisson_commands(sim, "read PRD-1", 40, us_from_ms(12300), 1);
    const TimeUs crash_us = sim.now_us();
    test::exec(sim, "crash 3");
    // What the balancer believes and what is true differ for a moment.
    CHECK_FALSE(sim.server(3).alive);
    CHECK(sim.load_balancer().server(3).healthy);
    RoutingWatch watch;
    watch.watched = 3;
    watch.start(sim);
    test::poisson_commands(sim, "read PRD-1", 40, us_from_s(20), 2, [&](const Simulation& s) { watch(s); }, true);
    const TimeUs bound_us = c.health_interval_us + c.client_timeout_us;
    MESSAGE("crashed at " << ms_from_us(crash_us) << " ms; last routed to at " << ms_from_us(watch.last_routed_us)
                          << " ms, " << ms_from_us(watch.last_routed_us - crash_us) << " ms later (bound: check interval + "
                          << "request timeout = " << ms_from_us(bound_us) << " ms)");
    CHECK(watch.last_routed_us > crash_us);  // it did get traffic it never answered: the belief lagged
    CHECK(watch.last_routed_us - crash_us <= bound_us);
    CHECK_FALSE(sim.load_balancer().server(3).healthy);
    CHECK(sim.load_balancer().server(3).health == 0);
    CHECK_FALSE(sim.load_balancer().server(3).answered_last);
    // The reads it swallowed were retried by the clients through the balancer and answered elsewhere.
    test::exec(sim, "run 10s");
    CHECK(sim.clients().pending().empty());
    for (const auto& o : sim.clients().recent()) CHECK(o.status == OrderStatus::Acknowledged);
}

TEST_CASE("health: a restarted server gets traffic again after its next good check, not before") {
    Simulation sim;
    const Config& c = sim.config();
    test::exec(sim, "run 2s\ncrash 3\nrun 10s");
    REQUIRE_FALSE(sim.load_balancer().server(3).healthy);
    test::exec(sim, "run 1.7s");  // restart between two checks
    const TimeUs restart_us = sim.now_us();
    test::exec(sim, "restart 3");
    CHECK(sim.server(3).alive);
    CHECK_FALSE(sim.load_balancer().server(3).healthy);  // alive, but the balancer does not know yet
    const std::uint64_t round = sim.load_balancer().health_round();
    RoutingWatch watch;
    watch.watched = 3;
    watch.start(sim);
    const std::uint64_t routed_before = watch.last_count;
    test::poisson_commands(sim, "read PRD-1", 40, us_from_s(12), 3, [&](const Simulation& s) { watch(s); }, true);
    REQUIRE(watch.healthy_since_us > 0);
    REQUIRE(watch.first_routed_us > 0);
    MESSAGE("restarted at " << ms_from_us(restart_us) << " ms; back in the rotation at " << ms_from_us(watch.healthy_since_us)
                            << " ms (next check); first routed to at " << ms_from_us(watch.first_routed_us) << " ms");
    CHECK(sim.load_balancer().health_round() > round);
    CHECK(watch.first_routed_us >= watch.healthy_since_us);
    CHECK(watch.healthy_since_us - restart_us <= c.health_interval_us + 2 * c.latency_us_max);
    CHECK(watch.first_routed_us - watch.healthy_since_us < us_from_ms(500));
    CHECK(sim.load_balancer().server(3).routed - routed_before > 50);  // and it takes its share again
}

TEST_CASE("health: the score reflects CPU, queue depth, errors and whether it answered") {
    Config c;
    c.service_read_us = us_from_ms(10);
    Simulation sim(c);
    // Server 1 about 60% busy, server 2 overloaded (refusing), server 4 crashed, the rest idle.
    test::exec(sim, "run 1s\ncrash 4");
    Rng rng(5);
    double t1 = static_cast<double>(sim.now_us()), t2 = t1;
    t1 += -std::log(1.0 - rng.unit()) * 1e6 / 60;
    t2 += -std::log(1.0 - rng.unit()) * 1e6 / 150;
    while (std::min(t1, t2) < static_cast<double>(us_from_s(30))) {
        const bool first = t1 < t2;
        sim.run_until(static_cast<TimeUs>(first ? t1 : t2));
        test::exec(sim, first ? "read PRD-1 via 1" : "read PRD-1 via 2");
        (first ? t1 : t2) += -std::log(1.0 - rng.unit()) * 1e6 / (first ? 60 : 150);
    }
    const auto& lb = sim.load_balancer();
    const auto& m1 = sim.server(1).metrics;
    const auto& m2 = sim.server(2).metrics;
    MESSAGE("health: busy server 1 (cpu " << m1.cpu << ") " << m1.health << "; overloaded server 2 (cpu " << m2.cpu
                                          << ", " << m2.queue_depth << " waiting, error rate " << m2.error_rate << ") "
                                          << m2.health << "; idle server 3 " << sim.server(3).metrics.health
                                          << "; crashed server 4 (balancer's score) " << lb.server(4).health);
    CHECK(sim.server(3).metrics.health == 100);
    CHECK(m1.health == health_score(m1.cpu, static_cast<double>(m1.queue_depth) / c.queue_limit, m1.error_rate));
    CHECK(m1.health < 90);
    CHECK(m1.health > 60);
    CHECK(m2.health < 30);
    CHECK(m2.error_rate > 0.2);
    CHECK(m2.queue_depth > c.queue_limit / 2);
    // The balancer's view: what the server reported at its last check, 0 for no answer.
    CHECK(lb.server(3).health == 100);
    CHECK(lb.server(1).health < 90);
    CHECK(lb.server(2).health < 30);
    CHECK(lb.server(4).health == 0);
    CHECK_FALSE(lb.server(4).healthy);
    CHECK(lb.server(2).healthy);  // overloaded but answering: still in the rotation
    CHECK(lb.server(2).reported_cpu > 0.9);
}

TEST_CASE("health: checks go out every interval as real messages; nowhere healthy is a clear refusal") {
    Simulation sim(test::config_with(3));
    test::exec(sim, "run 31s");
    CHECK(sim.load_balancer().health_round() == 6);
    CHECK(sim.messages_sent(MsgType::HealthCheck) == 18);
    CHECK(sim.messages_sent(MsgType::HealthReply) == 18);
    test::exec(sim, "crash 1\ncrash 2\ncrash 3\nrun 6s\norder PRD-1 1\nrun 1s");
    CHECK(sim.clients().totals().rejected == 1);
    REQUIRE(sim.clients().last_finished());
    CHECK(sim.clients().last_finished()->reason == Reason::NoHealthyServer);
    CHECK(sim.load_balancer().no_healthy_rejections() == 1);
}
