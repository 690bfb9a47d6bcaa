#include "cli/fuzz_summary.h"

#include <algorithm>
#include <cstdio>

#include "cli/format.h"
#include "sim/command.h"
#include "sim/json_writer.h"

namespace cs::cli {
namespace {

using ull = unsigned long long;

std::uint64_t count_of(const std::array<std::uint64_t, kViolationKindCount>& a, ViolationKind k) { return a[static_cast<std::size_t>(k)]; }

constexpr ViolationKind kViolationOrder[] = {ViolationKind::SplitBrain, ViolationKind::Oversell, ViolationKind::LostOrder,
                                             ViolationKind::Divergence, ViolationKind::NonLinearizable};

}  // namespace

void FuzzTotals::add(const FuzzResult& r, const std::string& replay, const std::string& page) {
    ++seeds;
    events += r.events;
    digest = (digest ^ r.trace_hash) * 0x100000001b3ull;
    commands += static_cast<std::uint64_t>(r.schedule.faults);
    for (std::size_t v = 0; v < violations.size(); ++v) {
        violations[v] += r.violations[v];
        if (r.violations[v]) ++seeds_with[v];
    }
    for (std::size_t k = 0; k < kFaultKinds; ++k) {
        injected[k] += static_cast<std::uint64_t>(r.schedule.injected[k]);
        if (r.schedule.injected[k]) ++seeds_injecting[k];
    }
    messages_delayed += r.messages_delayed;
    messages_duplicated += r.messages_duplicated;
    messages_reordered += r.messages_reordered;
    const auto& timings = r.schedule.timings;
    if (timing_min.empty() && !timings.empty()) timing_min = timing_max = timings;
    for (std::size_t i = 0; i < timings.size() && i < timing_min.size(); ++i) {
        timing_min[i] = std::min(timing_min[i], timings[i]);
        timing_max[i] = std::max(timing_max[i], timings[i]);
    }
    election_findings += r.election_findings;
    if (!r.converged) ++liveness_failures;
    else if (r.converge_us > slowest_us) {
        slowest_us = r.converge_us;
        slowest_seed = r.seed;
    }
    if (r.clean()) return;
    ++failing;
    if (failures.size() >= kMaxFailures) return;
    FuzzFailure f;
    f.seed = r.seed;
    f.first = r.findings.empty() ? FuzzFinding{"fuzzer-error", 0, r.error} : r.findings.front();
    f.findings = r.findings_total;
    f.swarm_kinds = r.schedule.swarm_kinds;
    f.replay = replay;
    f.page = page;
    failures.push_back(std::move(f));
}

void print_fuzz_text(const FuzzRunInfo& info, const FuzzTotals& t) {
    const auto& s = info.schedule;
    std::printf("fuzz: seeds %llu..%llu, %s of faults + up to %s to converge each, quorum %s, replication %s%s%s\n",
                static_cast<ull>(info.first_seed), static_cast<ull>(info.first_seed + t.seeds - 1),
                human_time(s.safety_us).c_str(), human_time(s.liveness_us).c_str(), s.quorum ? "on" : "off",
                s.replication == ReplicationMode::Async ? "async" : "sync",
                s.servers > 0 ? (", " + std::to_string(s.servers) + " servers").c_str() : "", s.swarm ? ", swarm" : "");
    std::printf("fuzz: violations: split-brain=%llu oversell=%llu lost-order=%llu divergence=%llu non-linearizable=%llu "
                "election=%llu (seeds with: split-brain=%llu oversell=%llu lost-order=%llu divergence=%llu "
                "non-linearizable=%llu)\n",
                static_cast<ull>(count_of(t.violations, ViolationKind::SplitBrain)),
                static_cast<ull>(count_of(t.violations, ViolationKind::Oversell)),
                static_cast<ull>(count_of(t.violations, ViolationKind::LostOrder)),
                static_cast<ull>(count_of(t.violations, ViolationKind::Divergence)),
                static_cast<ull>(count_of(t.violations, ViolationKind::NonLinearizable)), static_cast<ull>(t.election_findings),
                static_cast<ull>(count_of(t.seeds_with, ViolationKind::SplitBrain)),
                static_cast<ull>(count_of(t.seeds_with, ViolationKind::Oversell)),
                static_cast<ull>(count_of(t.seeds_with, ViolationKind::LostOrder)),
                static_cast<ull>(count_of(t.seeds_with, ViolationKind::Divergence)),
                static_cast<ull>(count_of(t.seeds_with, ViolationKind::NonLinearizable)));
    std::printf("fuzz: liveness: %llu of %llu seeds did not converge; slowest convergence %s (seed %llu)\n",
                static_cast<ull>(t.liveness_failures), static_cast<ull>(t.seeds),
                t.slowest_us >= 0 ? human_time(t.slowest_us).c_str() : "-", static_cast<ull>(t.slowest_seed));
    std::string injected;
    for (std::size_t k = 0; k < kFaultKinds; ++k)
        if (t.injected[k]) injected += std::string(injected.empty() ? "" : " ") + fault_kind_name(static_cast<FaultKind>(k)) + "=" + std::to_string(t.injected[k]);
    std::printf("fuzz: injected: %s; messages delayed=%llu duplicated=%llu reordered=%llu\n", injected.c_str(),
                static_cast<ull>(t.messages_delayed), static_cast<ull>(t.messages_duplicated),
                static_cast<ull>(t.messages_reordered));
    const double simulated_s = static_cast<double>(t.seeds) * static_cast<double>(s.safety_us) / 1e6;
    std::printf("fuzz: %llu scheduled commands (faults, orders, load changes), %llu events, trace digest %016llx\n",
                static_cast<ull>(t.commands), static_cast<ull>(t.events), static_cast<ull>(t.digest));
    std::printf("fuzz: %.1f s wall (%s events/s, %s simulated s/s)\n", info.wall_s,
                si(static_cast<double>(t.events) / info.wall_s).c_str(), si(simulated_s / info.wall_s).c_str());
    std::printf("fuzz: %s: %llu of %llu seeds failing\n", t.failing ? "FAIL" : "PASS", static_cast<ull>(t.failing),
                static_cast<ull>(t.seeds));
}

void print_fuzz_json(const FuzzRunInfo& info, const FuzzTotals& t) {
    const auto& s = info.schedule;
    JsonWriter w;
    w.begin_object();
    w.key("first_seed").value(info.first_seed).key("seeds").value(t.seeds);
    w.key("duration_s").value(static_cast<std::int64_t>(s.safety_us / 1000000));
    w.key("bound_s").value(static_cast<std::int64_t>(s.liveness_us / 1000000));
    w.key("quorum").value(s.quorum).key("replication").value(s.replication == ReplicationMode::Async ? "async" : "sync");
    w.key("swarm").value(s.swarm).key("passed").value(t.failing == 0).key("failing").value(t.failing);
    w.key("violations").begin_object();
    for (ViolationKind k : kViolationOrder) w.key(violation_kind_name(k)).value(count_of(t.violations, k));
    w.key("election").value(t.election_findings).end_object();
    w.key("seeds_with").begin_object();
    for (ViolationKind k : kViolationOrder) w.key(violation_kind_name(k)).value(count_of(t.seeds_with, k));
    w.end_object();
    w.key("liveness_failures").value(t.liveness_failures);
    w.key("slowest_convergence_ms").value(t.slowest_us >= 0 ? t.slowest_us / 1000 : std::int64_t{-1});
    w.key("faults_injected").begin_object();
    for (std::size_t k = 0; k < kFaultKinds; ++k) w.key(fault_kind_name(static_cast<FaultKind>(k))).value(t.injected[k]);
    w.key("messages_delayed").value(t.messages_delayed);
    w.key("messages_duplicated").value(t.messages_duplicated);
    w.key("messages_reordered").value(t.messages_reordered).end_object();
    w.key("seeds_injecting").begin_object();
    for (std::size_t k = 0; k < kFaultKinds; ++k) w.key(fault_kind_name(static_cast<FaultKind>(k))).value(t.seeds_injecting[k]);
    w.end_object();
    // Each timing: the range the swarm draws from and what it drew over these seeds
    // (milliseconds; suspect-after is a count). Empty without --swarm: the defaults.
    w.key("timings").begin_object();
    const auto& ranges = swarm_timing_ranges();
    for (std::size_t i = 0; s.swarm && i < ranges.size() && i < t.timing_min.size(); ++i) {
        const bool count = std::string(ranges[i].name) == "suspect-after";
        const std::int64_t unit = count ? 1 : 1000;
        w.key(ranges[i].name).begin_object();
        w.key("unit").value(count ? "count" : "ms");
        w.key("range").begin_array().value(ranges[i].min / unit).value(ranges[i].max / unit).end_array();
        w.key("drawn").begin_array().value(t.timing_min[i] / unit).value(t.timing_max[i] / unit).end_array();
        w.end_object();
    }
    w.end_object();
    w.key("events").value(t.events).key("scheduled_commands").value(t.commands);
    char digest[20];
    std::snprintf(digest, sizeof digest, "%016llx", static_cast<ull>(t.digest));
    w.key("trace_digest").value(digest).key("wall_s").value(info.wall_s, 2);
    w.key("findings").begin_array();
    for (const FuzzFailure& f : t.failures) {
        w.begin_object().key("seed").value(f.seed).key("kind").value(f.first.kind);
        w.key("time_ms").value(f.first.time_us / 1000).key("detail").value(f.first.detail);
        w.key("findings").value(f.findings).key("swarm").value(f.swarm_kinds);
        w.key("replay").value(f.replay).key("page").value(f.page).end_object();
    }
    w.end_array().end_object();
    std::printf("%s\n", w.str().c_str());
}

}  // namespace cs::cli
