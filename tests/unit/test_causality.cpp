// The causal event store (sim/causality.h) and the ShiViz export (sim/shiviz.h).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "helpers.h"
#include "sim/causal_cone.h"
#include "sim/scenario.h"
#include "sim/shiviz.h"

namespace cs {
namespace {

Simulation run_course_scenario(const std::string& name) {
    const std::string path = std::string(CLUSTERSIM_SCENARIO_DIR) + "/" + name;
    std::ifstream in(path);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    Scenario scenario;
    std::string error;
    REQUIRE_MESSAGE(parse_scenario(text.str(), path, scenario, error), error);
    Simulation sim(scenario.config);
    const ScenarioOutcome outcome = run_scenario(scenario, sim, path);
    REQUIRE(outcome.error.empty());
    return sim;
}

// Vector clocks computed the textbook way, event by event with a full clock kept for
// every message: what decode()'s chunk checkpoints must reproduce.
std::vector<std::vector<std::uint32_t>> naive_clocks(const CausalStore& store) {
    const auto lanes = static_cast<std::size_t>(store.lanes());
    std::vector<std::vector<std::uint32_t>> lane(lanes, std::vector<std::uint32_t>(lanes, 0)), out;
    std::map<std::uint64_t, std::vector<std::uint32_t>> sent;
    store.scan(store.first_index(), store.end_index(), [&](const CausalEvent& e) {
        auto& c = lane[static_cast<std::size_t>(e.lane)];
        ++c[static_cast<std::size_t>(e.lane)];
        if (e.kind == CausalKind::Deliver && sent.count(e.message_id))
            for (std::size_t k = 0; k < lanes; ++k) c[k] = std::max(c[k], sent[e.message_id][k]);
        if (e.kind == CausalKind::Send && e.lost == DropReason::None) sent[e.message_id] = c;
        out.push_back(c);
        return true;
    });
    return out;
}

}  // namespace

TEST_CASE("the ShiViz export of every course scenario passes the clock test") {
    int checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(CLUSTERSIM_SCENARIO_DIR)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("course_", 0) != 0 || entry.path().extension() != ".scn") continue;
        const Simulation sim = run_course_scenario(name);
        const std::string log = shiviz_log(sim.causality());
        INFO(name);
        CHECK(verify_shiviz_log(log) == "");
        CHECK(sim.causality().end_index() > 30);
        ++checked;
    }
    CHECK(checked >= 5);
}

TEST_CASE("the ShiViz clock test fails on a planted bug") {
    const Simulation sim = run_course_scenario("course_leader_crash.scn");
    const std::string log = shiviz_log(sim.causality());
    REQUIRE(verify_shiviz_log(log) == "");

    SUBCASE("a delivery that forgets what its send knew") {
        // Keep only the receiver's own component on the first delivery whose clock has more.
        std::istringstream in(log);
        std::string out, line, previous;
        bool planted = false;
        while (std::getline(in, line)) {
            if (!planted && previous.find(" deliver ") != std::string::npos && line.find(", ") != std::string::npos) {
                line = line.substr(0, line.find(", ")) + "}";
                planted = true;
            }
            out += line + "\n";
            previous = line;
        }
        REQUIRE(planted);
        CHECK(verify_shiviz_log(out).find("does not dominate its send") != std::string::npos);
    }
    SUBCASE("a host that skips a tick") {
        std::string broken = log;
        const std::size_t at = broken.find("server1 {\"server1\": 2");
        REQUIRE(at != std::string::npos);
        broken.replace(at, 22, "server1 {\"server1\": 3");
        CHECK(verify_shiviz_log(broken).find("own component is 3, expected 2") != std::string::npos);
    }
}

TEST_CASE("decoded clocks equal clocks computed event by event, across chunks") {
    Simulation sim(test::config_with(16, 7));
    test::exec(sim, "load heavy\nrun 12s\ncrash 2\npartition 1,3 | 4,5,6\nrun 5s\nheal\nrestart 2\nrun 8s");
    const CausalStore& store = sim.causality();
    REQUIRE(store.end_index() > 2 * CausalStore::kChunkEvents);  // several chunks, each from its own checkpoint
    const auto expected = naive_clocks(store);
    std::size_t i = 0, mismatches = 0;
    store.decode(store.first_index(), store.end_index(), [&](const CausalEvent&, const std::uint32_t* clock) {
        if (!std::equal(clock, clock + store.lanes(), expected[i].begin())) ++mismatches;
        ++i;
        return true;
    });
    CHECK(i == expected.size());
    CHECK(mismatches == 0);
    // A window in the middle of a chunk decodes the same clocks as the whole run.
    const std::uint64_t mid = store.first_index() + CausalStore::kChunkEvents + 1234;
    CHECK(store.clock_of(mid) == expected[mid - store.first_index()]);
    CHECK(store.index_at_or_after(sim.now_us() + 1) == store.end_index());
    // The highlight's cone (no clocks) agrees with the clocks, before and after more events.
    CausalCone cone;
    for (const std::uint64_t picked : {mid, store.first_index() + 5, store.end_index() - 40}) {
        REQUIRE(cone.select(store, picked));
        const auto& p = expected[picked - store.first_index()];
        const int lane = [&] {
            int l = -1;
            store.scan(picked, picked + 1, [&](const CausalEvent& e) { l = e.lane; return false; });
            return l;
        }();
        std::size_t wrong = 0, past = 0, future = 0;
        store.scan(store.first_index(), store.end_index(), [&](const CausalEvent& e) {
            const auto& c = expected[e.index - store.first_index()];
            CausalRelation want = CausalRelation::Concurrent;
            if (e.index == picked) want = CausalRelation::Selected;
            else if (happened_before(c.data(), e.lane, p.data(), store.lanes())) want = CausalRelation::Past;
            else if (happened_before(p.data(), lane, c.data(), store.lanes())) want = CausalRelation::Future;
            past += want == CausalRelation::Past;
            future += want == CausalRelation::Future;
            if (cone.relation(e) != want) ++wrong;
            return true;
        });
        CHECK(wrong == 0);
        CHECK(past + future > 0);
    }
    MESSAGE("16 servers, heavy load: " << store.end_index() << " events in " << sim.now_us() / 1000000 << " s, "
                                      << store.bytes_used() / store.end_index() << " bytes per event");
}

TEST_CASE("same seed, same causal events; a copy of the simulation goes on the same way") {
    Simulation a(test::config_with(5, 3)), b(test::config_with(5, 3));
    test::exec(a, "load heavy\nrun 5s\ncrash 5\nrun 4s");
    test::exec(b, "load heavy\nrun 5s");
    Simulation copy(b);  // what the app's time-travel checkpoints do
    test::exec(b, "crash 5\nrun 4s");
    test::exec(copy, "crash 5\nrun 4s");
    const std::string log = shiviz_log(a.causality());
    CHECK(log == shiviz_log(b.causality()));
    CHECK(log == shiviz_log(copy.causality()));
}

TEST_CASE("the election of the course, in happens-before") {
    const Simulation sim = run_course_scenario("course_leader_crash.scn");
    const CausalStore& store = sim.causality();
    // The crash of server 6 happens before server 5's COORDINATOR to server 1? No: 5 never
    // hears from the dead 6 after the crash. But it happens before nothing on 5: concurrent.
    std::uint64_t crash = 0, coordinator = 0;
    store.scan(store.first_index(), store.end_index(), [&](const CausalEvent& e) {
        if (e.kind == CausalKind::Crash && e.lane == 6) crash = e.index;
        if (crash && !coordinator && e.kind == CausalKind::Send && e.type == MsgType::Coordinator && e.lane == 5)
            coordinator = e.index;
        return true;
    });
    REQUIRE(crash > 0);
    REQUIRE(coordinator > crash);
    const auto c_crash = store.clock_of(crash), c_coord = store.clock_of(coordinator);
    CHECK_FALSE(happened_before(c_crash.data(), 6, c_coord.data(), store.lanes()));
    CHECK_FALSE(happened_before(c_coord.data(), 5, c_crash.data(), store.lanes()));
    // Everything server 5 did before the COORDINATOR happened before it.
    std::uint64_t earlier_on_5 = 0;
    store.scan(store.first_index(), coordinator, [&](const CausalEvent& e) {
        if (e.lane == 5) earlier_on_5 = e.index;
        return true;
    });
    CHECK(happened_before(store.clock_of(earlier_on_5).data(), 5, c_coord.data(), store.lanes()));
}

}  // namespace cs
