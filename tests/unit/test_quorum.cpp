// Quorum on: epochs, promises, majorities (the CP design done right).
#include <doctest/doctest.h>

#include "unit/helpers.h"

using namespace cs;

TEST_CASE("quorum: a new leader collects state from a majority and adopts the newest") {
    Simulation sim;
    // 6 leads; 5 misses an order (drop), then 6 crashes once the order is acknowledged (its
    // 81 ms write and the majority's ACKs take under 200 ms): 5 must adopt it from the others.
    test::exec(sim, "quorum on\nrun 1s\ndrop 6->5\norder PRD-1 3 via 6\nrun 200ms\ncrash 6\nrun 10s");
    CHECK(sim.agreed_leader() == 5);
    CHECK(sim.clients().totals().acknowledged == 1);
    CHECK(sim.server(5).stock[0] == 97);
    CHECK(sim.messages_sent(MsgType::StateRequest) > 0);
    CHECK(sim.checker().violations().empty());
}

TEST_CASE("quorum: the minority side refuses writes, with the reason") {
    Simulation sim;
    test::exec(sim, "quorum on\nrun 1s\npartition 1,2 | 3,4,5,6\nrun 8s\norder PRD-1 1 via 1\nrun 10s");
    REQUIRE(sim.clients().recent().size() == 1);
    const ClientOrder& o = sim.clients().recent().back();
    CHECK(o.status == OrderStatus::Rejected);
    CHECK(o.reason == Reason::NoQuorum);
    CHECK(sim.server(1).stock[0] == 100);
}

TEST_CASE("quorum: an even split leaves neither side able to write") {
    Simulation sim;
    test::exec(sim, "quorum on\nrun 1s\npartition 1,2,3 | 4,5,6\nrun 8s\norder PRD-1 1 via 2\norder PRD-1 1 via 5\nrun 10s");
    CHECK(sim.clients().totals().acknowledged == 0);
    CHECK(sim.checker().violations().empty());
}

TEST_CASE("quorum: followers reject a leader from an older epoch") {
    Simulation sim;
    // 6 is cut off while 1..5 elect 5 in a newer epoch. 6 still thinks it leads (epoch 1);
    // when it comes back, its writes are refused and it steps down.
    test::exec(sim, "quorum on\nrun 1s\nisolate 6\nrun 10s");
    CHECK(sim.server(5).role == Role::Leader);
    CHECK(sim.server(6).role == Role::Leader);
    CHECK(sim.server(5).epoch > sim.server(6).epoch);
    test::exec(sim, "order PRD-3 1 via 6\nrun 3s");
    CHECK(sim.clients().totals().acknowledged == 0);  // 6 cannot reach a majority
    test::exec(sim, "heal\nrun 10s");
    CHECK(sim.agreed_leader() == 6);
    CHECK(sim.server(6).epoch > 2);
    test::exec(sim, "expect converged\nexpect no-violations");
}

TEST_CASE("quorum: no split brain and no oversell over many seeds with partitions") {
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        Simulation sim(test::config_with(6, seed));
        test::exec(sim,
                   "quorum on\nrun 1s\nload rate=20 duration=25s\nat 3s partition 1,2,3 | 4,5,6\nat 8s heal\n"
                   "at 10s partition 1,5 | 2,3,4,6\nat 15s crash 6\nat 17s heal\nat 19s restart 6\nrun 50s");
        INFO("seed " << seed);
        CHECK(sim.checker().violations().empty());
        CHECK(sim.agreed_leader() != kNoNode);
    }
}
