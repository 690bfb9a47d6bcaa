// The counts the lessons talk about, kept after the moment has passed: every finished
// load test of the run (`load_tests`, in the order they ran) and the last election's
// messages by type (`last_election`), checked against the event trace.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

#include "unit/helpers.h"

using namespace cs;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A field of one trace line: "kind":"send" -> send; "t_us":123 -> 123.
std::string field(const std::string& line, const std::string& key) {
    const std::string tag = "\"" + key + "\":";
    const auto at = line.find(tag);
    if (at == std::string::npos) return {};
    auto start = at + tag.size();
    if (line[start] == '"') {
        ++start;
        return line.substr(start, line.find('"', start) - start);
    }
    return line.substr(start, line.find_first_of(",}", start) - start);
}

// Every message sent (delivered or dropped on the way), by id, from the trace.
class SentMessages : public TraceSink {
public:
    struct Sent {
        TimeUs at_us;
        std::string type;
    };
    void write_line(std::string_view view) override {
        const std::string line(view);
        const std::string kind = field(line, "kind");
        if (kind != "send" && kind != "drop") return;
        const std::string id = field(line, "id");
        // A message dropped on delivery (its receiver crashed) was traced as sent first.
        if (!id.empty() && !sent.count(id)) sent[id] = {std::stoll(field(line, "t_us")), field(line, "type")};
    }
    std::map<std::string, Sent> sent;
};

}  // namespace

TEST_CASE("load_tests: every finished load test is kept, in the order it ran, with its algorithm") {
    Simulation sim;
    test::exec(sim, "run 1s\nlb round-robin\nload light\nrun 15s");
    const LoadTestSummary first = sim.clients().load_test();
    test::exec(sim, "lb least-connections\nload rate=4 duration=5s\nrun 10s");
    const LoadTestSummary second = sim.clients().load_test();
    // A third still running is not in the list yet.
    test::exec(sim, "lb power-of-two\nload medium\nrun 5s");
    const auto& kept = sim.clients().load_tests();
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].number == 1);
    CHECK(kept[1].number == 2);
    CHECK(kept[0].preset == "light");
    CHECK(kept[0].algorithm == "round-robin");
    CHECK(kept[1].algorithm == "least-connections");
    CHECK(kept[1].rate == 4.0);
    // The same numbers the current summary showed when each finished.
    CHECK(kept[0].submitted == first.submitted);
    CHECK(kept[0].acknowledged == first.acknowledged);
    CHECK(kept[0].p99_ms == first.p99_ms);
    CHECK(kept[1].acknowledged == second.acknowledged);
    CHECK(kept[1].p50_ms == second.p50_ms);
    CHECK(kept[0].latencies_us.empty());  // the sample is not kept, the percentiles are
    const std::string json = sim.state_json();
    const auto list = json.find("\"load_tests\":[");
    REQUIRE(list != std::string::npos);
    const auto one = json.find("{\"number\":1,\"preset\":\"light\",\"algorithm\":\"round-robin\"", list);
    const auto two = json.find("{\"number\":2,\"preset\":\"custom\",\"algorithm\":\"least-connections\"", list);
    CHECK(one != std::string::npos);
    CHECK(two != std::string::npos);
    CHECK(one < two);
    // The running test is the current one, with the next number.
    CHECK(contains(json, "\"load_test\":{\"number\":3,\"preset\":\"medium\",\"algorithm\":\"power-of-two\""));
    test::exec(sim, "run 20s");
    CHECK(sim.clients().load_tests().size() == 3);
}

TEST_CASE("last_election: the messages of the last election, by type, as the trace shows them sent") {
    for (const char* faults : {"crash 6", "crash 6\nat 3.2s crash 5", "crash 1\nrun 2s\nrestart 1"}) {
        Simulation sim;
        SentMessages trace;
        sim.set_trace(&trace);
        test::exec(sim, "run 2s");
        CHECK(contains(sim.state_json(), "\"last_election\":null"));
        test::exec(sim, std::string(faults) + "\nrun 15s");
        const ElectionCount& e = sim.last_election();
        INFO(faults);
        REQUIRE(e.ended_us >= 0);
        REQUIRE_FALSE(sim.election_in_progress());
        // From the trace: election messages sent since the election's start (one election
        // per run here: its late answers after the winner was agreed count too).
        std::map<std::string, std::uint64_t> by_type;
        std::uint64_t all = 0;
        TimeUs first_election_us = -1;
        for (const auto& [id, m] : trace.sent)
            if (m.type == "ELECTION" && (first_election_us < 0 || m.at_us < first_election_us)) first_election_us = m.at_us;
        CHECK(e.started_us == first_election_us);
        for (const auto& [id, m] : trace.sent) {
            if (m.at_us < e.started_us) continue;
            if (m.type == "ELECTION" || m.type == "OK" || m.type == "COORDINATOR" || m.type == "STATE_REQUEST" ||
                m.type == "STATE_REPLY") {
                ++by_type[m.type];
                ++all;
            }
        }
        MESSAGE(std::string(faults) << ": last election " << e.messages << " messages: " << e.election << " ELECTION, " << e.ok
                       << " OK, " << e.coordinator << " COORDINATOR (trace: " << all << ")");
        CHECK(e.messages == all);
        CHECK(e.election == by_type["ELECTION"]);
        CHECK(e.ok == by_type["OK"]);
        CHECK(e.coordinator == by_type["COORDINATOR"]);
        CHECK(e.state == by_type["STATE_REQUEST"] + by_type["STATE_REPLY"]);
        CHECK(e.messages == e.election + e.ok + e.coordinator + e.state);
        CHECK(e.winner == sim.agreed_leader());
        CHECK(e.election > 0);
        CHECK(e.coordinator > 0);
        const std::string json = sim.state_json();
        CHECK(contains(json, "\"last_election\":{\"messages\":" + std::to_string(e.messages) +
                                 ",\"election\":" + std::to_string(e.election) + ",\"ok\":" + std::to_string(e.ok) +
                                 ",\"coordinator\":" + std::to_string(e.coordinator)));
        CHECK(contains(json, "\"last_messages\":" + std::to_string(e.messages)));
    }
}

TEST_CASE("last_election: stays until the next election ends; the running one is counted apart") {
    Simulation sim;
    test::exec(sim, "run 2s\ncrash 6\nrun 10s");
    const ElectionCount first = sim.last_election();
    REQUIRE(first.ended_us >= 0);
    test::exec(sim, "run 20s");  // quiet: nothing changes
    CHECK(sim.last_election().messages == first.messages);
    CHECK(sim.last_election().ended_us == first.ended_us);
    test::exec(sim, "crash 5\nrun 3500ms");  // the followers suspect 5 and start electing
    REQUIRE(sim.election_in_progress());
    CHECK(sim.last_election().ended_us == first.ended_us);
    CHECK(sim.current_election().messages > 0);
    test::exec(sim, "run 10s");
    CHECK_FALSE(sim.election_in_progress());
    CHECK(sim.last_election().started_us > first.ended_us);
    CHECK(sim.last_election().winner == 4);
}
