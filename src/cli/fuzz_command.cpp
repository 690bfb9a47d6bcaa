// `clustersim-cli fuzz`: random fault schedules over many seeds (cli/fuzz_runner.h).
// Every finding is printed with its seed, its time and three ways to replay it.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>

#include <sys/stat.h>

#include "cli/commands.h"
#include "cli/format.h"
#include "cli/fuzz_runner.h"
#include "cli/fuzz_summary.h"
#include "cli/page_url.h"
#include "sim/command.h"

namespace cs::cli {
namespace {

constexpr const char* kUsage =
    "usage: clustersim-cli fuzz [--seeds N] [--first-seed S] [--duration D] [--quorum on|off]\n"
    "                           [--replication sync|async] [--servers N] [--bound D]\n"
    "                           [--swarm] [--save DIR] [--max-print N] [--quiet] [--json] [--emit-scenario]\n";

struct FuzzArgs {
    FaultScheduleOptions schedule;
    std::uint64_t seeds = 100;
    std::uint64_t first_seed = 1;
    std::string save_dir;
    std::uint64_t max_print = kMaxFindings;  // findings printed per seed (all it keeps); the rest are counted
    bool quiet = false;
    bool emit_scenario = false;
    bool json = false;  // one JSON summary on stdout instead of the text
};

// Returns "" or what was wrong.
std::string parse_args(const Args& args, FuzzArgs& out) {
    out.schedule.safety_us = us_from_s(120);
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool has_value = i + 1 < args.size();
        const std::string value = has_value ? args[i + 1] : std::string();
        auto need = [&](bool ok, const char* what) { return ok ? std::string() : a + " takes " + what + ", got '" + value + "'"; };
        std::string error;
        std::uint64_t n = 0;
        TimeUs t = 0;
        if (a == "--quiet") {
            out.quiet = true;
            continue;
        }
        if (a == "--emit-scenario") {
            out.emit_scenario = true;
            continue;
        }
        if (a == "--swarm") {
            out.schedule.swarm = true;
            continue;
        }
        if (a == "--json") {
            out.json = true;
            continue;
        }
        if (!has_value) return a.rfind("--", 0) == 0 ? a + " needs a value" : "unexpected argument '" + a + "'";
        if (a == "--seeds") {
            error = need(parse_whole(value, out.seeds) && out.seeds >= 1, "a number of seeds >= 1");
        } else if (a == "--first-seed") {
            error = need(parse_whole(value, out.first_seed), "a seed (a whole number >= 0)");
        } else if (a == "--duration") {
            error = need(parse_duration(value, t) && t >= us_from_s(1) && t <= us_from_s(24 * 3600), "a duration from 1s to 24h");
            out.schedule.safety_us = t;
        } else if (a == "--bound") {
            error = need(parse_duration(value, t) && t >= us_from_s(1) && t <= us_from_s(3600), "a duration from 1s to 1h");
            out.schedule.liveness_us = t;
        } else if (a == "--quorum") {
            error = need(value == "on" || value == "off", "on or off");
            out.schedule.quorum = value == "on";
        } else if (a == "--replication") {
            error = need(value == "sync" || value == "async", "sync or async");
            out.schedule.replication = value == "async" ? ReplicationMode::Async : ReplicationMode::Sync;
        } else if (a == "--servers") {
            error = need(parse_whole(value, n) && n >= 2 && n <= 64, "a number of servers from 2 to 64");
            out.schedule.servers = static_cast<int>(n);
        } else if (a == "--save") {
            // Checked now: a missing folder was once found only at the first failing seed,
            // whose report then named a scenario file that was never written.
            struct stat info {};
            error = need(!value.empty() && stat(value.c_str(), &info) == 0 && S_ISDIR(info.st_mode), "an existing folder");
            out.save_dir = value;
        } else if (a == "--max-print") {
            error = need(parse_whole(value, out.max_print), "a whole number");
        } else {
            return "unexpected argument '" + a + "'";
        }
        if (!error.empty()) return error;
        ++i;
    }
    if (out.first_seed + out.seeds < out.first_seed) return "--first-seed + --seeds overflows";
    return {};
}

std::string replay_command(const FuzzArgs& a, std::uint64_t seed) {
    const auto& s = a.schedule;
    std::string out = "clustersim-cli fuzz --seeds 1 --first-seed " + std::to_string(seed) + " --duration " +
                      format_duration(s.safety_us) + " --quorum " + (s.quorum ? "on" : "off") + " --replication " +
                      (s.replication == ReplicationMode::Async ? "async" : "sync");
    if (s.servers > 0) out += " --servers " + std::to_string(s.servers);
    if (s.liveness_us != FaultScheduleOptions{}.liveness_us) out += " --bound " + format_duration(s.liveness_us);
    if (s.swarm) out += " --swarm";
    return out;
}

void report(const FuzzArgs& a, const FuzzResult& r) {
    if (!r.schedule.swarm_kinds.empty())
        std::printf("FAIL seed %llu: swarm: %s\n", static_cast<unsigned long long>(r.seed), r.schedule.swarm_kinds.c_str());
    if (!r.error.empty()) std::printf("FAIL seed %llu: fuzzer error: %s\n", static_cast<unsigned long long>(r.seed), r.error.c_str());
    const std::size_t shown = static_cast<std::size_t>(std::min<std::uint64_t>(a.max_print, r.findings.size()));
    for (std::size_t i = 0; i < shown; ++i) {
        const FuzzFinding& f = r.findings[i];
        std::printf("FAIL seed %llu: %s at %s: %s\n", static_cast<unsigned long long>(r.seed), f.kind.c_str(),
                    human_time(f.time_us).c_str(), f.detail.c_str());
    }
    if (r.findings_total > shown)
        std::printf("  ... and %llu more findings for seed %llu (the replay shows them)\n",
                    static_cast<unsigned long long>(r.findings_total - shown), static_cast<unsigned long long>(r.seed));
    const std::string replay = replay_command(a, r.seed);
    std::printf("  replay:   %s\n", replay.c_str());
    std::string file = "seed-" + std::to_string(r.seed) + ".scn";
    if (!a.save_dir.empty()) {
        file = a.save_dir + "/" + file;
        std::ofstream out(file, std::ios::binary);
        out << r.schedule.text;
        if (!out) std::printf("  (could not write %s)\n", file.c_str());
        std::printf("  scenario: clustersim-cli run %s\n", file.c_str());
    } else {
        std::printf("  scenario: %s --emit-scenario > %s && clustersim-cli run %s\n", replay.c_str(), file.c_str(), file.c_str());
    }
    std::printf("  page:     %s\n", page_url(r.seed, r.schedule.text).c_str());
}

}  // namespace

int fuzz_command(const Args& args) {
    FuzzArgs a;
    const std::string error = parse_args(args, a);
    if (!error.empty()) {
        std::fprintf(stderr, "clustersim-cli fuzz: %s\n%s", error.c_str(), kUsage);
        return kExitBadInput;
    }
    if (a.emit_scenario) {
        a.schedule.seed = a.first_seed;
        std::fputs(make_fault_schedule(a.schedule).text.c_str(), stdout);
        return kExitOk;
    }

    const auto wall_start = std::chrono::steady_clock::now();
    FuzzTotals totals;
    const std::uint64_t progress_every = a.seeds >= 100 ? a.seeds / 10 : 0;
    for (std::uint64_t k = 0; k < a.seeds; ++k) {
        a.schedule.seed = a.first_seed + k;
        const FuzzResult r = run_fuzz_seed(a.schedule);
        const bool clean = r.clean();
        totals.add(r, clean ? std::string() : replay_command(a, r.seed), clean ? std::string() : page_url(r.seed, r.schedule.text));
        if (!clean && !a.json) {
            report(a, r);
            std::fflush(stdout);
        }
        if (!a.quiet && progress_every && (k + 1) % progress_every == 0 && k + 1 < a.seeds) {
            const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
            std::fprintf(stderr, "fuzz: %llu/%llu seeds, %llu failing, %.0f s\n", static_cast<unsigned long long>(k + 1),
                         static_cast<unsigned long long>(a.seeds), static_cast<unsigned long long>(totals.failing), wall_s);
        }
    }
    FuzzRunInfo info;
    info.first_seed = a.first_seed;
    info.schedule = a.schedule;
    info.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    if (a.json) print_fuzz_json(info, totals);
    else print_fuzz_text(info, totals);
    const std::uint64_t failing = totals.failing;
    return failing ? kExitExpectFailed : kExitOk;
}

}  // namespace cs::cli
