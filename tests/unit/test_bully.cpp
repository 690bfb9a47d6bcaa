// The Bully rules, checked on the real message exchange.
#include <doctest/doctest.h>

#include "unit/helpers.h"

using namespace cs;

TEST_CASE("bully: at start the highest id leads and everyone follows it") {
    Simulation sim;
    sim.run_until(us_from_s(3));
    CHECK(sim.agreed_leader() == 6);
    for (const auto& s : sim.servers()) CHECK((s.role == Role::Leader ? s.id : s.leader) == 6);
    CHECK(sim.elections_total() == 0);
    CHECK(sim.messages_sent(MsgType::Election) == 0);
    CHECK(sim.messages_sent(MsgType::Heartbeat) > 0);  // followers heartbeat the leader
}

TEST_CASE("bully: a crashed leader is suspected after missed beats and the next id takes over") {
    Simulation sim;
    test::exec(sim, "run 2s\ncrash 6");
    // Heartbeats are 1 s apart and 3 must be missed: nobody may give up on 6 within 2 s.
    sim.run_until(us_from_s(4));
    CHECK(sim.messages_sent(MsgType::Election) == 0);
    sim.run_until(us_from_s(12));
    CHECK(sim.agreed_leader() == 5);
    CHECK(sim.server(5).epoch == 2);
    CHECK(sim.messages_sent(MsgType::Election) > 0);
    CHECK(sim.messages_sent(MsgType::ElectionOk) > 0);
    CHECK(sim.messages_sent(MsgType::Coordinator) >= 4);  // 5 tells 1..4
    CHECK(sim.elections_total() == 1);
}

TEST_CASE("bully: election messages grow quadratically with the number of servers") {
    auto messages_for = [](int n) {
        Simulation sim(test::config_with(n));
        test::exec(sim, "run 2s\ncrash " + std::to_string(n) + "\nrun 15s");
        REQUIRE(sim.agreed_leader() == n - 1);
        return sim.election_messages_last();
    };
    const auto m6 = messages_for(6), m12 = messages_for(12), m24 = messages_for(24);
    // Doubling n should roughly quadruple the count (each candidate asks every higher id).
    CHECK(m12 > 3 * m6);
    CHECK(m24 > 3 * m12);
}

TEST_CASE("bully: simultaneous elections still end with one leader, the highest alive") {
    // With 6 and 5 down, 1..4 all suspect 6 and start elections at about the same time.
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        Simulation sim(test::config_with(6, seed));
        test::exec(sim, "run 2s\ncrash 6\ncrash 5\nrun 15s");
        INFO("seed " << seed);
        CHECK(sim.agreed_leader() == 4);
        CHECK(test::count_leaders(sim) == 1);
        std::uint64_t started = 0;
        for (const auto& s : sim.servers()) started += s.elections_started;
        CHECK(started >= 2);  // several elections really ran at once
    }
}

TEST_CASE("bully: a restarted higher id syncs first, then bullies its way back in") {
    Simulation sim;
    test::exec(sim, "run 2s\ncrash 6\nrun 10s\norder PRD-1 7\nrun 2s");
    REQUIRE(sim.agreed_leader() == 5);
    CHECK(sim.server(6).stock[0] == 100);  // missed the order while down
    test::exec(sim, "restart 6\nrun 5s");
    CHECK(sim.agreed_leader() == 6);
    CHECK(sim.server(6).stock[0] == 93);  // the data came with it
    CHECK(sim.messages_sent(MsgType::SyncState) > 0);
}

TEST_CASE("bully: a server with no OK back declares itself; one with OK but no COORDINATOR retries") {
    Simulation sim;
    // Cut 5 off so its COORDINATOR never reaches the others: they got OK from 5 and must retry.
    test::exec(sim, "run 2s\ncrash 6\nrun 3.5s\nisolate 5\nrun 20s");
    CHECK(sim.agreed_leader() == kNoNode);  // 5 still believes it leads, alone
    CHECK(sim.server(4).role == Role::Leader);
    for (NodeId id : {1, 2, 3}) CHECK(sim.server(id).leader == 4);
    test::exec(sim, "heal\nrun 10s");
    CHECK(sim.agreed_leader() == 5);  // after healing, the higher id takes over again
}

TEST_CASE("bully: a crashed server neither sends nor receives") {
    Simulation sim;
    test::exec(sim, "run 1s\ncrash 3");
    const auto delivered_before = sim.event_log().total();
    (void)delivered_before;
    sim.run_until(us_from_s(10));
    bool sent_after_crash = false;
    for (std::size_t i = 0; i < sim.event_log().size(); ++i) {
        const auto& r = sim.event_log().at(i);
        if (r.time_us > us_from_s(1) && r.kind == LogKind::Delivered && (r.node == 3 || r.other == 3)) sent_after_crash = true;
    }
    CHECK_FALSE(sent_after_crash);
    CHECK_FALSE(sim.server(3).alive);
}
