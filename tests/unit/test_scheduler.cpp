#include <doctest/doctest.h>

#include <vector>

#include "sim/scheduler.h"
#include "unit/helpers.h"

using namespace cs;

namespace {
Event at(TimeUs t, std::uint64_t token) {
    Event e;
    e.time_us = t;
    e.token = token;
    return e;
}
}  // namespace

TEST_CASE("scheduler: events come out in time order") {
    Scheduler s;
    for (TimeUs t : {50, 10, 40, 20, 30}) s.push(at(t, static_cast<std::uint64_t>(t)));
    std::vector<TimeUs> out;
    while (!s.empty()) out.push_back(s.pop().time_us);
    CHECK(out == std::vector<TimeUs>{10, 20, 30, 40, 50});
}

TEST_CASE("scheduler: ties are broken by the order they were scheduled in") {
    Scheduler s;
    for (std::uint64_t i = 0; i < 100; ++i) s.push(at(7, i));
    s.push(at(3, 999));
    CHECK(s.pop().token == 999);
    for (std::uint64_t i = 0; i < 100; ++i) CHECK(s.pop().token == i);
    CHECK(s.empty());
}

TEST_CASE("scheduler: interleaved push and pop keep the order") {
    Scheduler s;
    s.push(at(10, 1));
    s.push(at(5, 2));
    CHECK(s.pop().token == 2);
    s.push(at(10, 3));
    s.push(at(1, 4));
    CHECK(s.pop().token == 4);
    CHECK(s.pop().token == 1);
    CHECK(s.pop().token == 3);
}

TEST_CASE("determinism: the same seed twice gives the same event sequence hash") {
    auto run = [](std::uint64_t seed) {
        Simulation sim(test::config_with(6, seed));
        test::HashTrace trace;
        sim.set_trace(&trace);
        test::exec(sim, "order PRD-1 2\nat 3s crash 6\nat 9s restart 6\nload rate=20 duration=5s\nrun 20s");
        return std::make_pair(sim.trace_hash(), trace.hash);
    };
    const auto a = run(99), b = run(99), c = run(100);
    CHECK(a == b);
    CHECK(a.first != c.first);
    CHECK(a.second != c.second);
}

TEST_CASE("simulation: the clock only moves forward and run_until lands exactly") {
    Simulation sim;
    TimeUs last = 0;
    while (sim.next_event_time() >= 0 && sim.next_event_time() < us_from_s(5)) {
        sim.step();
        CHECK(sim.now_us() >= last);
        last = sim.now_us();
    }
    sim.run_until(us_from_s(7) + 123);
    CHECK(sim.now_us() == us_from_s(7) + 123);
    CHECK(sim.events_processed() > 0);
}
