// The Faults tab's command lines and texts (src/ui/fault_commands.h): every
// line it builds must be one the simulation accepts and acts on.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/simulation.h"
#include "ui/fault_commands.h"

using namespace cs;
using namespace cs::ui;

TEST_CASE("the partition editor needs a server on each side") {
    CHECK(partition_command({false, false, false, false, false, false}).empty());
    CHECK(partition_problem({false, false, false, false, false, false}) == "click servers to move them to side B");
    CHECK(partition_command({true, true, true}).empty());
    CHECK(partition_problem({true, true, true}) == "keep at least one server on side A");
    CHECK(partition_command({}).empty());
    CHECK_FALSE(partition_problem({}).empty());

    const std::vector<bool> halves = {false, false, false, true, true, true};
    CHECK(partition_problem(halves).empty());
    CHECK(partition_command(halves) == "partition 1,2,3 | 4,5,6");
    CHECK(partition_command({true, false, true, false}) == "partition 2,4 | 1,3");
}

TEST_CASE("a partition built by the editor is the one in force, and heal ends it") {
    Simulation sim;
    CHECK(partition_text(sim.network()).empty());
    REQUIRE(sim.execute(partition_command({false, false, true, true, false, true})).ok);
    CHECK(partition_text(sim.network()) == "1,2,5 | 3,4,6");
    REQUIRE(sim.execute("heal").ok);
    CHECK(partition_text(sim.network()).empty());
}

TEST_CASE("latency and loss lines are in order, clamped and accepted") {
    CHECK(latency_command(5, 20) == "latency 5ms..20ms");
    CHECK(latency_command(40, 5) == "latency 5ms..40ms");
    CHECK(latency_command(-3, 7) == "latency 0ms..7ms");
    CHECK(loss_command(0.05) == "loss 0.05");
    CHECK(loss_command(0.0) == "loss 0");
    CHECK(loss_command(0.123456) == "loss 0.123");
    CHECK(loss_command(1.5) == "loss 1");
    CHECK(loss_command(-0.2) == "loss 0");

    Simulation sim;
    REQUIRE(sim.execute(latency_command(40, 5)).ok);
    CHECK(sim.network().latency_us_min() == us_from_ms(5));
    CHECK(sim.network().latency_us_max() == us_from_ms(40));
    REQUIRE(sim.execute(loss_command(0.05)).ok);
    CHECK(sim.network().loss() == doctest::Approx(0.05));
}

TEST_CASE("drop and slow lines, and how pending drops are listed") {
    CHECK(drop_command(5, 3) == "drop 5->3");
    CHECK(drop_command(3, 3).empty());
    CHECK(slow_command(2, 4.0) == "slow 2 4");
    CHECK(slow_command(2, 2.5) == "slow 2 2.5");
    CHECK(slow_command(2, 0.5).empty());
    CHECK(slow_command(2, 5000).empty());
    CHECK(links_text({}).empty());
    CHECK(links_text({{5, 3}, {1, 2}}) == "5->3, 1->2");
    CHECK(factor_text(4.0) == "4");
    CHECK(factor_text(0.25) == "0.25");

    Simulation sim;
    REQUIRE(sim.execute(drop_command(5, 3)).ok);
    CHECK(links_text(sim.network().pending_drops()) == "5->3");
    REQUIRE(sim.execute(slow_command(2, 2.5)).ok);
    CHECK(sim.config().slow_factor_of(2) == doctest::Approx(2.5));
}

TEST_CASE("every violation kind and every mode has an explanation") {
    for (ViolationKind kind : kViolationKinds) CHECK(std::string(violation_explanation(kind)).size() > 20);
    for (bool b : {false, true}) {
        CHECK(std::string(replication_explanation(b, false)).size() > 20);
        CHECK(std::string(replication_explanation(b, true)).size() > 20);
        CHECK(std::string(quorum_explanation(b)).size() > 20);
        CHECK(std::string(resync_explanation(b)).size() > 20);
    }
    CHECK(std::string(resync_explanation(false)).find("divergence") != std::string::npos);
    // Quorum on, async changes nothing: the tab must not promise otherwise.
    CHECK(std::string(replication_explanation(true, true)).find("no effect") != std::string::npos);
    CHECK(std::string(quorum_explanation(false)).find("split brain") != std::string::npos);
}

TEST_CASE("times are seconds with milliseconds") {
    CHECK(seconds_text(0) == "0.000 s");
    CHECK(seconds_text(12345678) == "12.346 s");
    CHECK(seconds_text(us_from_s(90)) == "90.000 s");
    CHECK(server_ids_text({1, 2, 3}) == "1,2,3");
}
