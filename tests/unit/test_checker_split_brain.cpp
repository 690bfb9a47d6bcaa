// The checker's split-brain rule, on hand-made servers: two leaders count only when
// both accepted writes while both were leading and had them acknowledged.
#include <doctest/doctest.h>

#include "sim/checker.h"

using namespace cs;

namespace {
Server leader(NodeId id, TimeUs since_us) {
    Server s;
    s.id = id;
    s.alive = true;
    s.role = Role::Leader;
    s.leader = id;
    s.leader_since_us = since_us;
    return s;
}
void committed(Server& s, TimeUs accepted_us, TimeUs at_us) {
    s.last_commit_accepted_us = accepted_us;
    s.last_commit_us = at_us;
}
}  // namespace

TEST_CASE("checker: a stale leader finishing a write it accepted before the new leader is not split brain") {
    Config config;
    config.servers = 3;
    Checker checker;
    checker.reset(config);
    std::vector<Server> servers = {Server{}, leader(2, us_from_s(10)), leader(3, us_from_s(30))};
    servers[0].id = 1;
    // Server 2 accepted a write at 29 s, before server 3 led; its ack came late, at 31 s.
    committed(servers[1], us_from_s(29), us_from_s(31));
    // Server 3, leading since 30 s, commits a write it accepted at 32 s.
    committed(servers[2], us_from_s(32), us_from_s(32));
    checker.on_commit(servers[2], servers, us_from_s(32), 7);
    CHECK_FALSE(checker.has(ViolationKind::SplitBrain));

    // Now server 2 commits a write it accepted at 33 s, while server 3 leads: that is split brain.
    committed(servers[1], us_from_s(33), us_from_s(34));
    checker.on_commit(servers[1], servers, us_from_s(34), 8);
    REQUIRE(checker.has(ViolationKind::SplitBrain));
    CHECK(checker.violations().front().servers == std::vector<NodeId>{2, 3});
}

TEST_CASE("checker: two leaders accepting and committing at the same time are split brain, whoever commits last") {
    Config config;
    config.servers = 6;
    Checker checker;
    checker.reset(config);
    std::vector<Server> servers(6);
    for (int i = 0; i < 6; ++i) servers[static_cast<std::size_t>(i)].id = i + 1;
    servers[2] = leader(3, us_from_s(8));
    servers[5] = leader(6, 0);
    committed(servers[5], us_from_s(9), us_from_s(9));   // 6 (the old side) accepts after 3 leads
    committed(servers[2], us_from_s(10), us_from_s(10));
    checker.on_commit(servers[2], servers, us_from_s(10), 3);
    CHECK(checker.has(ViolationKind::SplitBrain));
}
