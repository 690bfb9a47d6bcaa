#pragma once
// The scenario language (docs/ARCHITECTURE.md), one command a line. The same parser
// serves scenario files, the CLI and the page's command(): a line is either
// parsed completely into a Command or rejected with a message; nothing is
// half-applied.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checker.h"
#include "config.h"
#include "message.h"
#include "time.h"

namespace cs {

enum class Verb : std::uint8_t {
    None,  // blank line or comment
    Servers, Seed, Product, Replication, Quorum, Resync, Latency, Loss, Lb, Weight,
    Order, Read, Crash, Restart, Partition, Heal, Isolate, Drop, Load, LoadStop,
    Run, RunUntil, Expect,
    Slow,  // appended, so the values above keep their numbers
    Timing, Delay, Duplicate, Reorder,
    CheckReads, Burst,
};

// `timing KEY VALUE`: a protocol timing of Config, set before the run starts.
// VALUE is a duration, or a count for suspect-after.
struct TimingKey {
    const char* name;
    TimeUs min_us, max_us;  // accepted values (for a count: the count itself)
    bool count;
};
const std::vector<TimingKey>& timing_keys();
// Sets the timing `name` in config; false if there is no such timing.
bool set_timing(Config& config, std::string_view name, std::int64_t value);

enum class ExpectKind : std::uint8_t { Leader, Stock, Orders, Alive, Converged, NoViolations, Violation, Load, Share, Routed,
                                        Linearizable, NotLinearizable };

// The name an `expect violation` line uses ("oversell", ...): the checker's own names.
bool parse_violation_kind(std::string_view text, ViolationKind& out);

struct OrderCounts {  // -1: not asked for
    std::int64_t submitted = -1, acknowledged = -1, rejected = -1, unknown = -1;
};

// What an expectation accepts: min..max inclusive (an exact value has min == max).
struct Bounds {
    std::int64_t min = -1, max = -1;  // min < 0: not asked for
    bool asked() const { return min >= 0; }
    bool holds(std::int64_t v) const { return v >= min && v <= max; }
};

// `expect load ...`: counts, and latency percentiles in microseconds, of the last load test.
struct LoadExpect {
    Bounds submitted, acknowledged, rejected, unknown;
    Bounds p50_us, p95_us, p99_us;
};

struct Command {
    Verb verb = Verb::None;
    TimeUs at_us = -1;          // `at T ...`: when to apply; -1 means now
    std::int64_t number = 0;    // servers, seed, stock, quantity, weight, ...
    std::int64_t number2 = 0;   // price (cents), weight value, ...
    double fraction = 0;        // loss, slow factor
    TimeUs time_us = 0;         // run duration / until, load duration
    TimeUs time2_us = 0;        // latency max
    double rate = 0;            // load: orders per second
    std::string name;           // product SKU, lb algorithm, load preset
    NodeId node = kNoNode;      // crash/restart/isolate/weight target, drop from, order via
    NodeId node2 = kNoNode;     // drop to
    std::vector<NodeId> side_a, side_b;  // partition, expect alive
    bool flag = false;          // replication async, quorum on
    // expect
    ExpectKind expect = ExpectKind::Leader;
    ViolationKind violation = ViolationKind::Oversell;
    OrderCounts orders;
    LoadExpect load;
    Bounds bounds;              // expect routed (count), expect share (hundredths of a percent)
    std::string text;           // the line as written, for messages
};

// What the parser needs to know to validate ids, products and times.
struct ParseContext {
    int servers = 6;
    std::vector<std::string> products;
    TimeUs now_us = 0;
    bool setup_allowed = true;  // servers/seed/product only before the run starts
};

// Parses one line. Returns false and sets error (without a file:line prefix) on bad input.
bool parse_command(std::string_view line, const ParseContext& context, Command& out, std::string& error);

// The limits of the language (SCENARIO_LANGUAGE.md, "Limits"). They keep every
// quantity and sum inside 64 bits, and the longest scenario to minutes of CPU.
constexpr std::int64_t kMaxQuantity = 1000000;            // |order quantity|
constexpr std::int64_t kMaxStock = 1000000000;            // product stock=
constexpr std::int64_t kMaxPriceCents = 100000 * 100;     // product price= (100,000.00)
constexpr TimeUs kMaxRunUs = us_from_s(24 * 3600);        // one `run D` line
constexpr TimeUs kMaxScenarioUs = us_from_s(48 * 3600);   // the clock never goes past this

// What the user wrote, for a message: in single quotes, cut to about 40 characters
// (never inside a UTF-8 character), control bytes and bytes that are not UTF-8
// shown as \xNN, so a message is always one short printable line.
std::string quote(std::string_view text);

// "250ms", "1.5s", "2m", "30us" -> microseconds. False on bad syntax.
bool parse_duration(std::string_view text, TimeUs& out);
std::string format_duration(TimeUs t);

}  // namespace cs
