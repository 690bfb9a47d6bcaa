// The Log tab's filtering (src/ui/log_filter.h): what each filter keeps, the
// readable lines, and the incremental index that must always equal filtering
// everything again from scratch.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/simulation.h"
#include "ui/log_filter.h"

using namespace cs;
using namespace cs::ui;

namespace {

// A run with a bit of everything: a leader crash and election, orders, a
// partition and a heal.
Simulation eventful_run() {
    Simulation sim;
    sim.run_until(us_from_s(2));
    REQUIRE(sim.execute("order PRD-1 2").ok);
    REQUIRE(sim.execute("crash 6").ok);
    sim.run_until(us_from_s(10));
    REQUIRE(sim.execute("partition 1,2,3 | 4,5").ok);
    REQUIRE(sim.execute("order PRD-2 1").ok);
    sim.run_until(us_from_s(16));
    REQUIRE(sim.execute("heal").ok);
    sim.run_until(us_from_s(20));
    return sim;
}

std::vector<std::string> kept_lines(const Simulation& sim, const LogIndex& index) {
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < index.size(); ++i) lines.push_back(log_line(index.record(sim.event_log(), i), sim));
    return lines;
}

std::vector<std::string> fresh_lines(const Simulation& sim, const LogFilter& filter) {
    LogIndex fresh;
    fresh.update(sim, filter);
    return kept_lines(sim, fresh);
}

bool any_contains(const std::vector<std::string>& lines, const std::string& part) {
    for (const auto& line : lines)
        if (line.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("every kind of record has a category with a name and a hint") {
    for (int k = 0; k < static_cast<int>(LogKind::Count); ++k) {
        const LogCategory c = log_category(static_cast<LogKind>(k));
        CHECK(std::string(log_category_label(c)) != "?");
        CHECK(std::string(log_category_hint(c)).size() > 10);
    }
    CHECK(log_category(LogKind::Delivered) == LogCategory::Messages);
    CHECK(log_category(LogKind::BecameLeader) == LogCategory::Election);
    CHECK(log_category(LogKind::Fault) == LogCategory::Faults);
    CHECK(log_category(LogKind::Violation) == LogCategory::Violations);
}

TEST_CASE("search ignores case") {
    CHECK(contains_ignore_case("S3 starts an election", "ELECTION"));
    CHECK(contains_ignore_case("anything", ""));
    CHECK_FALSE(contains_ignore_case("S3 crashed", "restart"));
    CHECK_FALSE(contains_ignore_case("", "x"));
}

TEST_CASE("notes split into their time and their text") {
    const NoteParts a = split_note("1500ms: partition 1,2,3 | 4,5,6");
    CHECK(a.time_us == us_from_ms(1500));
    CHECK(a.text == "partition 1,2,3 | 4,5,6");
    const NoteParts b = split_note("12s: heal");
    CHECK(b.time_us == us_from_s(12));
    CHECK(b.text == "heal");
    const NoteParts c = split_note("no time here");
    CHECK(c.time_us == -1);
    CHECK(c.text == "no time here");
}

TEST_CASE("fault records read as the command given") {
    const Simulation sim = eventful_run();
    LogFilter faults_only;
    faults_only.categories = 1u << static_cast<int>(LogCategory::Faults);
    const auto lines = fresh_lines(sim, faults_only);
    CHECK(any_contains(lines, "fault: partition 1,2,3 | 4,5"));
    CHECK(any_contains(lines, "fault: heal"));
    CHECK(any_contains(lines, "fault: crash 6"));
    CHECK(any_contains(lines, "S6 crashed"));
    for (const auto& line : lines) CHECK(line != "fault injected");
}

TEST_CASE("each filter keeps exactly what it says") {
    const Simulation sim = eventful_run();
    LogIndex everything;
    everything.update(sim, LogFilter{});
    CHECK(everything.size() == sim.event_log().size());

    SUBCASE("by category") {
        LogFilter election;
        election.categories = 1u << static_cast<int>(LogCategory::Election);
        LogIndex index;
        index.update(sim, election);
        REQUIRE(index.size() > 0);
        for (std::size_t i = 0; i < index.size(); ++i)
            CHECK(log_category(index.record(sim.event_log(), i).kind) == LogCategory::Election);
        CHECK(any_contains(kept_lines(sim, index), "starts an election"));
    }
    SUBCASE("by level") {
        LogFilter warnings;
        warnings.levels = 1u << static_cast<int>(LogLevel::Warning);
        LogIndex index;
        index.update(sim, warnings);
        REQUIRE(index.size() > 0);
        for (std::size_t i = 0; i < index.size(); ++i) CHECK(index.record(sim.event_log(), i).level == LogLevel::Warning);
    }
    SUBCASE("by server: records from, to or about it, and the fault commands") {
        LogFilter s3;
        s3.node = 3;
        LogIndex index;
        index.update(sim, s3);
        REQUIRE(index.size() > 0);
        CHECK(index.size() < everything.size());
        for (std::size_t i = 0; i < index.size(); ++i) {
            const LogRecord& r = index.record(sim.event_log(), i);
            CHECK((r.node == 3 || r.other == 3 || r.kind == LogKind::Fault));
        }
    }
    SUBCASE("by text") {
        LogFilter search;
        search.search = "s6 CRASHED";
        const auto lines = fresh_lines(sim, search);
        REQUIRE(lines.size() == 1);
        CHECK(lines[0] == "S6 crashed");
    }
    SUBCASE("nothing") {
        LogFilter none;
        none.categories = 0;
        CHECK(fresh_lines(sim, none).empty());
    }
}

TEST_CASE("the index follows a running simulation without filtering everything again") {
    Simulation sim;
    LogFilter filter;
    filter.categories &= ~(1u << static_cast<int>(LogCategory::Messages));
    LogIndex index;
    for (int second = 1; second <= 30; ++second) {
        if (second == 5) REQUIRE(sim.execute("crash 6").ok);
        if (second == 12) REQUIRE(sim.execute("order PRD-1 1").ok);
        sim.run_until(us_from_s(second));
        index.update(sim, filter);
    }
    CHECK(index.rebuilds() == 1);
    CHECK(kept_lines(sim, index) == fresh_lines(sim, filter));

    // A new filter filters everything again.
    filter.search = "leader";
    index.update(sim, filter);
    CHECK(index.rebuilds() == 2);
    CHECK(kept_lines(sim, index) == fresh_lines(sim, filter));
}

TEST_CASE("going back in time gives the earlier history, not a mix") {
    Simulation sim;
    sim.run_until(us_from_s(3));
    const Simulation earlier = sim;
    REQUIRE(sim.execute("crash 6").ok);
    sim.run_until(us_from_s(12));

    LogIndex index;
    index.update(sim, LogFilter{});
    index.update(earlier, LogFilter{});  // what a seek back hands the UI
    CHECK(index.rebuilds() == 2);
    CHECK(index.size() == earlier.event_log().size());
    CHECK(kept_lines(earlier, index) == fresh_lines(earlier, LogFilter{}));

    // Another future from the same moment, exactly as long, is noticed too.
    Simulation other = earlier;
    REQUIRE(other.execute("crash 5").ok);
    Simulation same = earlier;
    REQUIRE(same.execute("crash 6").ok);
    index.update(same, LogFilter{});
    const auto rebuilds = index.rebuilds();
    index.update(other, LogFilter{});
    CHECK(kept_lines(other, index) == fresh_lines(other, LogFilter{}));
    CHECK(index.rebuilds() == rebuilds + 1);
}

TEST_CASE("the index is bounded like the log and forgets what the log forgets") {
    Simulation sim;
    REQUIRE(sim.execute("load rate=50 duration=60s").ok);
    LogIndex index;
    LogFilter filter;
    for (int second = 5; second <= 120 && sim.event_log().total() <= EventLog::kCapacity + 5000; second += 5) {
        sim.run_until(us_from_s(second));
        index.update(sim, filter);
    }
    REQUIRE(sim.event_log().total() > EventLog::kCapacity);
    CHECK(sim.event_log().size() == EventLog::kCapacity);
    CHECK(index.size() == EventLog::kCapacity);
    CHECK(index.rebuilds() == 1);
    // The oldest line kept is the log's oldest.
    CHECK(index.record(sim.event_log(), 0).time_us == sim.event_log().at(0).time_us);
}
