// Copies of the simulation share the large stores (sim/shared_chunks.h) until they are
// written: a change after the copy must never show in the other copy.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/scenario.h"
#include "sim/shared_chunks.h"
#include "unit/helpers.h"

using namespace cs;

namespace {

// Plenty of stock, so every order is written to every replica's log (the large state).
Simulation writes_run() {
    Scenario setup;
    std::string error;
    REQUIRE_MESSAGE(parse_scenario("product PLENTY-A stock=100000000 price=1\n"
                                   "product PLENTY-B stock=100000000 price=2\n",
                                   "setup", setup, error),
                    error);
    Simulation sim(setup.config);
    test::exec(sim, "load rate=60 duration=240s\n");
    return sim;
}

std::vector<std::vector<LogEntry>> logs(const Simulation& sim) {
    std::vector<std::vector<LogEntry>> out;
    for (const Server& s : sim.servers()) out.push_back(s.log.to_vector());
    return out;
}

bool same_entries(const std::vector<LogEntry>& a, const std::vector<LogEntry>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].order_id != b[i].order_id || a[i].epoch != b[i].epoch || a[i].created_us != b[i].created_us)
            return false;
    return true;
}

}  // namespace

TEST_CASE("shared chunks: a copy and its original change independently") {
    SharedChunks<int, 4> a;
    for (int i = 0; i < 10; ++i) a.push_back(i);  // two full chunks and a tail of 2
    SharedChunks<int, 4> b = a;
    a.push_back(100);    // into the shared tail
    b.push_back(200);
    a.mut(1) = -1;       // into a shared full chunk
    CHECK(a.size() == 11);
    CHECK(b.size() == 11);
    CHECK(a[10] == 100);
    CHECK(b[10] == 200);
    CHECK(a[1] == -1);
    CHECK(b[1] == 1);

    // A log replaced (a resync) or cut short in one copy leaves the other as it was.
    SharedChunks<int, 4> c = b;
    c = std::vector<int>{7, 8, 9};
    CHECK(c.size() == 3);
    CHECK(c[2] == 9);
    b.clear();
    CHECK(b.empty());
    CHECK(a.size() == 11);
    std::vector<int> expected_a{0, -1, 2, 3, 4, 5, 6, 7, 8, 9, 100};
    CHECK(a.to_vector() == expected_a);
    c.push_back(10);
    CHECK(c.to_vector() == std::vector<int>{7, 8, 9, 10});
}

TEST_CASE("shared index: inserts after a copy stay in their copy") {
    SharedIndex<std::uint64_t, std::uint64_t, 4> a;
    for (std::uint64_t k = 1; k <= 13; ++k) a.insert(k * 10, k);  // several frozen levels and a tail
    SharedIndex<std::uint64_t, std::uint64_t, 4> b = a;
    a.insert(1000, 1);
    b.insert(2000, 2);
    CHECK(a.contains(1000));
    CHECK_FALSE(a.contains(2000));
    CHECK(b.contains(2000));
    CHECK_FALSE(b.contains(1000));
    CHECK(a.size() == 14);
    CHECK(b.size() == 14);
    for (std::uint64_t k = 1; k <= 13; ++k) {
        REQUIRE(a.find(k * 10) != nullptr);
        CHECK(*a.find(k * 10) == k);
    }
    b.clear();
    CHECK(b.size() == 0);
    CHECK_FALSE(b.contains(10));
    CHECK(a.contains(10));
}

TEST_CASE("simulation copy: a copy taken mid-run runs on exactly like the original, and apart from it") {
    Simulation fresh = writes_run();
    fresh.run_until(us_from_s(200));
    const std::string fresh_json = fresh.state_json();
    const auto fresh_logs = logs(fresh);
    REQUIRE(fresh.client_history().ops().size() > 2000);
    REQUIRE(fresh_logs[0].size() > 2000);

    Simulation original = writes_run();
    original.run_until(us_from_s(110));
    REQUIRE(original.server(1).log.size() > 1024);  // the copy shares full chunks
    Simulation same = original;     // runs on untouched: must agree with a fresh run
    Simulation changed = original;  // told something else: must diverge, alone
    test::exec(changed, "crash 1\n");
    changed.run_until(us_from_s(200));
    original.run_until(us_from_s(200));
    same.run_until(us_from_s(200));

    CHECK(original.state_json() == fresh_json);
    CHECK(same.state_json() == fresh_json);
    CHECK(changed.state_json() != fresh_json);
    const auto original_logs = logs(original), same_logs = logs(same);
    for (std::size_t s = 0; s < fresh_logs.size(); ++s) {
        CHECK(same_entries(original_logs[s], fresh_logs[s]));
        CHECK(same_entries(same_logs[s], fresh_logs[s]));
    }
    CHECK(changed.server(1).log.size() < fresh.server(1).log.size());
    CHECK(original.client_history().ops().size() == fresh.client_history().ops().size());
}

TEST_CASE("simulation copy: a log replaced in one copy (a resync) leaves the other's untouched") {
    Simulation original = writes_run();
    original.run_until(us_from_s(10));
    test::exec(original, "crash 3\n");
    original.run_until(us_from_s(20));
    Simulation resynced = original;
    const std::vector<LogEntry> before = original.server(3).log.to_vector();
    const std::uint64_t version_before = original.server(3).data_version;
    REQUIRE(before.size() > 100);
    REQUIRE(resynced.server(1).log.size() > before.size() + 100);  // server 3 missed orders

    test::exec(resynced, "restart 3\n");
    resynced.run_until(us_from_s(30));
    // Server 3 installed the leader's whole log in the copy...
    CHECK(resynced.server(3).data_version > version_before);
    CHECK(resynced.server(3).log.size() > before.size() + 100);
    // ...and the original's server 3 still holds what it held, down to every entry.
    CHECK(original.server(3).data_version == version_before);
    CHECK(same_entries(original.server(3).log.to_vector(), before));
    CHECK(original.server(3).order_index.size() == before.size());
    CHECK(original.server(3).digest() != resynced.server(3).digest());
    // Both still run on and keep their invariants (checked on every event).
    original.run_until(us_from_s(40));
    CHECK(original.server(3).log.size() == before.size());
}
