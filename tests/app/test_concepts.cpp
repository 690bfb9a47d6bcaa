// The concepts strip: what it says for each situation, derived from the simulation alone.
#include <doctest/doctest.h>

#include <string>

#include "sim/simulation.h"
#include "ui/concepts.h"

using namespace cs;
using namespace cs::ui;

namespace {

Simulation started(Config config = {}) {
    Simulation sim(config);
    sim.run_until(us_from_s(2));
    return sim;
}

void run(Simulation& sim, const char* line) { REQUIRE_MESSAGE(sim.execute(line).ok, line); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The concept whose text contains `part`, or nullptr.
const Concept* find(const std::vector<Concept>& all, const std::string& part) {
    for (const Concept& c : all)
        if (contains(c.text, part)) return &c;
    return nullptr;
}

std::string dump(const std::vector<Concept>& all) {
    std::string text;
    for (const Concept& c : all) text += "[" + std::to_string(c.priority) + "] " + c.text + " -- " + c.section + "\n";
    return text;
}

}  // namespace

TEST_CASE("concepts: a quiet cluster names its leader and the heartbeats") {
    Simulation sim = started();
    const auto all = explain_now(sim);
    REQUIRE(!all.empty());
    INFO(dump(all));
    CHECK(contains(all[0].text, "follow leader 6"));
    CHECK(contains(all[0].text, "HEARTBEAT"));
    CHECK(all[0].section == kSectionBully);
}

TEST_CASE("concepts: a crashed leader, the election, the new leader") {
    Simulation sim = started();
    run(sim, "crash 6");
    auto all = explain_now(sim);
    INFO(dump(all));
    CHECK(contains(all[0].text, "Leader 6 crashed; followers notice after 3 missed heartbeats"));
    CHECK(all[0].section == kSectionBully);

    while (!sim.election_in_progress() && sim.now_us() < us_from_s(20)) sim.step();
    REQUIRE(sim.election_in_progress());
    all = explain_now(sim);
    INFO(dump(all));
    CHECK(contains(all[0].text, "Election in progress: "));
    CHECK(contains(all[0].text, "ELECTION/OK/COORDINATOR"));
    CHECK(all[0].section == kSectionBully);

    while (sim.election_in_progress() && sim.now_us() < us_from_s(30)) sim.step();
    REQUIRE(sim.agreed_leader() == 5);
    all = explain_now(sim);
    INFO(dump(all));
    const Concept* won = find(all, "Server 5 won the election");
    REQUIRE(won);
    CHECK(won->section == kSectionBully);
    const Concept* crashed = find(all, "Server 6 crashed");
    REQUIRE(crashed);
    CHECK(crashed->section == kSectionFaultTolerance);

    // Later the news is old: the crash and the quiet cluster remain.
    sim.run_until(sim.now_us() + us_from_s(10));
    all = explain_now(sim);
    INFO(dump(all));
    CHECK(!find(all, "won the election"));
    CHECK(find(all, "Server 6 crashed; leader 5"));
}

TEST_CASE("concepts: synchronous replication waits for the followers' ACKs") {
    Simulation sim = started();
    run(sim, "order PRD-1 2 via 6");
    bool seen = false;
    for (int i = 0; i < 200 && !seen; ++i) {
        sim.step();
        const auto all = explain_now(sim);
        if (const Concept* c = find(all, "replicates order #1 to 5 followers and waits for their ACKs")) {
            CHECK(contains(c->text, "Leader 6"));
            CHECK(c->section == std::string(kSectionReplication) + " (synchronous)");
            seen = true;
        }
    }
    CHECK(seen);
    // Once acknowledged, the strip says what synchronous replication bought.
    sim.run_until(sim.now_us() + us_from_ms(200));
    const auto all = explain_now(sim);
    INFO(dump(all));
    CHECK(find(all, "acknowledged order #1 after every alive follower ACKed it"));
}

TEST_CASE("concepts: a partition without quorum ends in split brain") {
    Simulation sim = started();
    run(sim, "partition 1,2,3 | 4,5,6");
    auto all = explain_now(sim);
    INFO(dump(all));
    REQUIRE(all[0].section == kSectionCap);
    CHECK(contains(all[0].text, "Network partitioned: {1,2,3} | {4,5,6}"));
    sim.run_until(sim.now_us() + us_from_s(15));
    all = explain_now(sim);
    INFO(dump(all));
    const Concept* cut = find(all, "Network partitioned");
    REQUIRE(cut);
    CHECK(contains(cut->text, "two leaders accept writes (split brain)"));
}

TEST_CASE("concepts: after a heal, two leaders until the highest takes over") {
    Simulation sim = started();
    run(sim, "partition 1,2,3 | 4,5,6");
    sim.run_until(sim.now_us() + us_from_s(15));
    run(sim, "heal");
    const auto all = explain_now(sim);
    INFO(dump(all));
    const Concept* c = find(all, "Servers 3,6 each act as leader");
    REQUIRE(c);
    CHECK(c->section == kSectionBully);
}

TEST_CASE("concepts: with quorum on, the minority side refuses writes") {
    Config config;
    config.quorum = true;
    Simulation sim = started(config);
    run(sim, "partition 1,2 | 3,4,5,6");
    const auto all = explain_now(sim);
    INFO(dump(all));
    const Concept* cut = find(all, "Network partitioned: {1,2} | {3,4,5,6}");
    REQUIRE(cut);
    CHECK(contains(cut->text, "the minority side {1,2} refuses writes"));
}

TEST_CASE("concepts: an isolated leader still believes it leads") {
    Simulation sim = started();
    run(sim, "isolate 6");
    const auto all = explain_now(sim);
    INFO(dump(all));
    const Concept* c = find(all, "Server 6 is isolated but still believes it leads");
    REQUIRE(c);
    CHECK(c->section == kSectionCap);
}

TEST_CASE("concepts: a load test names its rate and the balancing algorithm") {
    Simulation sim = started();
    run(sim, "lb least-connections");
    run(sim, "load heavy");
    sim.run_until(sim.now_us() + us_from_s(1));
    const auto all = explain_now(sim);
    INFO(dump(all));
    const Concept* c = find(all, "Load test heavy: 10 orders/s, least-connections");
    REQUIRE(c);
    CHECK(c->section == kSectionLoadBalancing);
}

TEST_CASE("concepts: the balancer still trusts a crashed follower until its health check") {
    Simulation sim = started();
    run(sim, "crash 3");
    const auto all = explain_now(sim);
    INFO(dump(all));
    const Concept* c = find(all, "still counts crashed server 3 as healthy");
    REQUIRE(c);
    CHECK(c->section == kSectionLoadBalancing);
    CHECK(find(all, "Server 3 crashed"));
}

TEST_CASE("concepts: the checker's violations are named by kind") {
    Simulation sim = started();
    run(sim, "partition 1,2,3 | 4,5,6");
    sim.run_until(sim.now_us() + us_from_s(15));
    run(sim, "order PRD-1 1 via 1");
    run(sim, "order PRD-1 1 via 6");
    sim.run_until(sim.now_us() + us_from_s(2));
    REQUIRE(!sim.checker().violations().empty());
    const auto all = explain_now(sim);
    INFO(dump(all));
    const Concept* c = find(all, "Checker: ");
    REQUIRE(c);
    CHECK(contains(c->text, "split-brain"));
    CHECK(c->section == kSectionConsistency);
}

TEST_CASE("concepts: long server lists are shortened to ranges") {
    Config config;
    config.servers = 40;
    Simulation sim = started(config);
    run(sim, "partition 1,2,3,4,5,6,7,8,9,10 | 11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40");
    const auto all = explain_now(sim);
    INFO(dump(all));
    CHECK(find(all, "Network partitioned: {1-10} | {11-40}"));
}

TEST_CASE("concepts: every server down") {
    Simulation sim = started();
    for (int id = 1; id <= 6; ++id) run(sim, ("crash " + std::to_string(id)).c_str());
    const auto all = explain_now(sim);
    INFO(dump(all));
    CHECK(contains(all[0].text, "Every server is down"));
}

TEST_CASE("concepts: sorted by priority, most important first") {
    Simulation sim = started();
    run(sim, "crash 2");
    run(sim, "partition 1,2,3 | 4,5,6");
    const auto all = explain_now(sim);
    for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i - 1].priority >= all[i].priority);
}
