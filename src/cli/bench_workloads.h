#pragma once
// The fixed workloads `clustersim-cli bench` times (docs/PERFORMANCE.md).
// Each returns what it did; the caller owns the clock's meaning.
#include <cstdint>
#include <string>
#include <vector>

#include "cli/memory.h"
#include "sim/time.h"

namespace cs::cli {

struct BenchRun {
    std::uint64_t events = 0;
    TimeUs simulated_us = 0;
    double wall_s = 0;
    std::uint64_t acknowledged = 0, rejected = 0, unknown = 0;  // client orders, for the scenario workloads
};

// The bare scheduler: a queue holding `pending` events, popped and refilled
// `operations` times (the "hold" model of event-list benchmarks).
BenchRun bench_scheduler(std::uint64_t operations, std::size_t pending);

// A scenario text run to its end (parsing and setup are not timed).
BenchRun bench_scenario(const std::string& text);

// The scenarios of the benchmarks, as scenario text.
std::string heavy_hour_scenario();        // default cluster, 10 orders/s for 1 simulated hour
std::string heavy_hour_writes_scenario(); // the same with stock that never sells out: every order is a write
std::string large_cluster_scenario();     // 64 servers, 1,000 orders/s for 1 simulated minute

// A scenario run to its end untimed, then its whole client history checked for
// linearizability from scratch (not incrementally, as the run does): the timed part.
// events = operations checked; acknowledged/rejected/unknown as for a scenario.
BenchRun bench_linearizability(const std::string& text);
std::string heavy_10k_orders_scenario();  // the heavy hour cut to its first 10,000 orders
std::string large_10k_orders_scenario();  // the 64-server minute cut to its first 10,000 orders

struct MemorySample {
    TimeUs simulated_us = 0;
    MemoryUse use;
};

// A scenario (one of the hours above) again, sampling the process's memory every `every_us`.
std::vector<MemorySample> bench_memory(const std::string& text, TimeUs every_us);

}  // namespace cs::cli
