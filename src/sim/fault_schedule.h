#pragma once
// A random fault schedule for the fuzzer, in the style of TigerBeetle's VOPR:
// every choice (cluster size, catalogue, load, which fault when) is drawn from
// one seed, and the result is plain scenario text. So a finding replays three
// ways: `clustersim-cli run FILE`, the page's `scenario` URL parameter, or the
// fuzzer again with the same seed.
//
// The text has two phases. Safety: load and faults, every one written as
// `at TIME COMMAND` (scheduled commands run in the same order on the CLI and
// on the page). Liveness: at the end every fault is healed (load stops, the
// network heals, loss goes to 0, latency back to normal, crashed servers
// restart) and the cluster has a bounded time to converge.
//
// Swarm mode (Groce et al.'s swarm testing): each seed also draws which fault
// kinds are on at all, how often each comes, and the protocol timings (written
// as `timing` lines), so no two seeds stress the protocol the same way and a
// fault that masks another (a crash storm hides a slow follower) is sometimes
// off. docs/RELIABILITY.md lists the ranges.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "config.h"
#include "time.h"

namespace cs {

struct FaultScheduleOptions {
    std::uint64_t seed = 1;
    TimeUs safety_us = us_from_s(120);   // load and faults for this long
    TimeUs liveness_us = us_from_s(60);  // then this long, fault-free, to converge
    bool quorum = false;
    ReplicationMode replication = ReplicationMode::Sync;
    int servers = 0;  // 0: drawn from the seed
    bool swarm = false;
};

// What a schedule injects, counted by kind (FaultSchedule::injected).
enum class FaultKind : std::uint8_t {
    Crash, LeaderCrash, ElectionCrash, Restart, Partition, Isolate, Heal, Loss, Latency, Delay, Drop, Slow,
    Duplicate, Reorder, ResyncOff, Order, Read, Load, Calm, Count
};
constexpr std::size_t kFaultKinds = static_cast<std::size_t>(FaultKind::Count);
const char* fault_kind_name(FaultKind kind);

// A protocol timing a swarm seed draws, and the range it is drawn from.
struct TimingRange {
    const char* name;  // as in `timing NAME VALUE`
    std::int64_t min, max;  // microseconds (suspect-after: a count)
};
const std::vector<TimingRange>& swarm_timing_ranges();

struct FaultSchedule {
    std::string text;            // the whole scenario, replayable as it is
    int safety_run_line = 0;     // the `run until` line that ends the safety phase
    int liveness_run_line = 0;   // the `run until` line that ends the liveness bound
    TimeUs safety_end_us = 0;
    TimeUs liveness_end_us = 0;
    int servers = 0;
    int faults = 0;              // scheduled commands in the safety phase (faults, orders, load changes)
    std::array<int, kFaultKinds> injected{};         // safety-phase actions by kind
    std::vector<std::int64_t> timings;               // swarm: one value per swarm_timing_ranges() entry
    std::string swarm_kinds;                         // swarm: the kinds this seed turned on
};

// Servers drawn from the seed when FaultScheduleOptions::servers is 0.
constexpr int kFuzzServersMin = 3;
constexpr int kFuzzServersMax = 7;

FaultSchedule make_fault_schedule(const FaultScheduleOptions& options);

}  // namespace cs
