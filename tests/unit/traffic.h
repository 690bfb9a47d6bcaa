#pragma once
// Client traffic for the load-balancing and queueing tests: reads at Poisson times
// (exponential gaps from our own PRNG), and the end-to-end latencies the clients saw.
// Reads are the cleanest probe of the queueing model and the balancer: a read is
// served by whichever server gets it, with no replication behind it.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "sim/rng.h"
#include "unit/helpers.h"

namespace cs::test {

// Latencies (ms) of reads that finished during a run, harvested from the clients'
// recent list as the run goes (it is bounded, so it must be read as we go).
class LatencyHarvest {
public:
    void collect(const Simulation& sim) {
        const auto& recent = sim.clients().recent();
        std::size_t i = recent.size();
        while (i > 0 && recent[i - 1].finished_us > last_us_) --i;
        for (; i < recent.size(); ++i) {
            const ClientOrder& o = recent[i];
            if (!o.is_read) continue;
            if (o.status == OrderStatus::Acknowledged) latencies_ms.push_back(ms_from_us(o.finished_us - o.submitted_us));
            else ++not_acknowledged;
        }
        last_us_ = sim.now_us();
    }
    // Nearest rank, as the load test summary does.
    double percentile(int percent) const {
        std::vector<double> v = latencies_ms;
        if (v.empty()) return 0;
        std::sort(v.begin(), v.end());
        const std::size_t rank = std::max<std::size_t>(1, (v.size() * static_cast<std::size_t>(percent) + 99) / 100);
        return v[rank - 1];
    }
    double mean() const {
        double sum = 0;
        for (double x : latencies_ms) sum += x;
        return latencies_ms.empty() ? 0 : sum / static_cast<double>(latencies_ms.size());
    }
    std::vector<double> latencies_ms;
    int not_acknowledged = 0;

private:
    TimeUs last_us_ = -1;
};

// Runs to time t; with every_event, calls watch(sim) after each event on the way.
template <typename Watch>
void advance(Simulation& sim, TimeUs t, bool every_event, Watch& watch) {
    if (every_event)
        while (sim.next_event_time() >= 0 && sim.next_event_time() <= t) {
            sim.step();
            watch(sim);
        }
    sim.run_until(t);
    watch(sim);
}

// Sends `command` (say "read PRD-1" or "read PRD-1 via 1") at Poisson times of the
// given rate for `duration_us`, starting now. `between(sim)` runs before each arrival
// and at the end (with every_event: after every event too).
template <typename Between>
void poisson_commands(Simulation& sim, const std::string& command, double rate_per_s, TimeUs duration_us,
                      std::uint64_t seed, Between between, bool every_event = false) {
    Rng rng(seed);
    const TimeUs end_us = sim.now_us() + duration_us;
    double t_us = static_cast<double>(sim.now_us());
    for (;;) {
        t_us += -std::log(1.0 - rng.unit()) * 1e6 / rate_per_s;
        const auto at_us = static_cast<TimeUs>(t_us);
        if (at_us >= end_us) break;
        advance(sim, at_us, every_event, between);
        const CommandResult r = sim.execute(command);
        REQUIRE_MESSAGE(r.ok, r.error);
    }
    advance(sim, end_us, every_event, between);
}

inline void poisson_commands(Simulation& sim, const std::string& command, double rate_per_s, TimeUs duration_us,
                             std::uint64_t seed) {
    poisson_commands(sim, command, rate_per_s, duration_us, seed, [](Simulation&) {});
}

inline std::vector<std::uint64_t> routed(const Simulation& sim) {
    std::vector<std::uint64_t> out;
    for (const auto& v : sim.load_balancer().servers()) out.push_back(v.routed);
    return out;
}

}  // namespace cs::test
