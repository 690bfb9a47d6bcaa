#include "cli/bench_workloads.h"

#include <chrono>
#include <cstdio>
#include <memory>

#include "sim/linearizability.h"
#include "sim/rng.h"
#include "sim/scenario.h"
#include "sim/scheduler.h"
#include "sim/simulation.h"

namespace cs::cli {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Scenario parse_or_die(const std::string& text) {
    Scenario scenario;
    std::string error;
    if (!parse_scenario(text, "bench", scenario, error)) {
        std::fprintf(stderr, "bench: built-in scenario does not parse: %s\n", error.c_str());
        std::abort();
    }
    return scenario;
}

}  // namespace

std::string heavy_hour_scenario() { return "load rate=10 duration=1h\nrun 1h\n"; }

std::string heavy_hour_writes_scenario() {
    return "product PLENTY-A stock=100000000 price=1\nproduct PLENTY-B stock=100000000 price=2\n" + heavy_hour_scenario();
}

std::string large_cluster_scenario() { return "servers 64\nload rate=1000 duration=1m\nrun 1m\n"; }

// Eight products of 1,500 units: 10,000 orders of 1-3 units sell them out about
// two thirds of the way, so the history mixes acknowledged orders with refusals at
// the boundary, where the search has the most to try.
std::string bench_catalogue() {
    std::string text;
    for (int p = 1; p <= 8; ++p) text += "product P" + std::to_string(p) + " stock=1500 price=1\n";
    return text;
}

std::string heavy_10k_orders_scenario() { return bench_catalogue() + "load rate=10 duration=1000s\nrun 1010s\n"; }

std::string large_10k_orders_scenario() { return "servers 64\n" + bench_catalogue() + "load rate=1000 duration=10s\nrun 15s\n"; }

BenchRun bench_linearizability(const std::string& text) {
    const Scenario scenario = parse_or_die(text);
    auto sim = std::make_unique<Simulation>(scenario.config);
    const ScenarioOutcome outcome = run_scenario(scenario, *sim, "bench");
    if (!outcome.error.empty() || !outcome.failures.empty()) {
        std::fprintf(stderr, "bench: built-in scenario failed: %s\n", outcome.error.c_str());
        std::abort();
    }
    const History history = sim->client_history().history();
    const auto start = std::chrono::steady_clock::now();
    const LinearizabilityResult result = check_linearizable(history, ClientHistory::kBudgetSteps * 100);
    BenchRun run;
    run.wall_s = seconds_since(start);
    if (result.verdict != Verdict::Linearizable) {
        std::fprintf(stderr, "bench: the history was not found linearizable: %s\n", result.reason.c_str());
        std::abort();
    }
    run.events = history.ops.size();
    run.simulated_us = sim->now_us();
    run.acknowledged = sim->clients().totals().acknowledged;
    run.rejected = sim->clients().totals().rejected;
    run.unknown = sim->clients().totals().unknown;
    return run;
}

BenchRun bench_scheduler(std::uint64_t operations, std::size_t pending) {
    Scheduler scheduler;
    Rng rng(42);
    for (std::size_t i = 0; i < pending; ++i) {
        Event e;
        e.time_us = rng.uniform(0, 10000);
        scheduler.push(e);
    }
    // Draw the delays before the clock starts: the benchmark is the queue, not the PRNG.
    constexpr std::size_t kDelays = 4096;
    std::vector<TimeUs> delays(kDelays);
    for (auto& d : delays) d = rng.uniform(1, 10000);
    std::uint64_t checksum = 0;
    const auto start = std::chrono::steady_clock::now();
    for (std::uint64_t i = 0; i < operations; ++i) {
        Event e = scheduler.pop();
        checksum += static_cast<std::uint64_t>(e.time_us);
        e.time_us += delays[i % kDelays];
        scheduler.push(e);
    }
    BenchRun run;
    run.wall_s = seconds_since(start);
    run.events = operations;
    run.simulated_us = scheduler.top().time_us;
    if (checksum == 42) std::fputs("", stderr);  // keeps the loop from being optimised away
    return run;
}

BenchRun bench_scenario(const std::string& text) {
    const Scenario scenario = parse_or_die(text);
    auto sim = std::make_unique<Simulation>(scenario.config);
    const auto start = std::chrono::steady_clock::now();
    const ScenarioOutcome outcome = run_scenario(scenario, *sim, "bench");
    BenchRun run;
    run.wall_s = seconds_since(start);
    if (!outcome.error.empty() || !outcome.failures.empty()) {
        std::fprintf(stderr, "bench: built-in scenario failed: %s\n", outcome.error.c_str());
        std::abort();
    }
    run.events = sim->events_processed();
    run.simulated_us = sim->now_us();
    run.acknowledged = sim->clients().totals().acknowledged;
    run.rejected = sim->clients().totals().rejected;
    run.unknown = sim->clients().totals().unknown;
    return run;
}

std::vector<MemorySample> bench_memory(const std::string& text, TimeUs every_us) {
    const Scenario scenario = parse_or_die(text);
    auto sim = std::make_unique<Simulation>(scenario.config);
    std::vector<MemorySample> samples;
    samples.push_back({0, memory_use()});
    // Apply the load line, then advance in steps instead of the scenario's one `run 1h`.
    for (const ScenarioLine& line : scenario.commands) {
        if (line.command.verb == Verb::Run) {
            const TimeUs end = sim->now_us() + line.command.time_us;
            while (sim->now_us() < end) {
                sim->run_until(std::min(end, sim->now_us() + every_us));
                samples.push_back({sim->now_us(), memory_use()});
            }
        } else {
            sim->apply(line.command);
        }
    }
    return samples;
}

}  // namespace cs::cli
