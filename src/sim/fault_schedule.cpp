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
    std::vector<bool> alive;
    bool partitioned = false;
    bool isolated = false;
    bool loss = false;
    bool slow = false;
    int alive_count() const { return static_cast<int>(std::count(alive.begin(), alive.end(), true)); }
    int crashed_count() const { return servers - alive_count(); }
    int pick(Rng& rng, bool want_alive) const {
        std::vector<int> ids;
        for (int id = 1; id <= servers; ++id)
            if (alive[static_cast<std::size_t>(id - 1)] == want_alive) ids.push_back(id);
        return ids[static_cast<std::size_t>(rng.uniform(0, static_cast<std::int64_t>(ids.size()) - 1))];
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

enum class Action { Crash, Restart, Partition, Heal, Isolate, Loss, Latency, Drop, Order, Load, Calm, Count };

// Relative weights of the actions in the world as it is now: faults that are in
// force get likelier to be repaired, so runs mix storms with stretches of
// normal work (where the protocol's bookkeeping is exercised, not just its
// error paths).
std::array<int, static_cast<std::size_t>(Action::Count)> weights(const World& w) {
    std::array<int, static_cast<std::size_t>(Action::Count)> out{};
    auto set = [&](Action a, int weight) { out[static_cast<std::size_t>(a)] = weight; };
    set(Action::Crash, w.alive_count() >= 2 ? 10 : 0);  // keep someone up: a dead cluster tests nothing
    set(Action::Restart, 8 * w.crashed_count());
    set(Action::Partition, w.partitioned ? 2 : 6);
    set(Action::Heal, w.partitioned || w.isolated ? 12 : 1);
    set(Action::Isolate, 4);
    set(Action::Loss, w.loss ? 12 : 4);
    set(Action::Latency, w.slow ? 12 : 4);
    set(Action::Drop, 10);
    set(Action::Order, 8);
    set(Action::Load, 3);
    set(Action::Calm, 3);
    return out;
}

Action draw_action(const World& w, Rng& rng) {
    const auto table = weights(w);
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
std::vector<std::string> action_lines(Action action, World& w, Rng& rng, TimeUs remaining_us) {
    switch (action) {
        case Action::Crash: {
            const int id = w.pick(rng, true);
            w.alive[static_cast<std::size_t>(id - 1)] = false;
            return {"crash " + std::to_string(id)};
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
            static const char* const kSkus[] = {"SCARCE", "PLENTY-A", "PLENTY-B"};
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
            for (int id = 1; id <= w.servers; ++id)
                if (!w.alive[static_cast<std::size_t>(id - 1)]) lines.push_back("restart " + std::to_string(id));
            w.alive.assign(w.alive.size(), true);
            w.partitioned = w.isolated = w.loss = w.slow = false;
            return lines;
        }
        case Action::Count: break;
    }
    return {};
}

const char* onoff(bool on) { return on ? "on" : "off"; }

}  // namespace

FaultSchedule make_fault_schedule(const FaultScheduleOptions& options) {
    Rng rng = Rng::derive(options.seed, kScheduleStream);
    FaultSchedule out;
    out.servers = options.servers > 0 ? options.servers : static_cast<int>(rng.uniform(kFuzzServersMin, kFuzzServersMax));
    out.safety_end_us = options.safety_us;
    out.liveness_end_us = options.safety_us + options.liveness_us;
    const char* replication = options.replication == ReplicationMode::Async ? "async" : "sync";
    const TimeUs mean_gap_us = kMeanGapsUs[rng.uniform(0, 2)];

    Lines lines;
    lines.add("# clustersim fuzz schedule: seed " + std::to_string(options.seed) + ", quorum " + onoff(options.quorum) +
              ", replication " + replication + ", " + format_duration(options.safety_us) + " of faults and load, then " +
              format_duration(options.liveness_us) + " without faults to converge.");
    lines.add("servers " + std::to_string(out.servers));
    lines.add("seed " + std::to_string(options.seed));
    lines.add("product SCARCE stock=" + std::to_string(rng.uniform(10, 60)) + " price=10");
    lines.add("product PLENTY-A stock=" + std::to_string(kPlentifulStock) + " price=1");
    lines.add("product PLENTY-B stock=" + std::to_string(kPlentifulStock) + " price=2");
    lines.add(std::string("quorum ") + onoff(options.quorum));
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
    world.alive.assign(static_cast<std::size_t>(out.servers), true);
    TimeUs t = 0;
    for (;;) {
        // Uniform in (0, 2 x mean): the mean pace, with bursts and lulls; whole milliseconds.
        t += us_from_ms(rng.uniform(1, 2 * mean_gap_us / 1000));
        if (t >= options.safety_us) break;
        for (const std::string& command : action_lines(draw_action(world, rng), world, rng, options.safety_us - t)) {
            lines.add(at(t, command));
            ++out.faults;
        }
    }

    lines.add("# liveness phase: every fault healed; the cluster must converge within " + format_duration(options.liveness_us));
    const TimeUs end = options.safety_us;
    lines.add(at(end, "load stop"));
    lines.add(at(end, "heal"));
    lines.add(at(end, "loss 0"));
    lines.add(at(end, kNormalLatency));
    for (int id = 1; id <= out.servers; ++id)
        if (!world.alive[static_cast<std::size_t>(id - 1)]) lines.add(at(end, "restart " + std::to_string(id)));
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
