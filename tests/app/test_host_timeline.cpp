// The host's time travel: checkpoints, the command journal, seek, step, branch.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/host.h"

using namespace cs;
using namespace cs::app;

namespace {
StartOptions options(std::uint64_t seed = 3) {
    StartOptions o;
    o.config.seed = seed;
    o.seed_given = true;
    return o;
}
// Drives the host like frames at 60 fps until simulated time t.
void play_until(Host& host, TimeUs t) {
    host.resume();
    REQUIRE(host.set_speed(10.0));
    while (host.sim().now_us() < t) host.tick(1.0 / 60.0);
}
}  // namespace

TEST_CASE("host: seeking back and forward reproduces the same state, user commands included") {
    Host host(options());
    host.seek(us_from_s(2));
    REQUIRE(host.command("order PRD-1 5").ok);
    host.seek(us_from_s(4));
    REQUIRE(host.command("crash 6").ok);
    play_until(host, us_from_s(30));
    host.pause();
    host.seek(us_from_s(30));
    const std::string at_30 = host.sim().state_json();

    host.seek(us_from_s(3));
    CHECK(host.sim().now_us() == us_from_s(3));
    CHECK(host.sim().server(6).alive);                       // before the crash
    CHECK(host.sim().clients().totals().submitted == 1);     // after the order
    host.seek(us_from_s(30));
    CHECK(host.sim().state_json() == at_30);                 // replayed exactly
    CHECK(host.journal().size() == 2);
    CHECK(host.timeline().latest_us >= us_from_s(30));
}

TEST_CASE("host: a command issued in the past starts a new branch") {
    Host host(options());
    host.seek(us_from_s(5));
    REQUIRE(host.command("crash 6").ok);
    host.seek(us_from_s(20));
    host.seek(us_from_s(2));
    REQUIRE(host.command("crash 3").ok);  // a different history from here
    CHECK(host.journal().size() == 1);
    CHECK(host.journal()[0].line == "crash 3");
    CHECK(host.timeline().latest_us == us_from_s(2));
    host.seek(us_from_s(20));
    CHECK(host.sim().server(6).alive);
    CHECK_FALSE(host.sim().server(3).alive);
}

TEST_CASE("host: a refused command in the past keeps the future") {
    Host host(options());
    host.seek(us_from_s(5));
    REQUIRE(host.command("crash 6").ok);
    host.seek(us_from_s(10));
    host.seek(us_from_s(1));
    CHECK_FALSE(host.command("crash 99").ok);
    CHECK(host.journal().size() == 1);
    CHECK(host.timeline().latest_us == us_from_s(10));
}

TEST_CASE("host: step processes exactly one event and pauses") {
    Host host(options());
    host.seek(us_from_s(1));
    const auto before = host.sim().events_processed();
    host.step();
    CHECK(host.sim().events_processed() == before + 1);
    CHECK(host.playback().paused);
}

TEST_CASE("host: checkpoints stay bounded over a long run") {
    Host host(options());
    host.seek(us_from_s(3600));
    CHECK(host.timeline().earliest_us == 0);
    host.seek(us_from_s(1800));
    CHECK(host.sim().now_us() == us_from_s(1800));
}

TEST_CASE("host: reset starts again with the given seed and forgets the journal") {
    Host host(options(3));
    host.seek(us_from_s(2));
    REQUIRE(host.command("crash 6").ok);
    host.reset(99);
    CHECK(host.sim().now_us() == 0);
    CHECK(host.seed() == 99);
    CHECK(host.journal().empty());
    CHECK(host.sim().server(6).alive);
}

TEST_CASE("host: step and step back are inverses, user commands included") {
    Host host(options());
    host.seek(us_from_s(2));
    REQUIRE(host.command("order PRD-1 3").ok);
    const std::uint64_t n = host.sim().events_processed();
    std::vector<std::string> states;
    for (int i = 0; i < 5; ++i) {
        host.step();
        CHECK(host.sim().events_processed() == n + 1 + static_cast<std::uint64_t>(i));
        states.push_back(host.sim().state_json());
    }
    for (int i = 3; i >= 0; --i) {
        host.step_back();
        CHECK(host.playback().paused);
        CHECK(host.sim().events_processed() == n + 1 + static_cast<std::uint64_t>(i));
        CHECK(host.sim().state_json() == states[static_cast<std::size_t>(i)]);
    }
}

TEST_CASE("host: step back across a checkpoint and a user command") {
    Host host(options());
    host.seek(us_from_s(4));
    REQUIRE(host.command("crash 6").ok);
    host.seek(us_from_s(12));  // a checkpoint here: step back must replay from the one before
    const std::uint64_t n = host.sim().events_processed();
    host.step_back();
    CHECK(host.sim().events_processed() == n - 1);

    // The same moment reached forwards, event by event.
    Host other(options());
    other.seek(us_from_s(4));
    REQUIRE(other.command("crash 6").ok);
    while (other.sim().events_processed() < n - 1) other.step();
    CHECK(host.sim().state_json() == other.sim().state_json());
    CHECK_FALSE(host.sim().server(6).alive);
}

TEST_CASE("host: the timeline keeps the milestones ahead of the cursor after a seek back") {
    Host host(options());
    host.seek(us_from_s(3));
    REQUIRE(host.command("crash 6").ok);
    host.seek(us_from_s(15));
    auto count_crashes = [](const std::vector<Milestone>& list) {
        int n = 0;
        for (const Milestone& m : list) n += m.kind == MilestoneKind::Crash && m.node == 6 ? 1 : 0;
        return n;
    };
    REQUIRE(host.timeline().milestones != nullptr);
    CHECK(count_crashes(*host.timeline().milestones) == 1);
    host.seek(us_from_s(1));
    CHECK(count_crashes(host.sim().milestones()) == 0);            // the simulation only knows its past
    CHECK(count_crashes(*host.timeline().milestones) == 1);        // the timeline still shows the future
    REQUIRE(host.command("crash 2").ok);                          // a new branch: the future is gone
    CHECK(count_crashes(*host.timeline().milestones) == 0);
}

TEST_CASE("host: after the checkpoints were thinned and their memory reused, a seek gives the run itself") {
    // Long enough under load for several thinnings, so later checkpoints are assigned
    // into the memory of dropped ones and restores assign into the current simulation;
    // user commands on the way, so a checkpoint must also hold the right place in the journal.
    const char* scenario = "load rate=10 duration=20m\n";
    Host host(options());
    REQUIRE(host.load(scenario).ok);
    host.resume();
    REQUIRE(host.set_speed(1000.0));
    const std::pair<TimeUs, const char*> commands[] = {
        {us_from_s(100), "crash 3"}, {us_from_s(300), "restart 3"}, {us_from_s(500), "order PRD-1 1"}};
    for (const auto& [at, line] : commands) {
        while (host.sim().now_us() < at) host.tick(1.0 / 60.0);
        REQUIRE(host.command(line).ok);
    }
    while (host.sim().now_us() < us_from_s(700)) host.tick(1.0 / 60.0);
    host.pause();
    REQUIRE(host.journal().size() == 3);
    // The same run straight from the start, forward only, the commands at their times:
    // its state every 7 s is the reference.
    std::vector<TimeUs> times;
    std::vector<std::string> reference;
    Host fresh(options());
    REQUIRE(fresh.load(scenario).ok);
    std::size_t next_command = 0;
    for (TimeUs t = us_from_s(2); t < us_from_s(700); t += us_from_s(7)) {
        for (; next_command < host.journal().size() && host.journal()[next_command].at_us <= t; ++next_command) {
            fresh.seek(host.journal()[next_command].at_us);
            REQUIRE(fresh.command(host.journal()[next_command].line).ok);
        }
        fresh.seek(t);
        times.push_back(t);
        reference.push_back(fresh.sim().state_json() + std::to_string(fresh.sim().trace_hash()));
    }
    // The host seeks to them in a shuffled order (37 and 100 share no factor).
    for (std::size_t k = 0; k < times.size(); ++k) {
        const std::size_t i = (k * 37) % times.size();
        host.seek(times[i]);
        CHECK(host.sim().now_us() == times[i]);
        CHECK(host.sim().state_json() + std::to_string(host.sim().trace_hash()) == reference[i]);
    }
}
