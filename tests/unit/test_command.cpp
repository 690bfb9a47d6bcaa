#include <doctest/doctest.h>

#include <algorithm>

#include "sim/command.h"
#include "sim/scenario.h"
#include "unit/helpers.h"

using namespace cs;

namespace {
ParseContext context() {
    ParseContext pc;
    for (const auto& p : default_catalogue()) pc.products.push_back(p.sku);
    return pc;
}
Command parse_ok(std::string_view line) {
    Command c;
    std::string error;
    INFO("line: " << line);
    REQUIRE_MESSAGE(parse_command(line, context(), c, error), error);
    return c;
}
std::string parse_error(std::string_view line, ParseContext pc = context()) {
    Command c;
    std::string error;
    CHECK_FALSE(parse_command(line, pc, c, error));
    return error;
}
}  // namespace

TEST_CASE("parser: durations") {
    TimeUs t = 0;
    CHECK(parse_duration("250ms", t));
    CHECK(t == 250000);
    CHECK(parse_duration("1.5s", t));
    CHECK(t == 1500000);
    CHECK(parse_duration("2m", t));
    CHECK(t == 120000000);
    CHECK(parse_duration("30us", t));
    CHECK(t == 30);
    CHECK_FALSE(parse_duration("10", t));
    CHECK_FALSE(parse_duration("s", t));
    CHECK_FALSE(parse_duration("1.2.3s", t));
    CHECK_FALSE(parse_duration("-1s", t));
    CHECK_FALSE(parse_duration("5 s", t));
}

TEST_CASE("parser: every verb of the language") {
    CHECK(parse_ok("servers 8").number == 8);
    CHECK(parse_ok("seed 42").number == 42);
    const Command p = parse_ok("product PRD-9 stock=7 price=9.99");
    CHECK(p.name == "PRD-9");
    CHECK(p.number == 7);
    CHECK(p.number2 == 999);
    CHECK(parse_ok("replication async").flag);
    CHECK_FALSE(parse_ok("replication sync").flag);
    CHECK(parse_ok("quorum on").flag);
    const Command lat = parse_ok("latency 5ms..20ms");
    CHECK(lat.time_us == 5000);
    CHECK(lat.time2_us == 20000);
    CHECK(parse_ok("loss 0.05").fraction == doctest::Approx(0.05));
    CHECK(parse_ok("lb least-connections").name == "least-connections");
    const Command w = parse_ok("weight 3 2");
    CHECK((w.node == 3 && w.number == 2));
    const Command o = parse_ok("order PRD-1 5 via 3");
    CHECK((o.verb == Verb::Order && o.name == "PRD-1" && o.number == 5 && o.node == 3));
    CHECK(parse_ok("order PRD-1 5").node == kLoadBalancer);
    CHECK(parse_ok("read PRD-2 via 4").verb == Verb::Read);
    CHECK(parse_ok("crash 6").node == 6);
    CHECK(parse_ok("restart 6").verb == Verb::Restart);
    const Command part = parse_ok("partition 1,2,3 | 4,5,6");
    CHECK(part.side_a == std::vector<NodeId>{1, 2, 3});
    CHECK(part.side_b == std::vector<NodeId>{4, 5, 6});
    CHECK(parse_ok("partition 1, 2 |3").side_b == std::vector<NodeId>{3});
    CHECK(parse_ok("heal").verb == Verb::Heal);
    CHECK(parse_ok("isolate 4").node == 4);
    const Command d = parse_ok("drop 5->3");
    CHECK((d.node == 5 && d.node2 == 3));
    const Command heavy = parse_ok("load heavy");
    CHECK((heavy.rate == 10 && heavy.time_us == us_from_s(20)));
    const Command custom = parse_ok("load rate=50 duration=30s");
    CHECK((custom.rate == 50 && custom.time_us == us_from_s(30)));
    CHECK(parse_ok("load stop").verb == Verb::LoadStop);
    const Command at = parse_ok("at 2.5s crash 6");
    CHECK((at.at_us == 2500000 && at.verb == Verb::Crash));
    CHECK(parse_ok("run 30s").time_us == us_from_s(30));
    CHECK(parse_ok("run until 1m").verb == Verb::RunUntil);
    CHECK(parse_ok("expect leader none").node == kNoNode);
    CHECK(parse_ok("expect stock PRD-1 95 on 3").node == 3);
    const Command eo = parse_ok("expect orders acknowledged=3 rejected=1");
    CHECK((eo.orders.acknowledged == 3 && eo.orders.rejected == 1 && eo.orders.submitted == -1));
    CHECK(parse_ok("expect alive 1,2,4,5").side_a.size() == 4);
    CHECK(parse_ok("expect converged").expect == ExpectKind::Converged);
    CHECK(parse_ok("expect no-violations").expect == ExpectKind::NoViolations);
    CHECK(parse_ok("expect violation split-brain").violation == ViolationKind::SplitBrain);
    CHECK(parse_ok("  # only a comment").verb == Verb::None);
    CHECK(parse_ok("crash 2   # with a comment").node == 2);
}

TEST_CASE("parser: malformed arguments are rejected with a useful message") {
    struct Case {
        const char* line;
        const char* message;
    };
    const Case cases[] = {
        {"servers", "expected 'servers N'"},
        {"servers 1", "servers must be a whole number from 2 to 64"},
        {"seed -3", "seed must be a whole number from 0 to 18446744073709551615"},
        {"seed 18446744073709551616", "seed must be a whole number from 0 to 18446744073709551615"},
        {"product X stock=-1 price=1", "expected stock=N (N >= 0)"},
        {"product X stock=1 cost=1", "expected price=N"},
        {"product X! stock=1 price=1", "letters, digits"},
        {"replication maybe", "expected 'replication sync' or 'replication async'"},
        {"quorum yes", "expected 'quorum on' or 'quorum off'"},
        {"latency 20ms..5ms", "latency range must satisfy"},
        {"latency fast", "expected a latency range"},
        {"loss -0.1", "loss must be a probability"},
        {"lb fastest", "expected 'lb round-robin"},
        {"weight 3", "expected 'weight S W'"},
        {"weight 3 0", "weight must be a whole number from 1 to 100"},
        {"order PRD-1", "expected 'order SKU QUANTITY [via S]'"},
        {"order PRD-1 many", "expected a whole quantity"},
        {"order PRD-1 1 via 0", "no server 0"},
        {"order PRD-1 1 through 2", "expected 'order SKU QUANTITY [via S]'"},
        {"read", "expected 'read SKU [via S]'"},
        {"crash", "expected 'crash N'"},
        {"crash seven", "expected a server id"},
        {"restart 7", "no server 7"},
        {"isolate", "expected 'isolate N'"},
        {"partition 1,2,3", "expected 'partition 1,2,3 | 4,5,6'"},
        {"partition 1,2 | 2,3", "server 2 is on both sides"},
        {"partition 1,x | 3", "expected a server id"},
        {"partition | 3", "expected a server id"},
        {"heal now", "expected 'heal'"},
        {"drop 5-3", "expected 'drop A->B'"},
        {"drop 5->9", "no server 9"},
        {"load extreme", "expected 'load light|medium|heavy|stop'"},
        {"load rate=0 duration=5s", "rate must be a number of orders per second"},
        {"load rate=5 duration=forever", "expected a duration like 30s"},
        {"load rate=5", "expected 'load light|medium|heavy|stop'"},
        {"at crash 6", "expected a time like 2.5s"},
        {"at 1s", "expected 'at TIME COMMAND'"},
        {"at 1s run 5s", "'run' cannot be scheduled"},
        {"at 1s expect leader 6", "'expect' cannot be scheduled"},
        {"run", "expected 'run DURATION'"},
        {"run until", "expected 'run DURATION'"},
        {"expect", "expected what to expect"},
        {"expect leader", "expected 'expect leader N'"},
        {"expect stock PRD-1", "expected 'expect stock SKU N [on S]'"},
        {"expect stock PRD-1 x", "expected a stock number"},
        {"expect orders", "expected 'expect orders'"},
        {"expect orders shipped=3", "expected submitted=N"},
        {"expect orders unknown=-1", "expected a count"},
        {"expect orders submitted=1 submitted=2", "'submitted=' is given twice"},
        {"expect load p99=1s acknowledged=3 p99=2s", "'p99=' is given twice"},
        {"expect alive", "expected 'expect alive"},
        {"expect converged now", "takes no arguments"},
        {"expect violation bad-vibes", "expected 'expect violation oversell"},
        {"dance", "unknown command 'dance'"},
    };
    for (const auto& c : cases) {
        INFO("line: " << c.line);
        const std::string error = parse_error(c.line);
        CHECK_MESSAGE(error.find(c.message) != std::string::npos, error);
    }
}

TEST_CASE("parser: a line with a control character or bytes that are not UTF-8 is refused, naming the column") {
    using namespace std::string_literals;
    // A NUL once cut the message quoting the line ("got '1"); invalid UTF-8 reached the terminal as it was.
    CHECK(parse_error("crash 1\0"s) == "column 8: byte 0x00 is a control character; a scenario is plain text");
    CHECK(parse_error("\xff\xfe run 1s") == "column 1: byte 0xFF is not valid UTF-8; a scenario is plain text");
    CHECK(parse_error("run 1s\x1b[2J") == "column 7: byte 0x1B is a control character; a scenario is plain text");
    CHECK(parse_error("order PRD-1 \xc3") == "column 13: byte 0xC3 is not valid UTF-8; a scenario is plain text");
    CHECK(parse_error("crash \xed\xa0\x80") == "column 7: byte 0xED is not valid UTF-8; a scenario is plain text");  // a surrogate
    // Valid UTF-8 is text: it reaches the usual message, and a comment may hold anything.
    CHECK(parse_error("product \xc3\xa9t\xc3\xa9 stock=1 price=1").find("got '\xc3\xa9t\xc3\xa9'") != std::string::npos);
    parse_ok("run 1s # \xff\x01 a comment is not read");
    parse_ok("run 1s\r");
    parse_ok("run\t1s");
}

TEST_CASE("scenario: a seed is any 64-bit number, as the page, run --seed and fuzz --first-seed take it") {
    // `fuzz --first-seed 9999999999999999999 --emit-scenario` once wrote a file `run` refused.
    Scenario s;
    std::string error;
    REQUIRE_MESSAGE(parse_scenario("seed 18446744073709551615\nrun 1s\n", "big.scn", s, error), error);
    CHECK(s.config.seed == UINT64_MAX);
    REQUIRE_MESSAGE(parse_scenario("seed 9999999999999999999\n", "big.scn", s, error), error);
    CHECK(s.config.seed == 9999999999999999999ULL);
    CHECK_FALSE(parse_scenario("seed 18446744073709551616\n", "big.scn", s, error));
    CHECK_FALSE(parse_scenario("seed +5\n", "big.scn", s, error));
}

TEST_CASE("parser: a message quotes at most 40 characters of what was written") {
    // A 20 KB word once made a 20 KB message.
    const std::string error = parse_error("order PRD-1 " + std::string(20000, '9'));
    CHECK(error == "expected a whole quantity, got '" + std::string(40, '9') + "...'");
    CHECK(quote("ab") == "'ab'");
    CHECK(quote(std::string(39, 'a') + "\xc3\xa9\xc3\xa9") == "'" + std::string(39, 'a') + "\xc3\xa9...'");  // not inside a character
    CHECK(quote("a\tb") == "'a\\x09b'");
}

TEST_CASE("parser: times in the past and setup after the start are refused") {
    ParseContext pc = context();
    pc.now_us = us_from_s(10);
    CHECK(parse_error("at 5s crash 6", pc).find("is in the past") != std::string::npos);
    CHECK(parse_error("run until 5s", pc).find("is in the past") != std::string::npos);
    pc.setup_allowed = false;
    CHECK(parse_error("servers 8", pc).find("must come before the simulation starts") != std::string::npos);
}

TEST_CASE("execute: bad input changes nothing") {
    Simulation sim;
    test::exec(sim, "run 2s");
    const std::string before = sim.state_json();
    for (const char* bad : {"crash 9", "partition 1,2 | 2", "order", "servers 8", "explode", "", "drop 1->1", "crash 1\x01",
                            "order PRD-1 99999999999", "order PRD-1 1.5", "run -5s", "run 1e400"}) {
        const CommandResult r = sim.execute(bad);
        CHECK_FALSE(r.ok);
        CHECK_FALSE(r.error.empty());
    }
    CHECK(sim.state_json() == before);
}

TEST_CASE("scenario: parse errors name FILE:LINE and stop before anything runs") {
    Scenario s;
    std::string error;
    CHECK_FALSE(parse_scenario("run 1s\n\n# fine\ncrash 42\n", "demo.scn", s, error));
    CHECK(error == "demo.scn:4: no server 42 (servers are 1..6)");
    CHECK(parse_scenario("servers 8\nseed 5\nproduct A stock=3 price=1\nquorum on\nrun 1s\ncrash 8\n", "ok.scn", s, error));
    CHECK(s.config.servers == 8);
    CHECK(s.config.seed == 5);
    REQUIRE(s.config.catalogue.size() == 1);
    CHECK(s.config.catalogue[0].sku == "A");
    CHECK(s.commands.size() == 3);
}

// Every verb of the language, each with malformed arguments: through a scenario
// file the error names FILE:LINE and says what was expected; through command()
// (Simulation::execute) it is refused with the same message and nothing changes.
// Some refusals need the live state (crash a crashed server, restart a running
// one): those are checked through execute only, where they can happen.
TEST_CASE("every verb: malformed arguments give FILE:LINE, a useful message, and change nothing") {
    struct Case {
        Verb verb;            // the verb the line is about
        const char* line;
        const char* message;  // part of the error
        bool parse_error = true;  // false: refused only when applied to the live state
        const char* command_message = nullptr;  // what command() says, if not `message`
    };
    constexpr const char* kSetupOnly = "must come before the simulation starts";
    const Case cases[] = {
        {Verb::Servers, "servers 65", "servers must be a whole number from 2 to 64", true, kSetupOnly},
        {Verb::Seed, "seed x", "seed must be a whole number from 0", true, kSetupOnly},
        {Verb::Product, "product A stock=1", "expected 'product SKU stock=N price=N'"},
        {Verb::Replication, "replication", "expected 'replication sync' or 'replication async'"},
        {Verb::Quorum, "quorum maybe", "expected 'quorum on' or 'quorum off'"},
        {Verb::Resync, "resync sometimes", "expected 'resync on' or 'resync off'"},
        {Verb::Latency, "latency 5ms..20", "expected a latency range like 5ms..20ms"},
        {Verb::Loss, "loss 1.5", "loss must be a probability from 0 to 1"},
        {Verb::Lb, "lb random", "expected 'lb round-robin"},
        {Verb::Weight, "weight 9 2", "no server 9"},
        {Verb::Slow, "slow 2 0.5", "slow factor must be a number from 1 to 1000"},
        {Verb::Timing, "timing heartbeat 1s", kSetupOnly},  // the range is checked by tests/cli/invalid/bad_timing.scn
        {Verb::Delay, "delay 1->2 2m", "delay takes a duration from 1ms to 60s"},
        {Verb::Burst, "burst 3->3 1s", "burst needs two different servers"},
        {Verb::CheckReads, "check-reads maybe", "expected 'check-reads on' or 'check-reads off'"},
        {Verb::Duplicate, "duplicate 2", "duplicate takes a probability from 0 to 1"},
        {Verb::Reorder, "reorder", "reorder takes a probability from 0 to 1"},
        {Verb::Order, "order PRD-1 2 via", "expected 'order SKU QUANTITY [via S]'"},
        {Verb::Read, "read PRD-1 via 0", "no server 0"},
        {Verb::Crash, "crash 1,2", "expected a server id"},
        {Verb::Restart, "restart", "expected 'restart N'"},
        {Verb::Restart, "restart 2", "server 2 is not crashed", false},
        {Verb::Partition, "partition 1,2", "expected 'partition 1,2,3 | 4,5,6'"},
        {Verb::Heal, "heal 3", "expected 'heal'"},
        {Verb::Isolate, "isolate 0", "no server 0"},
        {Verb::Drop, "drop 2->2", "drop needs two different servers"},
        {Verb::Load, "load rate=5 duration=0s", "expected a duration like 30s"},
        {Verb::LoadStop, "load stop now", "expected rate=N and duration=D"},
        {Verb::Run, "run 5", "expected 'run DURATION'"},
        {Verb::RunUntil, "run until 1s", "is in the past"},
        {Verb::Expect, "expect leader 7", "no server 7"},
        {Verb::Expect, "expect stock PRD-1 100 on", "expected 'expect stock SKU N [on S]'"},
        {Verb::Expect, "expect violation everything", "expected 'expect violation oversell"},
    };
    std::vector<Verb> covered;
    for (const Case& c : cases) {
        INFO("line: " << std::string(c.line));
        covered.push_back(c.verb);
        if (c.parse_error) {
            // Through a scenario file, as its line 2 (after some time has passed, so that
            // `run until 1s` is in the past; setup lines after a comment only).
            Scenario s;
            std::string error;
            const bool setup = c.verb == Verb::Servers || c.verb == Verb::Seed || c.verb == Verb::Product;
            const std::string first_line = setup ? "# setup lines must come first\n" : "run 2s\n";
            CHECK_FALSE(parse_scenario(first_line + c.line + "\n", "table.scn", s, error));
            CHECK_MESSAGE(error.rfind("table.scn:2: ", 0) == 0, error);
            CHECK_MESSAGE(error.find(c.message) != std::string::npos, error);
        }
        // Through command(): refused, with the message, and the state is as it was.
        Simulation sim;
        test::exec(sim, "run 2s");
        const std::string before = sim.state_json();
        const std::uint64_t notes = sim.event_log().notes_total();
        const CommandResult r = sim.execute(c.line);
        CHECK_FALSE(r.ok);
        CHECK_MESSAGE(r.error.find(c.command_message ? c.command_message : c.message) != std::string::npos, r.error);
        CHECK(sim.state_json() == before);
        CHECK(sim.event_log().notes_total() == notes);
    }
    // Every verb has a row (Verb::None, a blank line, cannot be malformed).
    for (int v = static_cast<int>(Verb::Servers); v <= static_cast<int>(Verb::Burst); ++v) {
        INFO("verb number " << v);
        CHECK(std::find(covered.begin(), covered.end(), static_cast<Verb>(v)) != covered.end());
    }
}
