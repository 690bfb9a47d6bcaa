#pragma once
// Runs one fuzz seed: its fault schedule (sim/fault_schedule.h) with the
// checker on for every event (safety), then, with every fault healed, waits
// for the cluster to converge within the bound (liveness).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/checker.h"
#include "sim/fault_schedule.h"

namespace cs::cli {

struct FuzzFinding {
    std::string kind;  // a checker violation kind, "election" or "liveness"
    TimeUs time_us = 0;
    std::string detail;
};

struct FuzzResult {
    std::uint64_t seed = 0;
    FaultSchedule schedule;
    std::vector<FuzzFinding> findings;            // bounded: see kMaxFindings
    std::uint64_t findings_total = 0;             // all of them, kept or not
    std::array<std::uint64_t, kViolationKindCount> violations{};    // per ViolationKind (the checker's kept list)
    std::uint64_t election_findings = 0;
    bool converged = false;
    TimeUs converge_us = -1;                      // after the faults stopped; -1: never
    std::uint64_t events = 0;
    std::uint64_t trace_hash = 0;                 // Simulation::trace_hash(): equal hashes, equal runs
    std::uint64_t messages_delayed = 0, messages_duplicated = 0, messages_reordered = 0;  // by the network
    std::string error;                            // the schedule itself was bad: a fuzzer bug

    bool clean() const { return findings_total == 0 && converged && error.empty(); }
};

constexpr std::size_t kMaxFindings = 256;  // as many as the checker keeps
// How often the liveness phase looks for convergence (simulated time).
constexpr TimeUs kLivenessPollUs = us_from_ms(100);

FuzzResult run_fuzz_seed(const FaultScheduleOptions& options);

}  // namespace cs::cli
