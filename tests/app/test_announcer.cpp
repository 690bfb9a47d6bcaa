// What the page's live region says (src/app/announcer.h): the sentences come from
// the simulation's own records, heartbeats never speak, order outcomes are said as
// the clients were told them, a batch is cut to a few sentences, and going back in
// time does not repeat the past.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/announcer.h"
#include "sim/simulation.h"

using namespace cs;
using cs::app::Announcement;
using cs::app::Announcer;

namespace {

std::vector<std::string> texts(const std::vector<Announcement>& batch) {
    std::vector<std::string> out;
    for (const Announcement& a : batch) out.push_back(a.text);
    return out;
}

bool has(const std::vector<std::string>& lines, const std::string& line) {
    for (const auto& l : lines)
        if (l == line) return true;
    return false;
}

Announcement event(const std::string& text) {
    Announcement a;
    a.text = text;
    return a;
}

Announcement order(OrderStatus status, const std::string& text = "Order 1 was acknowledged.") {
    Announcement a;
    a.kind = Announcement::Kind::Order;
    a.status = status;
    a.text = text;
    return a;
}

}  // namespace

TEST_CASE("a quiet cluster says nothing: heartbeats and health checks never speak") {
    Simulation sim;
    Announcer announcer;
    sim.run_until(us_from_s(1));  // the first leader is elected at the start
    announcer.update(sim);
    const std::uint64_t after_start = announcer.latest();
    sim.run_until(us_from_s(30));  // 29 s of heartbeats and health checks
    announcer.update(sim);
    CHECK(sim.event_log().total() > 100);
    CHECK(announcer.latest() == after_start);
    CHECK(announcer.since(after_start).empty());
}

TEST_CASE("a leader crash, the election, a partition, its heal and an order are each said once") {
    Simulation sim;
    Announcer announcer;
    sim.run_until(us_from_s(2));
    announcer.update(sim);
    const std::uint64_t start = announcer.latest();

    REQUIRE(sim.execute("crash 6").ok);
    sim.run_until(us_from_s(10));
    announcer.update(sim);
    REQUIRE(sim.execute("partition 1,2,3 | 4,5").ok);
    sim.run_until(us_from_s(12));
    announcer.update(sim);
    REQUIRE(sim.execute("heal").ok);
    REQUIRE(sim.execute("order PRD-1 2").ok);
    sim.run_until(us_from_s(20));
    announcer.update(sim);

    const std::vector<std::string> said = texts(announcer.since(start));
    CHECK(has(said, "Server 6 crashed."));
    CHECK(has(said, "Server 5 is the new leader."));
    CHECK(has(said, "The network is split into two sides: 1,2,3 | 4,5."));
    CHECK(has(said, "The network is healed: every server can reach every other again."));
    bool order_said = false;
    for (const auto& s : said) order_said = order_said || (s.rfind("Order ", 0) == 0 && s.find("acknowledged") != std::string::npos);
    CHECK(order_said);
    // "crash 6" is a fault command too: it is not said a second time as one.
    CHECK_FALSE(has(said, "Fault injected: crash 6."));
    int crashes = 0;
    for (const auto& s : said) crashes += s == "Server 6 crashed." ? 1 : 0;
    CHECK(crashes == 1);
    // Nothing about messages.
    for (const auto& s : said) {
        CHECK(s.find("HEARTBEAT") == std::string::npos);
        CHECK(s.find("->") == std::string::npos);
    }
}

TEST_CASE("an order the system refused is said as rejected, with the reason") {
    Simulation sim;
    Announcer announcer;
    sim.run_until(us_from_s(2));
    announcer.update(sim);
    const std::uint64_t start = announcer.latest();
    REQUIRE(sim.execute("order PRD-1 100000").ok);  // more than the stock
    sim.run_until(us_from_s(4));
    announcer.update(sim);
    const std::vector<Announcement> said = announcer.since(start);
    REQUIRE(said.size() == 1);
    CHECK(said[0].kind == Announcement::Kind::Order);
    CHECK(said[0].status == OrderStatus::Rejected);
    CHECK(said[0].text.find("was rejected: not enough stock.") != std::string::npos);
}

TEST_CASE("going back in time does not announce the past again") {
    Simulation sim;
    Announcer announcer;
    sim.run_until(us_from_s(2));
    REQUIRE(sim.execute("crash 6").ok);
    sim.run_until(us_from_s(8));
    announcer.update(sim);
    const std::uint64_t before = announcer.latest();
    CHECK(before > 0);

    // The same run again from the start (a reset, or a seek back that replays).
    Simulation again;
    again.run_until(us_from_s(1));
    announcer.update(again);
    CHECK(announcer.latest() == before);
    // What happens after that is news again.
    REQUIRE(again.execute("crash 6").ok);
    again.run_until(us_from_s(2));
    announcer.update(again);
    CHECK(has(texts(announcer.since(before)), "Server 6 crashed."));
}

TEST_CASE("a run replaced by another one, further on and with more records, is not read as news") {
    Simulation a;
    a.run_until(us_from_s(5));
    Announcer announcer;
    announcer.update(a);
    const std::uint64_t seen = announcer.latest();
    // Another run (another seed), not the continuation of `a`: its crash comes after as
    // many records as `a` had, so only the newest record read tells the two apart.
    Config other;
    other.seed = 99;
    Simulation b(other);
    while (b.event_log().total() <= a.event_log().total()) b.run_until(b.now_us() + us_from_ms(50));
    REQUIRE(b.execute("crash 3").ok);
    b.run_until(b.now_us() + us_from_s(1));
    announcer.update(b);
    CHECK_FALSE(has(texts(announcer.since(seen)), "Server 3 crashed."));
    // From there on, it is followed as usual.
    REQUIRE(b.execute("restart 3").ok);
    b.run_until(b.now_us() + us_from_s(1));
    announcer.update(b);
    CHECK(has(texts(announcer.since(seen)), "Server 3 restarted and is catching up."));
}

TEST_CASE("a batch is cut to a few sentences, the orders counted together") {
    using cs::app::spoken_summary;
    CHECK(spoken_summary({}).empty());
    CHECK(spoken_summary({event("Server 6 crashed.")}) == "Server 6 crashed.");
    CHECK(spoken_summary({order(OrderStatus::Rejected, "Order 4 was rejected: not enough stock.")}) ==
          "Order 4 was rejected: not enough stock.");
    CHECK(spoken_summary({order(OrderStatus::Acknowledged), order(OrderStatus::Rejected), order(OrderStatus::Acknowledged),
                          order(OrderStatus::Unknown)}) == "4 orders: 2 acknowledged, 1 rejected, 1 outcome unknown.");
    // Events first, the orders' sentence keeps its room, the rest is counted.
    CHECK(spoken_summary({event("A."), order(OrderStatus::Acknowledged), event("B."), event("C."), event("D."),
                          order(OrderStatus::Acknowledged)},
                         3) == "A. B. 2 orders: 2 acknowledged. 2 more events.");
    CHECK(spoken_summary({event("A."), event("B.")}, 1) == "A. 1 more event.");
}

TEST_CASE("only the newest announcements are kept") {
    Simulation sim;
    Announcer announcer;
    sim.run_until(us_from_s(1));
    for (int i = 0; i < 150; ++i) {
        REQUIRE(sim.execute("order PRD-1 100000").ok);  // rejected at once: one announcement each
        sim.run_until(sim.now_us() + us_from_s(1));
        announcer.update(sim);
    }
    CHECK(announcer.latest() >= 150);
    CHECK(announcer.since(0).size() == std::min<std::size_t>(announcer.latest(), Announcer::kKept));
    CHECK(announcer.since(announcer.latest()).empty());
}
