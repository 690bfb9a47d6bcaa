#pragma once
// What a fuzz run adds up to over its seeds: violations, liveness, the faults
// injected by kind, the timings the swarm drew, and the failing seeds. Printed
// as the text summary, or as JSON (`clustersim-cli fuzz --json`).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/fuzz_runner.h"

namespace cs::cli {

struct FuzzFailure {
    std::uint64_t seed = 0;
    FuzzFinding first;             // the earliest finding (or the fuzzer error)
    std::uint64_t findings = 0;
    std::string swarm_kinds;
    std::string replay;
    std::string page;
};

struct FuzzTotals {
    std::uint64_t seeds = 0, failing = 0, liveness_failures = 0, election_findings = 0, events = 0, commands = 0;
    std::uint64_t digest = 0xcbf29ce484222325ull;  // of every seed's trace hash, in order: compares whole runs
    std::array<std::uint64_t, kViolationKindCount> violations{};     // per ViolationKind
    std::array<std::uint64_t, kViolationKindCount> seeds_with{};
    std::array<std::uint64_t, kFaultKinds> injected{};
    std::array<std::uint64_t, kFaultKinds> seeds_injecting{};
    std::uint64_t messages_delayed = 0, messages_duplicated = 0, messages_reordered = 0;
    std::vector<std::int64_t> timing_min, timing_max;  // swarm: drawn, per swarm_timing_ranges() entry
    TimeUs slowest_us = -1;
    std::uint64_t slowest_seed = 0;
    std::vector<FuzzFailure> failures;  // the first kMaxFailures failing seeds

    static constexpr std::size_t kMaxFailures = 100;
    void add(const FuzzResult& r, const std::string& replay, const std::string& page);
};

struct FuzzRunInfo {
    std::uint64_t first_seed = 0;
    FaultScheduleOptions schedule;
    double wall_s = 0;
};

void print_fuzz_text(const FuzzRunInfo& info, const FuzzTotals& t);
void print_fuzz_json(const FuzzRunInfo& info, const FuzzTotals& t);

}  // namespace cs::cli
