#include <doctest/doctest.h>

#include "app/scenario_loader.h"

using namespace cs::app;

TEST_CASE("setup lines decide the world, commands apply now") {
    const LoadResult r = load_scenario("# a comment\nservers 4\nseed 7\n\ncrash 2\n");
    REQUIRE(r.sim);
    CHECK(r.error.empty());
    CHECK(r.sim->server_count() == 4);
    CHECK(r.sim->config().seed == 7);
    CHECK_FALSE(r.sim->server(2).alive);
}

TEST_CASE("an explicit seed wins over the scenario's seed line") {
    const LoadResult r = load_scenario("seed 7\n", 42);
    REQUIRE(r.sim);
    CHECK(r.sim->config().seed == 42);
}

TEST_CASE("commands after run are applied when the simulation gets there") {
    LoadResult r = load_scenario("run 2s\ncrash 3\nexpect alive 1,2,4,5,6\n");
    REQUIRE(r.sim);
    CHECK(r.sim->now_us() == 0);  // played in front of the user, not jumped through
    CHECK(r.sim->server(3).alive);
    r.sim->run_until(2'000'001);
    CHECK_FALSE(r.sim->server(3).alive);
}

TEST_CASE("a bad line is reported by number and nothing is built") {
    const LoadResult r = load_scenario("servers 4\ncrash 2\nfrobnicate\n");
    CHECK_FALSE(r.sim);
    CHECK(r.error.rfind("scenario:3: ", 0) == 0);
}
