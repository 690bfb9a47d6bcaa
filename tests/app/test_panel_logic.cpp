// The logic behind the Shop, Data, Balancer and Metrics tabs (src/ui/panel_logic.h):
// formatting, the command lines the buttons send, and what the tabs read from a real
// simulation (order outcomes and paths, stale replicas, the balancer's mistaken beliefs).
#include <doctest/doctest.h>

#include <string>

#include "sim/simulation.h"
#include "ui/panel_logic.h"

using namespace cs;
using namespace cs::ui;

namespace {

void run(Simulation& sim, const std::string& line) {
    const CommandResult r = sim.execute(line);
    REQUIRE_MESSAGE(r.ok, line << ": " << r.error);
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

TEST_CASE("money has cents and thousands separators") {
    CHECK(format_money(0) == "0.00");
    CHECK(format_money(99) == "0.99");
    CHECK(format_money(2500) == "25.00");
    CHECK(format_money(100000) == "1,000.00");
    CHECK(format_money(123456789) == "1,234,567.89");
    CHECK(format_money(-300) == "-3.00");
}

TEST_CASE("percentages and ages read like people write them") {
    CHECK(format_percent(0.25) == "25%");
    CHECK(format_percent(0.1234, 1) == "12.3%");
    CHECK(format_percent(0.0) == "0%");
    CHECK(format_age(us_from_ms(850)) == "850 ms");
    CHECK(format_age(us_from_ms(2100)) == "2.1 s");
    CHECK(format_age(us_from_s(5)) == "5 s");
    CHECK(format_age(us_from_s(65)) == "1 min 05 s");
    CHECK(format_age(-5) == "0 ms");
}

TEST_CASE("axis tops are 1, 2 or 5 times a power of ten") {
    CHECK(nice_ceiling(0.0) == 1.0);
    CHECK(nice_ceiling(3.0) == 5.0);
    CHECK(nice_ceiling(7.0) == 10.0);
    CHECK(nice_ceiling(10.0) == 10.0);
    CHECK(nice_ceiling(11.0) == 20.0);
    CHECK(nice_ceiling(150.0) == 200.0);
    CHECK(nice_ceiling(450.0) == 500.0);
    CHECK(nice_ceiling(2.0, 10.0) == 10.0);  // the floor keeps an idle plot from zooming into noise
    CHECK(nice_ceiling(0.3, 0.1) == doctest::Approx(0.5));
}

TEST_CASE("the buttons' command lines parse, bad quantities included") {
    CHECK(order_command("PRD-1", 2, kLoadBalancer) == "order PRD-1 2");
    CHECK(order_command("PRD-1", 2, 3) == "order PRD-1 2 via 3");
    CHECK(read_command("PRD-2", kLoadBalancer) == "read PRD-2");
    CHECK(read_command("PRD-2", 4) == "read PRD-2 via 4");
    CHECK(custom_load_command(50, 30) == "load rate=50 duration=30s");
    Simulation sim;
    // The leader rejects these with a reason; the UI must be able to send them.
    run(sim, order_command("PRD-1", 0, kLoadBalancer));
    run(sim, order_command("PRD-1", -1, 2));
    run(sim, read_command("PRD-3", 5));
    run(sim, custom_load_command(1000, 1));
    for (LbAlgorithm a : kLbAlgorithms) {
        run(sim, std::string("lb ") + lb_algorithm_name(a));
        CHECK(sim.load_balancer().algorithm() == a);
        CHECK(std::string(lb_algorithm_summary(a)).size() > 10);
    }
}

TEST_CASE("an acknowledged order: outcome, path through the balancer to the leader, latency, stock source") {
    Simulation sim;
    run(sim, "order PRD-1 2");
    OrderFilter filter;
    auto pending = orders_newest_first(sim.clients(), filter, 10);
    REQUIRE(pending.size() == 1);
    CHECK(order_outcome_text(*pending[0]) == "pending");
    CHECK(order_path_text(*pending[0]).empty());
    sim.run_until(us_from_s(3));
    auto done = orders_newest_first(sim.clients(), filter, 10);
    REQUIRE(done.size() == 1);
    const ClientOrder& o = *done[0];
    CHECK(o.status == OrderStatus::Acknowledged);
    CHECK(order_outcome_text(o) == "acknowledged");
    const std::string path = order_path_text(o);
    CHECK(starts_with(path, "client \u2192 LB \u2192 "));
    CHECK(path.substr(path.size() - 1) == "6");  // server 6 leads and decided it
    CHECK(stock_source(o) == 6);
    CHECK(order_latency_ms(o, sim.now_us()) > 0.0);
    CHECK(order_latency_ms(o, sim.now_us()) < 1000.0);
    const auto sources = stock_sources(sim.clients(), sim.config().catalogue.size());
    CHECK(sources[0] == 6);
    CHECK(sources[1] == kNoNode);  // nothing known about PRD-2 yet
}

TEST_CASE("an order sent straight to a follower shows the follower, then the leader") {
    Simulation sim;
    run(sim, "order PRD-1 1 via 3");
    run(sim, "order PRD-1 1 via 6");
    sim.run_until(us_from_s(3));
    auto done = orders_newest_first(sim.clients(), OrderFilter{}, 10);
    REQUIRE(done.size() == 2);
    CHECK(order_path_text(*done[1]) == "client \u2192 3 \u2192 6");
    CHECK(order_path_text(*done[0]) == "client \u2192 6");  // the leader itself: no forwarding
}

TEST_CASE("a read's stock comes from the server that answered it") {
    Simulation sim;
    run(sim, "read PRD-2 via 3");
    sim.run_until(us_from_s(1));
    const auto sources = stock_sources(sim.clients(), sim.config().catalogue.size());
    CHECK(sources[1] == 3);
    OrderFilter only_orders;
    CHECK(orders_newest_first(sim.clients(), only_orders, 10).empty());
    OrderFilter with_reads;
    with_reads.reads = true;
    auto reads = orders_newest_first(sim.clients(), with_reads, 10);
    REQUIRE(reads.size() == 1);
    CHECK(order_outcome_text(*reads[0]) == "answered");
}

TEST_CASE("a rejected order says why") {
    Simulation sim;
    run(sim, "order PRD-1 0");
    sim.run_until(us_from_s(3));
    auto done = orders_newest_first(sim.clients(), OrderFilter{}, 10);
    REQUIRE(done.size() == 1);
    CHECK(order_outcome_text(*done[0]) == std::string("rejected: ") + reason_text(Reason::BadQuantity));
}

TEST_CASE("orders are listed newest first, load test orders filtered on request") {
    Simulation sim;
    run(sim, "order PRD-1 1");
    run(sim, "load rate=10 duration=1s");
    sim.run_until(us_from_s(4));
    run(sim, "order PRD-2 1");
    OrderFilter all;
    auto orders = orders_newest_first(sim.clients(), all, 1000);
    REQUIRE(orders.size() == 12);
    for (std::size_t i = 1; i < orders.size(); ++i) CHECK(orders[i - 1]->id > orders[i]->id);
    CHECK(orders[0]->status == OrderStatus::Pending);  // the newest is still on its way
    OrderFilter user_only;
    user_only.load_test = false;
    CHECK(orders_newest_first(sim.clients(), user_only, 1000).size() == 2);
    CHECK(orders_newest_first(sim.clients(), all, 5).size() == 5);
}

TEST_CASE("the Data tab compares with the agreed leader, or the best server left") {
    Simulation sim;
    sim.run_until(us_from_s(1));
    StockReference ref = stock_reference(sim);
    CHECK(ref.server == 6);
    CHECK(ref.agreed_leader);
    run(sim, "crash 6");
    ref = stock_reference(sim);
    CHECK_FALSE(ref.agreed_leader);
    CHECK(ref.server >= 1);
    CHECK(ref.server <= 5);
    CHECK_FALSE(stock_differs(sim, ref, 6, 0));  // a crashed server is greyed, not highlighted
}

TEST_CASE("a replica that missed an order is highlighted") {
    Simulation sim;
    run(sim, "resync off");
    run(sim, "crash 3");
    sim.run_until(us_from_s(1));
    run(sim, "order PRD-1 5");
    sim.run_until(us_from_s(3));
    run(sim, "restart 3");
    sim.run_until(us_from_s(4));
    const StockReference ref = stock_reference(sim);
    REQUIRE(ref.server == 6);
    CHECK(sim.server(3).stock[0] == 100);
    CHECK(stock_differs(sim, ref, 3, 0));
    CHECK_FALSE(stock_differs(sim, ref, 2, 0));
    CHECK_FALSE(stock_differs(sim, ref, 3, 1));  // PRD-2 was never ordered
}

TEST_CASE("the balancer believes a crashed server healthy until a health check") {
    Simulation sim;
    sim.run_until(us_from_ms(5500));  // just after a health round
    CHECK(health_mismatches(sim).empty());
    run(sim, "crash 2");
    sim.run_until(us_from_ms(7600));
    auto mismatches = health_mismatches(sim);
    REQUIRE(mismatches.size() == 1);
    CHECK(mismatches[0].server == 2);
    CHECK(mismatches[0].lb_healthy);
    CHECK_FALSE(mismatches[0].alive);
    CHECK(mismatches[0].changed_at_us == us_from_ms(5500));
    const std::string text = mismatch_text(mismatches[0], sim.now_us(), sim.config().health_interval_us);
    CHECK(text.find("server 2 is healthy, but it crashed 2.1 s ago") != std::string::npos);
    sim.run_until(us_from_s(14));
    CHECK(health_mismatches(sim).empty());
    run(sim, "restart 2");
    sim.run_until(us_from_ms(14500));
    mismatches = health_mismatches(sim);
    REQUIRE(mismatches.size() == 1);
    CHECK_FALSE(mismatches[0].lb_healthy);
    CHECK(mismatch_text(mismatches[0], sim.now_us(), sim.config().health_interval_us).find("restarted 500 ms ago") !=
          std::string::npos);
}

TEST_CASE("load test progress, shares and series windows") {
    LoadTestSummary t;
    t.started_us = us_from_s(10);
    t.duration_us = us_from_s(20);
    t.running = true;
    CHECK(load_elapsed_fraction(t, us_from_s(15)) == doctest::Approx(0.25));
    CHECK(load_elapsed_fraction(t, us_from_s(40)) == doctest::Approx(1.0));
    t.running = false;
    CHECK(load_elapsed_fraction(t, us_from_s(15)) == doctest::Approx(1.0));
    CHECK(share(1, 4) == doctest::Approx(0.25));
    CHECK(share(1, 0) == 0.0);
    CHECK(series_window(3, 60).first == 0);
    CHECK(series_window(3, 60).count == 3);
    CHECK(series_window(600, 60).first == 540);
    CHECK(series_window(600, 60).count == 60);
    CHECK(metric_display(Metric::Cpu, 0.5f) == doctest::Approx(50.0));
    CHECK(metric_display(Metric::Queue, 3.0f) == doctest::Approx(3.0));
    CHECK(std::string(metric_unit(Metric::Throughput)) == "req/s");
}
