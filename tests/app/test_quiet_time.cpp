// "Skip quiet time": the wall-clock mapping speeds up while nothing worth
// watching happens, and the simulation itself is the same run either way.
#include <doctest/doctest.h>

#include "app/host.h"
#include "app/quiet_time.h"

using namespace cs;
using namespace cs::app;

namespace {
StartOptions options(std::uint64_t seed = 5) {
    StartOptions o;
    o.config.seed = seed;
    o.seed_given = true;
    return o;
}
// Frames of 1/60 s until simulated time t (or a frame limit); returns the wall seconds it took.
double play_until(Host& host, TimeUs t, int max_frames = 1000000) {
    host.resume();
    int frames = 0;
    while (host.sim().now_us() < t && frames < max_frames) {
        host.tick(1.0 / 60.0);
        ++frames;
    }
    return frames / 60.0;
}
}  // namespace

TEST_CASE("quiet time: heartbeats and health checks are background, the rest is not") {
    CHECK(is_background_message(MsgType::Heartbeat));
    CHECK(is_background_message(MsgType::HeartbeatAck));
    CHECK(is_background_message(MsgType::HealthCheck));
    CHECK(is_background_message(MsgType::HealthReply));
    CHECK_FALSE(is_background_message(MsgType::Election));
    CHECK_FALSE(is_background_message(MsgType::Coordinator));
    CHECK_FALSE(is_background_message(MsgType::Order));
    CHECK_FALSE(is_background_message(MsgType::Replicate));
}

TEST_CASE("quiet time: never slower than the chosen speed") {
    CHECK(quiet_speed_for(0.1, 2.0) == 2.0);
    CHECK(quiet_speed_for(5.0, 2.0) == 5.0);
}

TEST_CASE("quiet time: a settled cluster is quiet, an order in flight is not") {
    Simulation sim;
    sim.run_until(us_from_s(10));  // the first election is long over
    REQUIRE(sim.agreed_leader() != kNoNode);
    CHECK(is_quiet(sim));
    REQUIRE(sim.execute("order PRD-1 1").ok);
    // The order travels client -> LB -> server -> leader: loud until it is answered.
    bool loud_seen = false;
    for (int i = 0; i < 20 && !loud_seen; ++i) {
        sim.step();
        loud_seen = !is_quiet(sim);
    }
    CHECK(loud_seen);
}

TEST_CASE("quiet time: a leader crash is detected in a few seconds of wall time at 0.1x") {
    Host host(options());
    host.seek(us_from_s(10));
    const NodeId leader = host.sim().agreed_leader();
    REQUIRE(leader != kNoNode);
    REQUIRE(host.set_speed(0.1));
    REQUIRE(host.command("crash " + std::to_string(leader)).ok);
    const std::uint64_t elections = host.sim().elections_total();
    host.resume();
    int frames = 0;
    while (host.sim().elections_total() == elections && frames < 60 * 60) {
        host.tick(1.0 / 60.0);
        ++frames;
    }
    // 3 missed 1 s heartbeats: about 3 s of simulated time at 2x = 1.5 s, not 30 s.
    CHECK(frames < 60 * 3);
    CHECK(host.sim().elections_total() == elections + 1);
    // From the first ELECTION message on, time runs at the chosen 0.1x again.
    CHECK(host.sim().election_in_progress());
    const TimeUs t0 = host.sim().now_us();
    host.tick(0.1);
    CHECK_FALSE(host.fast_forwarding());
    CHECK(host.sim().now_us() - t0 <= us_from_ms(10) + 1);
}

TEST_CASE("quiet time: the run is the same with and without it") {
    Host fast(options(11));
    Host plain(options(11));
    plain.set_skip_quiet(false);
    for (Host* host : {&fast, &plain}) {
        host->set_speed(0.5);
        host->seek(us_from_s(3));
        REQUIRE(host->command("crash 6").ok);
        REQUIRE(host->command("order PRD-1 2").ok);
    }
    const double wall_fast = play_until(fast, us_from_s(20));
    const double wall_plain = play_until(plain, us_from_s(20));
    CHECK(wall_fast < wall_plain);
    CHECK(wall_plain == doctest::Approx(34.0).epsilon(0.01));  // 17 s at 0.5x
    // Both stop on a frame boundary past 20 s; compare at one moment.
    fast.pause();
    plain.pause();
    const TimeUs t = std::max(fast.sim().now_us(), plain.sim().now_us());
    fast.seek(t);
    plain.seek(t);
    CHECK(fast.sim().trace_hash() == plain.sim().trace_hash());
    CHECK(fast.sim().state_json() == plain.sim().state_json());
}

TEST_CASE("quiet time: a loud event stops the quiet stretch right after it") {
    Simulation sim;
    sim.run_until(us_from_s(10));
    REQUIRE(is_quiet(sim));
    REQUIRE(sim.execute("crash " + std::to_string(sim.agreed_leader())).ok);
    const AdvanceResult r = advance_to_while_quiet(sim, us_from_s(30), 1000000);
    CHECK(r.stopped_loud);
    CHECK(sim.now_us() < us_from_s(15));  // the election starts a few seconds after the crash
    CHECK(sim.election_in_progress());
}

TEST_CASE("quiet time: off, or slower than the chosen speed, it changes nothing") {
    Host host(options());
    host.seek(us_from_s(10));
    host.set_skip_quiet(false);
    host.set_speed(0.1);
    host.resume();
    const TimeUs t0 = host.sim().now_us();
    host.tick(0.5);
    CHECK(host.sim().now_us() - t0 == us_from_ms(10));  // the frame is clamped to 0.1 s
    CHECK_FALSE(host.fast_forwarding());
    host.set_skip_quiet(true);
    host.set_speed(10.0);
    const TimeUs t1 = host.sim().now_us();
    host.tick(0.05);
    CHECK(host.sim().now_us() - t1 == us_from_ms(500));
    CHECK_FALSE(host.fast_forwarding());
}
