// Every scenario in tests/scenarios, run twice, gives a byte-identical trace.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/scenario.h"
#include "unit/helpers.h"

using namespace cs;

TEST_CASE("determinism: each scenario run twice gives identical traces and state") {
    int scenarios = 0;
    for (const auto& entry : std::filesystem::directory_iterator(CLUSTERSIM_SCENARIO_DIR)) {
        if (entry.path().extension() != ".scn") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        Scenario scenario;
        std::string error;
        REQUIRE_MESSAGE(parse_scenario(text.str(), entry.path().string(), scenario, error), error);
        auto run = [&] {
            Simulation sim(scenario.config);
            test::HashTrace trace;
            sim.set_trace(&trace);
            run_scenario(scenario, sim, "x");
            return std::make_tuple(trace.hash, trace.lines, sim.state_json());
        };
        const auto a = run(), b = run();
        INFO(entry.path().string());
        CHECK(std::get<0>(a) == std::get<0>(b));
        CHECK(std::get<1>(a) == std::get<1>(b));
        CHECK(std::get<2>(a) == std::get<2>(b));
        CHECK(std::get<1>(a) > 0);
        ++scenarios;
    }
    CHECK(scenarios >= 5);
}
