#include "fault_schedule.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

#include "command.h"
#include "rng.h"

// Every draw from the PRNG is its own statement: the operands of `a + b` are
// evaluated in an unspecified order, and GCC and clang (so native and wasm)
// pick differently, which would give one seed two schedules.
namespace cs {
namespace {

// Its own stream, so the schedule never shares draws with the simulation's
// streams (network, workload, balancer) derived from the same seed.
constexpr std::uint64_t kScheduleStream = 0xFA17;
// Swarm choices (kinds, frequencies, timings) come from a stream of their own,
// so a seed without --swarm draws exactly what it drew before the swarm existed.
constexpr std::uint64_t kSwarmStream = 0x5A12;

// Products: one scarce (overselling it is reachable), two plentiful (writes go
// on for the whole run, so split brain and lost orders stay reachable after the
// scarce one has sold out).
constexpr std::int64_t kPlentifulStock = 1000000;

// How often faults come: each seed picks one pace, so some runs are a storm and
// others leave elections time to finish.
constexpr TimeUs kMeanGapsUs[] = {us_from_ms(500), us_from_s(2), us_from_s(8)};

class Lines {
public:
    void add(const std::string& line) {
        text_ += line;
        text_ += '\n';
        ++count_;
    }
    int count() const { return count_; }
    std::string take() { return std::move(text_); }

private:
    std::string text_;
    int count_ = 0;
};

std::string at(TimeUs t, const std::string& command) { return "at " + format_duration(t) + " " + command; }

std::string id_list(const std::vector<int>& ids) {
    std::string out;
    for (int id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
    return out;
}

// "7.5" for 75 tenths: the scenario parser takes plain decimals.
std::string tenths(std::int64_t value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%lld.%lld", static_cast<long long>(value / 10), static_cast<long long>(value % 10));
    return buffer;
}

std::string load_line(Rng& rng, TimeUs duration_us) {
    return "load rate=" + tenths(rng.uniform(5, 200)) + " duration=" + format_duration(duration_us);
}

// What the schedule has done so far, so that every command it writes is valid
// when it runs (no restart of a running server, no crash of a crashed one) and
// repairs get likelier the more is broken.
struct World {
    int servers = 0;
    TimeUs now = 0;
    TimeUs end = 0;  // of the safety phase
    std::vector<bool> alive;
    std::vector<TimeUs> crash_at;    // when the server's last crash happens (may be ahead of now)
    std::vector<bool> slowed;        // swarm: `slow S F` in force
    bool partitioned = false;
    bool isolated = false;
    bool loss = false;
    bool slow = false;               // a slow latency range in force
    bool duplicate = false, reorder = false, resync_off = false;
    std::vector<std::string> later;  // swarm: `at` lines for a moment after now (a crash during an election)
    int alive_count() const { return static_cast<int>(std::count(alive.begin(), alive.end(), true)); }
    // Crashed, and crashed already (not waiting for a crash scheduled later).
    bool restartable(int id) const {
        const auto i = static_cast<std::size_t>(id - 1);
        return !alive[i] && crash_at[i] <= now;
    }
    int restartable_count() const {
        int n = 0;
        for (int id = 1; id <= servers; ++id) n += restartable(id) ? 1 : 0;
        return n;
    }
    int pick(Rng& rng, bool want_alive) const {
        std::vector<int> ids;
        for (int id = 1; id <= servers; ++id)
            if (want_alive ? alive[static_cast<std::size_t>(id - 1)] : restartable(id)) ids.push_back(id);
        return ids[static_cast<std::size_t>(rng.uniform(0, static_cast<std::int64_t>(ids.size()) - 1))];
    }
    // Bully's leader is the highest id that is up (while the network is whole).
    int highest_alive() const {
        for (int id = servers; id >= 1; --id)
            if (alive[static_cast<std::size_t>(id - 1)]) return id;
        return 0;
    }
    void crash(int id, TimeUs at_us) {
        alive[static_cast<std::size_t>(id - 1)] = false;
        crash_at[static_cast<std::size_t>(id - 1)] = at_us;
    }
};

std::string partition_line(Rng& rng, int servers) {
    std::vector<int> ids;
    for (int id = 1; id <= servers; ++id) ids.push_back(id);
    for (std::size_t i = ids.size() - 1; i > 0; --i)  // Fisher-Yates with our own PRNG
        std::swap(ids[i], ids[static_cast<std::size_t>(rng.uniform(0, static_cast<std::int64_t>(i)))]);
    const auto cut = static_cast<std::size_t>(rng.uniform(1, servers - 1));
    std::vector<int> a(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(cut));
    std::vector<int> b(ids.begin() + static_cast<std::ptrdiff_t>(cut), ids.end());
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return "partition " + id_list(a) + " | " + id_list(b);
}

// The first eleven are the classic schedule's; the rest only the swarm turns on
// (appended with weight 0 otherwise, so the classic draws are unchanged).
enum class Action {
    Crash, Restart, Partition, Heal, Isolate, Loss, Latency, Drop, Order, Load, Calm,
    LeaderCrash, Delay, Slow, Duplicate, Reorder, Resync, Read, Flap, Count
};
constexpr std::size_t kActions = static_cast<std::size_t>(Action::Count);

// How much each action is wanted: 0 off, otherwise a multiplier of its weight.
// Classic: the first eleven at 1. Swarm: each fault kind on with probability
// 1/2, at 1x to 4x; the repairs (restart, heal, calm) stay on.
using Scales = std::array<int, kActions>;

Scales classic_scales() {
    Scales out{};
    for (std::size_t i = 0; i <= static_cast<std::size_t>(Action::Calm); ++i) out[i] = 1;
    return out;
}

Scales swarm_scales(Rng& rng) {
    Scales out{};
    bool any = false;
    for (std::size_t i = 0; i < kActions; ++i) {
        const auto a = static_cast<Action>(i);
        if (a == Action::Restart || a == Action::Heal || a == Action::Calm) continue;
        const bool on = rng.chance(0.5);
        const auto scale = rng.uniform(1, 4);
        out[i] = on ? static_cast<int>(scale) : 0;
        any = any || (on && a != Action::Order && a != Action::Read && a != Action::Load);
    }
    if (!any) out[static_cast<std::size_t>(Action::Crash)] = 1;  // every seed injects some fault
    out[static_cast<std::size_t>(Action::Restart)] = 1;
    out[static_cast<std::size_t>(Action::Heal)] = 1;
    out[static_cast<std::size_t>(Action::Calm)] = 1;
    return out;
}

const char* action_name(Action a) {
    static const char* const kNames[] = {"crash", "restart", "partition", "heal", "isolate", "loss", "latency",
                                         "drop", "order", "load", "calm", "leader-crash", "delay", "slow",
                                         "duplicate", "reorder", "resync-off", "read", "leader-flap"};
    return kNames[static_cast<std::size_t>(a)];
}

// Relative weights of the actions in the world as it is now: faults that are in
// force get likelier to be repaired, so runs mix storms with stretches of
// normal work (where the protocol's bookkeeping is exercised, not just its
// error paths).
std::array<int, kActions> weights(const World& w, const Scales& scales) {
    std::array<int, kActions> out{};
    auto set = [&](Action a, int weight) { out[static_cast<std::size_t>(a)] = weight * scales[static_cast<std::size_t>(a)]; };
    set(Action::Crash, w.alive_count() >= 2 ? 10 : 0);  // keep someone up: a dead cluster tests nothing
    set(Action::Restart, 8 * w.restartable_count());
    set(Action::Partition, w.partitioned ? 2 : 6);
    set(Action::Heal, w.partitioned || w.isolated ? 12 : 1);
    set(Action::Isolate, 4);
    set(Action::Loss, w.loss ? 12 : 4);
    set(Action::Latency, w.slow ? 12 : 4);
    set(Action::Drop, 10);
    set(Action::Order, 8);
    set(Action::Load, 3);
    set(Action::Calm, 3);
    set(Action::LeaderCrash, w.alive_count() >= 3 ? 6 : 0);
    set(Action::Delay, 6);
    set(Action::Slow, std::count(w.slowed.begin(), w.slowed.end(), true) ? 10 : 4);
    set(Action::Duplicate, w.duplicate ? 10 : 3);
    set(Action::Reorder, w.reorder ? 10 : 3);
    set(Action::Resync, w.resync_off ? 12 : 2);
    set(Action::Read, 6);
    set(Action::Flap, w.isolated || w.partitioned ? 0 : 3);
    return out;
}

Action draw_action(const World& w, const Scales& scales, Rng& rng) {
    const auto table = weights(w, scales);
    int total = 0;
    for (int weight : table) total += weight;
    std::int64_t x = rng.uniform(0, total - 1);
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (x < table[i]) return static_cast<Action>(i);
        x -= table[i];
    }
    return Action::Heal;
}

constexpr const char* kNormalLatency = "latency 5ms..20ms";

// The commands of one action now (a calm is several: everything repaired at once).
// "0.07" for 7 hundredths.
std::string hundredths(std::int64_t value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "0.%02lld", static_cast<long long>(value));
    return buffer;
}

constexpr const char* kSkus[] = {"SCARCE", "PLENTY-A", "PLENTY-B"};

std::vector<std::string> repairs(World& w);

std::vector<std::string> action_lines(Action action, World& w, Rng& rng, TimeUs remaining_us) {
    switch (action) {
        case Action::Crash: {
            const int id = w.pick(rng, true);
            w.crash(id, w.now);
            return {"crash " + std::to_string(id)};
        }
        case Action::LeaderCrash: {
            // The leader, and sometimes its successor while the election is on.
            const int id = w.highest_alive();
            w.crash(id, w.now);
            const TimeUs gap_us = us_from_ms(rng.uniform(50, 1500));
            if (rng.chance(0.5) && w.alive_count() >= 2 && w.now + gap_us < w.end) {
                const int next = w.highest_alive();
                w.crash(next, w.now + gap_us);
                w.later.push_back(at(w.now + gap_us, "crash " + std::to_string(next)));
            }
            return {"crash " + std::to_string(id)};
        }
        case Action::Flap: {
            // A leader that flaps: cut off long enough for the others to elect without it,
            // back, cut off again, back; and one of its messages to another server held up
            // across the second cut (a burst), so that the answer arrives from a newer epoch.
            const int h = w.highest_alive();
            auto other = rng.uniform(1, w.servers - 1);
            if (other >= h) ++other;
            const TimeUs back = us_from_ms(rng.uniform(5000, 10000));
            const TimeUs burst_at = back + us_from_ms(rng.uniform(0, 1500));
            const TimeUs again = burst_at + us_from_ms(rng.uniform(500, 3000));
            const TimeUs burst_len = us_from_ms(rng.uniform(8000, 25000));
            const TimeUs heal_again = burst_at + burst_len - us_from_ms(rng.uniform(0, 1000));
            if (h < 1 || w.now + heal_again >= w.end) return {"isolate " + std::to_string(rng.uniform(1, w.servers))};
            w.isolated = true;
            const std::string hs = std::to_string(h);
            w.later.push_back(at(w.now + back, "heal"));
            w.later.push_back(at(w.now + burst_at, "burst " + hs + "->" + std::to_string(other) + " " + format_duration(burst_len)));
            w.later.push_back(at(w.now + again, "isolate " + hs));
            w.later.push_back(at(w.now + heal_again, "heal"));
            return {"isolate " + hs};
        }
        case Action::Delay: {
            const auto a = rng.uniform(1, w.servers);
            auto b = rng.uniform(1, w.servers - 1);
            if (b >= a) ++b;
            static constexpr std::int64_t kMaxMs[] = {1000, 5000, 30000};  // bursts up to 1 s, 5 s or 30 s
            const auto max_ms = kMaxMs[rng.uniform(0, 2)];
            const auto ms = rng.uniform(100, max_ms);
            // Half stall the link (FIFO), half delay one message that the rest overtake.
            const char* verb = rng.chance(0.5) ? "delay " : "burst ";
            return {verb + std::to_string(a) + "->" + std::to_string(b) + " " + format_duration(us_from_ms(ms))};
        }
        case Action::Slow: {
            const auto id = rng.uniform(1, w.servers);
            const auto i = static_cast<std::size_t>(id - 1);
            static constexpr int kFactors[] = {2, 5, 20, 100};
            const int factor = kFactors[rng.uniform(0, 3)];
            w.slowed[i] = !w.slowed[i];
            return {"slow " + std::to_string(id) + " " + std::to_string(w.slowed[i] ? factor : 1)};
        }
        case Action::Duplicate: {
            w.duplicate = !w.duplicate;
            const auto p = rng.uniform(1, 20);
            return {"duplicate " + (w.duplicate ? hundredths(p) : std::string("0"))};
        }
        case Action::Reorder: {
            w.reorder = !w.reorder;
            const auto p = rng.uniform(1, 30);
            return {"reorder " + (w.reorder ? hundredths(p) : std::string("0"))};
        }
        case Action::Resync: w.resync_off = !w.resync_off; return {w.resync_off ? "resync off" : "resync on"};
        case Action::Read: {
            const auto sku = rng.uniform(0, 2);
            std::string line = std::string("read ") + kSkus[sku];
            if (rng.chance(0.7)) {
                const auto via = rng.uniform(1, w.servers);
                line += " via " + std::to_string(via);
            }
            return {line};
        }
        case Action::Restart: {
            const int id = w.pick(rng, false);
            w.alive[static_cast<std::size_t>(id - 1)] = true;
            return {"restart " + std::to_string(id)};
        }
        case Action::Partition: w.partitioned = true; return {partition_line(rng, w.servers)};
        case Action::Heal: w.partitioned = w.isolated = false; return {"heal"};
        case Action::Isolate: w.isolated = true; return {"isolate " + std::to_string(rng.uniform(1, w.servers))};
        case Action::Loss:
            w.loss = !w.loss;
            if (!w.loss) return {"loss 0"};
            {
                const auto hundredths = rng.uniform(10, 49);
                return {"loss 0." + std::to_string(hundredths)};
            }
        case Action::Latency: {
            w.slow = !w.slow;
            if (!w.slow) return {kNormalLatency};
            const TimeUs lo = us_from_ms(rng.uniform(1, 100));
            const TimeUs hi = lo + us_from_ms(rng.uniform(0, 900));
            return {"latency " + format_duration(lo) + ".." + format_duration(hi)};
        }
        case Action::Drop: {
            const auto a = rng.uniform(1, w.servers);
            auto b = rng.uniform(1, w.servers - 1);
            if (b >= a) ++b;
            return {"drop " + std::to_string(a) + "->" + std::to_string(b)};
        }
        case Action::Order: {
            const auto sku = rng.uniform(0, 2);
            const auto quantity = rng.uniform(1, 3);
            std::string line = std::string("order ") + kSkus[sku] + " " + std::to_string(quantity);
            if (rng.chance(0.7)) {
                const auto via = rng.uniform(1, w.servers);
                line += " via " + std::to_string(via);
            }
            return {line};
        }
        case Action::Load: return {load_line(rng, remaining_us)};
        case Action::Calm: {
            std::vector<std::string> lines = {"heal", "loss 0", kNormalLatency};
            for (const std::string& line : repairs(w)) lines.push_back(line);
            return lines;
        }
        case Action::Count: break;
    }
    return {};
}

// Restarts every crashed server and undoes the swarm's faults (the classic
// schedule's calm writes heal, loss and latency itself): only what is in
// force, so a classic schedule's text is what it always was.
std::vector<std::string> repairs(World& w) {
    std::vector<std::string> lines;
    if (w.duplicate) lines.push_back("duplicate 0");
    if (w.reorder) lines.push_back("reorder 0");
    if (w.resync_off) lines.push_back("resync on");
    for (int id = 1; id <= w.servers; ++id) {
        const auto i = static_cast<std::size_t>(id - 1);
        if (w.slowed[i]) lines.push_back("slow " + std::to_string(id) + " 1");
        if (w.restartable(id)) {
            lines.push_back("restart " + std::to_string(id));
            w.alive[i] = true;
        }
    }
    std::fill(w.slowed.begin(), w.slowed.end(), false);
    w.partitioned = w.isolated = w.loss = w.slow = w.duplicate = w.reorder = w.resync_off = false;
    return lines;
}

FaultKind kind_of(Action a) {
    switch (a) {
        case Action::Crash: return FaultKind::Crash;
        case Action::LeaderCrash: return FaultKind::LeaderCrash;
        case Action::Restart: return FaultKind::Restart;
        case Action::Partition: return FaultKind::Partition;
        case Action::Heal: return FaultKind::Heal;
        case Action::Isolate: return FaultKind::Isolate;
        case Action::Loss: return FaultKind::Loss;
        case Action::Latency: return FaultKind::Latency;
        case Action::Drop: return FaultKind::Drop;
        case Action::Order: return FaultKind::Order;
        case Action::Load: return FaultKind::Load;
        case Action::Calm: return FaultKind::Calm;
        case Action::Delay: return FaultKind::Delay;
        case Action::Slow: return FaultKind::Slow;
        case Action::Duplicate: return FaultKind::Duplicate;
        case Action::Reorder: return FaultKind::Reorder;
        case Action::Resync: return FaultKind::ResyncOff;
        case Action::Read: return FaultKind::Read;
        case Action::Flap: return FaultKind::Isolate;
        case Action::Count: break;
    }
    return FaultKind::Count;
}

// A toggle that repairs (loss 0, latency back to normal, slow S 1, ...) is no injection.
bool injects(Action a, const World& w, const std::string& line) {
    switch (a) {
        case Action::Loss: return w.loss;
        case Action::Latency: return w.slow;
        case Action::Duplicate: return w.duplicate;
        case Action::Reorder: return w.reorder;
        case Action::Resync: return w.resync_off;
        case Action::Slow: return line.size() < 2 || line.compare(line.size() - 2, 2, " 1") != 0;
        default: return true;
    }
}

const char* onoff(bool on) { return on ? "on" : "off"; }

// Draws one seed's protocol timings (whole milliseconds) within swarm_timing_ranges(),
// keeping the orderings the protocol relies on: the coordinator timeout is 2 to 4
// election-ok timeouts, and a client waits longer than a forwarding follower.
std::vector<std::int64_t> draw_timings(Rng& rng) {
    const auto& ranges = swarm_timing_ranges();
    std::vector<std::int64_t> out;
    for (const TimingRange& r : ranges) {
        const std::string name = r.name;
        std::int64_t lo = r.min, hi = r.max;
        if (name == "coordinator") {
            lo = std::max(lo, 2 * out[2]);
            hi = std::min(hi, 4 * out[2]);
        } else if (name == "client") {
            lo = std::max(lo, out[6] + us_from_ms(200));
        }
        const bool count = name == "suspect-after";
        const std::int64_t value = count ? rng.uniform(lo, hi) : us_from_ms(rng.uniform(lo / 1000, hi / 1000));
        out.push_back(value);
    }
    return out;
}

}  // namespace

const char* fault_kind_name(FaultKind kind) {
    static const char* const kNames[] = {"crash", "leader_crash", "election_crash", "restart", "partition",
                                         "isolate", "heal", "loss", "latency", "delay", "drop", "slow",
                                         "duplicate", "reorder", "resync_off", "order", "read", "load", "calm"};
    static_assert(sizeof kNames / sizeof kNames[0] == kFaultKinds);
    return kind < FaultKind::Count ? kNames[static_cast<std::size_t>(kind)] : "?";
}

// The order matters: draw_timings reads election-ok (index 2) and forward (index 6).
const std::vector<TimingRange>& swarm_timing_ranges() {
    static const std::vector<TimingRange> ranges = {
        {"heartbeat", us_from_ms(200), us_from_s(2)},
        {"suspect-after", 2, 5},
        {"election-ok", us_from_ms(100), us_from_s(1)},
        {"coordinator", us_from_ms(200), us_from_s(4)},
        {"restart-sync", us_from_ms(200), us_from_s(1)},
        {"replication", us_from_ms(150), us_from_s(1)},
        {"forward", us_from_ms(400), us_from_s(2)},
        {"client", us_from_s(1), us_from_s(5)},
    };
    return ranges;
}

FaultSchedule make_fault_schedule(const FaultScheduleOptions& options) {
    Rng rng = Rng::derive(options.seed, kScheduleStream);
    Rng swarm_rng = Rng::derive(options.seed, kSwarmStream);
    FaultSchedule out;
    Scales scales = options.swarm ? swarm_scales(swarm_rng) : classic_scales();
    // Resync off makes replicas diverge by design (PROTOCOLS.md), and the checker
    // says so: only where violations are expected anyway.
    if (options.quorum) scales[static_cast<std::size_t>(Action::Resync)] = 0;
    if (options.swarm) out.timings = draw_timings(swarm_rng);
    out.servers = options.servers > 0 ? options.servers : static_cast<int>(rng.uniform(kFuzzServersMin, kFuzzServersMax));
    out.safety_end_us = options.safety_us;
    out.liveness_end_us = options.safety_us + options.liveness_us;
    const char* replication = options.replication == ReplicationMode::Async ? "async" : "sync";
    const TimeUs mean_gap_us = kMeanGapsUs[rng.uniform(0, 2)];

    Lines lines;
    lines.add("# clustersim fuzz schedule: seed " + std::to_string(options.seed) + ", quorum " + onoff(options.quorum) +
              ", replication " + replication + ", " + format_duration(options.safety_us) + " of faults and load, then " +
              format_duration(options.liveness_us) + " without faults to converge.");
    if (options.swarm) {
        for (std::size_t i = 0; i < kActions; ++i) {
            const auto a = static_cast<Action>(i);
            if (scales[i] == 0 || a == Action::Restart || a == Action::Heal || a == Action::Calm) continue;
            out.swarm_kinds += (out.swarm_kinds.empty() ? "" : " ") + std::string(action_name(a)) + "x" +
                               std::to_string(scales[i]);
        }
        lines.add("# swarm (kinds on, x how often): " + out.swarm_kinds);
    }
    lines.add("servers " + std::to_string(out.servers));
    lines.add("seed " + std::to_string(options.seed));
    for (std::size_t i = 0; i < out.timings.size(); ++i) {
        const TimingRange& r = swarm_timing_ranges()[i];
        const bool count = std::string(r.name) == "suspect-after";
        lines.add(std::string("timing ") + r.name + " " +
                  (count ? std::to_string(out.timings[i]) : format_duration(out.timings[i])));
    }
    // Swarm: small stock, so orders through any server run into it often.
    auto scarce_stock = rng.uniform(10, 60);
    if (options.swarm) scarce_stock = swarm_rng.uniform(1, 15);
    lines.add("product SCARCE stock=" + std::to_string(scarce_stock) + " price=10");
    lines.add("product PLENTY-A stock=" + std::to_string(kPlentifulStock) + " price=1");
    lines.add("product PLENTY-B stock=" + std::to_string(kPlentifulStock) + " price=2");
    lines.add(std::string("quorum ") + onoff(options.quorum));
    // Quorum on promises linearizable orders, not reads (any server answers a read from
    // its own copy): judge it by what it promises (docs/PROTOCOLS.md).
    if (options.quorum) lines.add("check-reads off");
    lines.add(std::string("replication ") + replication);
    static const char* const kBalancers[] = {"round-robin", "least-connections", "weighted", "least-response-time", "power-of-two"};
    lines.add(std::string("lb ") + kBalancers[rng.uniform(0, 4)]);
    if (rng.chance(0.3)) {
        const auto server = rng.uniform(1, out.servers);
        const auto weight = rng.uniform(2, 4);
        lines.add("weight " + std::to_string(server) + " " + std::to_string(weight));
    }
    lines.add(load_line(rng, options.safety_us));

    lines.add("# safety phase: load and faults; the checker watches every event");
    World world;
    world.servers = out.servers;
    world.end = options.safety_us;
    world.alive.assign(static_cast<std::size_t>(out.servers), true);
    world.crash_at.assign(static_cast<std::size_t>(out.servers), 0);
    world.slowed.assign(static_cast<std::size_t>(out.servers), false);
    TimeUs t = 0;
    for (;;) {
        // Uniform in (0, 2 x mean): the mean pace, with bursts and lulls; whole milliseconds.
        t += us_from_ms(rng.uniform(1, 2 * mean_gap_us / 1000));
        if (t >= options.safety_us) break;
        world.now = t;
        const Action action = draw_action(world, scales, rng);
        const auto commands = action_lines(action, world, rng, options.safety_us - t);
        if (!commands.empty() && injects(action, world, commands.front()))
            ++out.injected[static_cast<std::size_t>(kind_of(action))];
        for (const std::string& command : commands) {
            lines.add(at(t, command));
            ++out.faults;
        }
        for (const std::string& line : world.later) {  // a crash during the election, or a flap's next steps
            lines.add(line);
            ++out.faults;
            if (action == Action::LeaderCrash) ++out.injected[static_cast<std::size_t>(FaultKind::ElectionCrash)];
        }
        world.later.clear();
    }

    lines.add("# liveness phase: every fault healed; the cluster must converge within " + format_duration(options.liveness_us));
    const TimeUs end = options.safety_us;
    lines.add(at(end, "load stop"));
    lines.add(at(end, "heal"));
    lines.add(at(end, "loss 0"));
    lines.add(at(end, kNormalLatency));
    world.now = end;
    for (const std::string& line : repairs(world)) lines.add(at(end, line));
    lines.add("run until " + format_duration(end));
    out.safety_run_line = lines.count();
    lines.add("run until " + format_duration(out.liveness_end_us));
    out.liveness_run_line = lines.count();
    lines.add("expect converged");
    // Quorum off the checker is expected to fire (the course text's design); the
    // fuzzer reports it, and so does a replay of this file.
    lines.add("expect no-violations");
    out.text = lines.take();
    return out;
}

}  // namespace cs
