// The fuzzer's fault schedules: one seed, one schedule; always valid scenario text.
#include <doctest/doctest.h>

#include "sim/fault_schedule.h"
#include "sim/scenario.h"
#include "unit/helpers.h"

using namespace cs;

namespace {
FaultScheduleOptions options(std::uint64_t seed, bool quorum = true) {
    FaultScheduleOptions o;
    o.seed = seed;
    o.safety_us = us_from_s(20);
    o.liveness_us = us_from_s(30);
    o.quorum = quorum;
    return o;
}
}  // namespace

TEST_CASE("fault schedule: the same seed gives the same text, another seed another") {
    CHECK(make_fault_schedule(options(7)).text == make_fault_schedule(options(7)).text);
    CHECK(make_fault_schedule(options(7)).text != make_fault_schedule(options(8)).text);
    CHECK(make_fault_schedule(options(7, true)).text != make_fault_schedule(options(7, false)).text);
}

TEST_CASE("fault schedule: every seed parses and every command applies") {
    for (std::uint64_t seed = 0; seed < 150; ++seed) {
        const FaultSchedule schedule = make_fault_schedule(options(seed, seed % 2 == 0));
        INFO("seed " << seed << "\n" << schedule.text);
        Scenario scenario;
        std::string error;
        REQUIRE_MESSAGE(parse_scenario(schedule.text, "fuzz.scn", scenario, error), error);
        CHECK(scenario.config.seed == seed);
        CHECK(scenario.config.servers == schedule.servers);
        CHECK(schedule.servers >= kFuzzServersMin);
        CHECK(schedule.servers <= kFuzzServersMax);
        CHECK(schedule.faults > 0);
        CHECK(schedule.safety_run_line < schedule.liveness_run_line);
        Simulation sim(scenario.config);
        const ScenarioOutcome outcome = run_scenario(scenario, sim, "fuzz.scn");
        CHECK_MESSAGE(outcome.error.empty(), outcome.error);
        // Scheduled commands that fail are only noted, so look for such notes.
        for (const std::string& note : sim.event_log().notes()) CHECK_MESSAGE(note.find("failed") == std::string::npos, note);
        CHECK(sim.now_us() == schedule.liveness_end_us);
        // Every fault is repaired in the liveness phase: all servers alive, network whole.
        for (const Server& s : sim.servers()) CHECK(s.alive);
        CHECK_FALSE(sim.network().any_fault());
    }
}

TEST_CASE("fault schedule: a fixed server count is kept") {
    FaultScheduleOptions o = options(3);
    o.servers = 9;
    CHECK(make_fault_schedule(o).servers == 9);
    CHECK(make_fault_schedule(o).text.find("servers 9\n") != std::string::npos);
}
