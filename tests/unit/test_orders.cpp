// Orders: validation at the leader, forwarding, deduplication, sync vs async.
#include <doctest/doctest.h>

#include "unit/helpers.h"

using namespace cs;

namespace {
const ClientOrder* find_order(const Simulation& sim, std::uint64_t id) {
    for (const auto& o : sim.clients().recent())
        if (o.id == id) return &o;
    return nullptr;
}
}  // namespace

TEST_CASE("orders: the leader validates and says why it rejects") {
    Simulation sim;
    test::exec(sim, "run 1s\norder NOPE 1\norder PRD-1 0\norder PRD-1 -4\norder PRD-8 6\norder PRD-8 5\nrun 3s");
    CHECK(sim.clients().totals().submitted == 5);
    CHECK(sim.clients().totals().rejected == 4);
    CHECK(sim.clients().totals().acknowledged == 1);
    REQUIRE(find_order(sim, 1));
    CHECK(find_order(sim, 1)->reason == Reason::UnknownProduct);
    CHECK(find_order(sim, 2)->reason == Reason::BadQuantity);
    CHECK(find_order(sim, 3)->reason == Reason::BadQuantity);
    CHECK(find_order(sim, 4)->reason == Reason::OutOfStock);
    CHECK(find_order(sim, 5)->status == OrderStatus::Acknowledged);
    for (const auto& s : sim.servers()) CHECK(s.stock[7] == 0);
}

TEST_CASE("orders: a follower forwards to the leader and the path shows it") {
    Simulation sim;
    test::exec(sim, "run 1s\norder PRD-1 1 via 2\nrun 2s");
    const ClientOrder* o = find_order(sim, 1);
    REQUIRE(o);
    CHECK(o->status == OrderStatus::Acknowledged);
    CHECK(o->entry_server() == 2);
    CHECK(o->leader() == 6);
}

TEST_CASE("orders: sync replication answers only after every follower holds the order") {
    Simulation sim;
    test::exec(sim, "run 1s\norder PRD-1 5 via 6");
    // Step until the client has its answer; then every server must already hold it.
    while (sim.clients().totals().acknowledged == 0) REQUIRE(sim.step());
    for (const auto& s : sim.servers()) CHECK(s.stock[0] == 95);
}

TEST_CASE("orders: async replication answers first, so a stale read is possible") {
    Simulation sim;
    test::exec(sim, "replication async\nlatency 50ms..50ms\nrun 1s\norder PRD-1 5 via 6");
    while (sim.clients().totals().acknowledged == 0) REQUIRE(sim.step());
    CHECK(sim.server(6).stock[0] == 95);
    // The client heard back after one round trip; followers get the entry at the same time
    // at the earliest, so at least one has not applied it when the ack is in.
    int stale = 0;
    for (const auto& s : sim.servers()) stale += s.stock[0] == 100 ? 1 : 0;
    CHECK(stale > 0);
    test::exec(sim, "run 2s\nexpect converged\nexpect stock PRD-1 95");
}

TEST_CASE("orders: a retry with the same order id is never applied twice") {
    // A client timeout shorter than a round trip through the leader: it retries the same id.
    Config c;
    c.client_timeout_us = us_from_ms(30);
    c.client_attempts = 10;
    Simulation fast_retry(c);
    test::exec(fast_retry, "run 1s\norder PRD-1 5 via 3\nrun 3s");
    const ClientOrder* o = find_order(fast_retry, 1);
    REQUIRE(o);
    CHECK(o->attempts > 1);  // it really retried
    CHECK(o->status == OrderStatus::Acknowledged);
    for (const auto& s : fast_retry.servers()) {
        CHECK(s.stock[0] == 95);
        CHECK(s.log.size() == 1);
    }
}

TEST_CASE("orders: a follower that does not answer is marked down and skipped (sync)") {
    Simulation sim;
    test::exec(sim, "run 1s\ndrop 6->2\norder PRD-1 1 via 6\nrun 2s");
    CHECK(sim.clients().totals().acknowledged == 1);
    bool marked = false;
    for (std::size_t i = 0; i < sim.event_log().size(); ++i) {
        const auto& r = sim.event_log().at(i);
        marked = marked || (r.kind == LogKind::PeerDown && r.node == 6 && r.other == 2 && r.a == 0);
    }
    CHECK(marked);
    // The next heartbeat from 2 brings it back and catches it up.
    test::exec(sim, "run 3s\nexpect converged\nexpect stock PRD-1 99");
}

TEST_CASE("orders: reads are served by whichever server gets them") {
    Simulation sim;
    test::exec(sim, "run 1s\norder PRD-2 4\nrun 2s\nread PRD-2 via 1\nrun 1s");
    CHECK(sim.clients().stock_seen()[1] == 46);
    CHECK(sim.clients().stock_seen_from()[1] == 1);
}

TEST_CASE("orders: during an election clients are told why, and retry") {
    Simulation sim;
    test::exec(sim, "run 1s\ncrash 6\nrun 4.2s\norder PRD-1 1 via 1\nrun 10s");
    const ClientOrder* o = find_order(sim, 1);
    REQUIRE(o);
    // Either it waited out the election and succeeded, or it says why it did not.
    if (o->status != OrderStatus::Acknowledged) CHECK(o->reason != Reason::None);
    CHECK(o->attempts >= 1);
}

TEST_CASE("orders: through the load balancer the path names every hop, and the shop's stock names who answered") {
    Simulation sim;
    test::exec(sim, "run 1s\norder PRD-1 1\nrun 2s");
    const ClientOrder* o = find_order(sim, 1);
    REQUIRE(o);
    REQUIRE(o->path_length >= 3);
    CHECK(o->path[0] == kClients);
    CHECK(o->path[1] == kLoadBalancer);
    CHECK(o->entry_server() == o->path[2]);
    CHECK(o->leader() == 6);
    CHECK(sim.clients().stock_seen_from()[0] == 6);  // the leader's answer carried the stock
}
