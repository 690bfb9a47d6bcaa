// Invariants (sim/invariants.h): a broken one stops the run and says what, when and where.
#include <doctest/doctest.h>

#include <string>

#include "sim/invariants.h"
#include "unit/helpers.h"

using namespace cs;

TEST_CASE("invariants: CS_INVARIANT throws InvariantBroken only when the condition is false") {
    CHECK_NOTHROW(CS_INVARIANT(1 + 1 == 2, "arithmetic works"));
    try {
        CS_INVARIANT(1 + 1 == 3, "arithmetic is broken");
        FAIL("no exception");
    } catch (const InvariantBroken& broken) {
        CHECK(broken.what_broke() == "arithmetic is broken");
        CHECK(broken.time_us() == -1);  // not thrown inside a simulation event
        CHECK(std::string(broken.what()) == "invariant broken: arithmetic is broken");
    }
}

TEST_CASE("invariants: a server whose order index no longer matches its log stops the run at its next event") {
    Simulation sim(test::config_with(6));
    test::exec(sim, "run 2s");
    const TimeUs planted_at = sim.now_us();
    sim.plant_broken_invariant_for_test(3);
    try {
        sim.execute("run 5s");
        FAIL("the planted broken invariant was not reported");
    } catch (const InvariantBroken& broken) {
        CHECK(broken.node() == 3);
        CHECK(broken.time_us() >= planted_at);
        CHECK(broken.time_us() <= planted_at + us_from_s(1));  // a heartbeat interval at most
        CHECK(broken.what_broke() == "order_index has one entry per log entry (no order held twice)");
        CHECK(std::string(broken.what()).rfind("invariant broken at ", 0) == 0);
        CHECK(std::string(broken.what()).find(" on S3: ") != std::string::npos);
    }
}

TEST_CASE("invariants: none breaks in the course scenarios' kind of run, quorum off and on") {
    for (const char* quorum : {"off", "on"}) {
        INFO("quorum " << quorum);
        Simulation sim(test::config_with(5, 7));
        CHECK_NOTHROW(test::exec(sim, std::string("quorum ") + quorum +
                                          "\nrun 2s\norder PRD-1 1\ncrash 5\nrun 5s\norder PRD-1 1\nrestart 5\n"
                                          "partition 1,2 | 3,4,5\nrun 10s\nheal\nrun 20s"));
    }
}
