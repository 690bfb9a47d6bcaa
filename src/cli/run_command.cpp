// `clustersim-cli run FILE`: parse, run, check every expect line.
#include <chrono>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <memory>

#include "cli/commands.h"
#include "cli/format.h"
#include "sim/golden_trace.h"
#include "sim/history_edn.h"
#include "sim/shiviz.h"
#include "sim/invariants.h"
#include "sim/scenario.h"
#include "sim/simulation.h"

namespace cs::cli {
namespace {

class FileTrace : public TraceSink {
public:
    explicit FileTrace(std::FILE* f) : f_(f) {}
    void write_line(std::string_view line) override {
        std::fwrite(line.data(), 1, line.size(), f_);
        std::fputc('\n', f_);
    }

private:
    std::FILE* f_;
};

bool write_file(const std::string& path, const std::string& text, const char* what) {
    std::FILE* out = std::fopen(path.c_str(), "wb");
    const bool ok = out && std::fwrite(text.data(), 1, text.size(), out) == text.size();
    if (out) std::fclose(out);
    if (!ok) std::fprintf(stderr, "%s: cannot write %s\n", path.c_str(), what);
    return ok;
}

// A run that takes a while says how far it has got on stderr, every few seconds
// of real time (SCENARIO_LANGUAGE.md, "Limits"); short runs stay silent.
class StderrProgress : public RunProgress {
public:
    explicit StderrProgress(std::string file) : file_(std::move(file)), last_(std::chrono::steady_clock::now()) {}
    void on_progress(int line, TimeUs now_us, TimeUs target_us, std::uint64_t events) override {
        const auto now = std::chrono::steady_clock::now();
        if (now - last_ < kProgressEvery) return;
        last_ = now;
        std::fprintf(stderr, "%s:%d: running: simulated %s of %s so far, %llu events\n", file_.c_str(), line,
                     human_time(now_us).c_str(), human_time(target_us).c_str(), static_cast<unsigned long long>(events));
    }

private:
    static constexpr std::chrono::seconds kProgressEvery{5};
    std::string file_;
    std::chrono::steady_clock::time_point last_;
};

// The whole file, or false with what went wrong. Opening a directory succeeds and
// reading it fails (it once ran as an empty scenario and exited 0); an endless file
// such as /dev/zero once hung the CLI.
bool read_scenario_file(const std::string& path, std::string& text, std::string& error) {
    constexpr std::size_t kMaxBytes = 16u << 20;
    std::FILE* in = std::fopen(path.c_str(), "rb");
    if (!in) {
        error = std::string("cannot read the file (") + std::strerror(errno) + ")";
        return false;
    }
    char chunk[65536];
    std::size_t got = 0;
    while ((got = std::fread(chunk, 1, sizeof chunk, in)) > 0 && text.size() <= kMaxBytes) text.append(chunk, got);
    const bool failed = std::ferror(in) != 0;
    const int failure = errno;
    std::fclose(in);
    if (failed) error = std::string("cannot read the file (") + std::strerror(failure) + ")";
    else if (text.size() > kMaxBytes) error = "larger than 16 MB: not a scenario file";
    return error.empty();
}

}  // namespace

int run_command(const Args& args) {
    std::string file, trace_file, golden_file, history_file, shiviz_file;
    bool json = false, seed_given = false;
    std::uint64_t seed = 0;
    NodeId break_invariant_on = kNoNode;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--json") {
            json = true;
        } else if (a == "--seed" && i + 1 < args.size()) {
            if (!parse_whole(args[++i], seed)) {
                std::fprintf(stderr, "clustersim-cli run: --seed takes a whole number, got '%s'\n", args[i].c_str());
                return kExitBadInput;
            }
            seed_given = true;
        } else if (a == "--trace" && i + 1 < args.size()) {
            trace_file = args[++i];
        } else if (a == "--golden" && i + 1 < args.size()) {
            golden_file = args[++i];
        } else if (a == "--history" && i + 1 < args.size()) {
            history_file = args[++i];
        } else if (a == "--shiviz" && i + 1 < args.size()) {
            shiviz_file = args[++i];
        } else if (a == "--test-break-invariant" && i + 1 < args.size()) {
            // Tests only (tests/cli/expect_invariant.sh): plant a broken invariant on one server.
            std::uint64_t node = 0;
            if (!parse_whole(args[++i], node) || node < 1 || node > 64) {
                std::fprintf(stderr, "clustersim-cli run: --test-break-invariant takes a server id, got '%s'\n", args[i].c_str());
                return kExitBadInput;
            }
            break_invariant_on = static_cast<NodeId>(node);
        } else if ((a == "--seed" || a == "--trace" || a == "--golden" || a == "--history" || a == "--shiviz" ||
                    a == "--test-break-invariant") && i + 1 == args.size()) {
            std::fprintf(stderr, "clustersim-cli run: %s needs a value\n", a.c_str());
            return kExitBadInput;
        } else if (!a.empty() && a[0] != '-' && file.empty()) {
            file = a;
        } else {
            std::fprintf(stderr, "clustersim-cli run: unexpected argument '%s'\n", a.c_str());
            return kExitBadInput;
        }
    }
    if (file.empty()) {
        std::fprintf(stderr, "usage: clustersim-cli run FILE [--seed N] [--json] [--trace FILE] [--golden FILE] [--history FILE] [--shiviz FILE]\n");
        return kExitBadInput;
    }
    std::string text, error;
    if (!read_scenario_file(file, text, error)) {
        std::fprintf(stderr, "%s: %s\n", file.c_str(), error.c_str());
        return kExitBadInput;
    }

    Scenario scenario;
    if (!parse_scenario(text, file, scenario, error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return kExitBadInput;
    }
    if (seed_given) scenario.config.seed = seed;

    std::FILE* trace_out = nullptr;
    if (!trace_file.empty()) {
        trace_out = std::fopen(trace_file.c_str(), "wb");
        if (!trace_out) {
            std::fprintf(stderr, "%s: cannot write the trace file\n", trace_file.c_str());
            return kExitBadInput;
        }
    }
    FileTrace trace(trace_out);
    auto sim = std::make_unique<Simulation>(scenario.config);
    if (trace_out) sim->set_trace(&trace);
    GoldenTrace golden(*sim);
    if (!golden_file.empty()) sim->set_log_observer(&golden);
    if (break_invariant_on != kNoNode) {
        if (break_invariant_on > sim->server_count()) {
            std::fprintf(stderr, "clustersim-cli run: --test-break-invariant: no server %d\n", break_invariant_on);
            return kExitBadInput;
        }
        sim->plant_broken_invariant_for_test(break_invariant_on);
    }
    StderrProgress progress(file);
    ScenarioOutcome outcome;
    try {
        outcome = run_scenario(scenario, *sim, file, &progress);
    } catch (const InvariantBroken& broken) {
        if (trace_out) std::fclose(trace_out);
        std::fprintf(stderr, "%s: %s\n", file.c_str(), broken.what());
        return kExitInvariantBroken;
    }
    if (trace_out) std::fclose(trace_out);
    sim->set_log_observer(nullptr);
    if (!golden_file.empty() && !write_file(golden_file, golden.text(), "the golden trace")) return kExitBadInput;
    // The client history as Jepsen-style EDN, for Knossos, Elle or Porcupine users.
    if (!history_file.empty() &&
        !write_file(history_file, to_edn(sim->client_history().history(), sim->client_history().product_names()),
                    "the history"))
        return kExitBadInput;
    // Every event with its vector clock, for ShiViz's space-time diagram (sim/shiviz.h).
    if (!shiviz_file.empty() && !write_file(shiviz_file, shiviz_log(sim->causality()), "the ShiViz log")) return kExitBadInput;

    if (json) std::printf("%s\n", sim->state_json().c_str());
    for (const auto& failure : outcome.failures) std::fprintf(stderr, "%s\n", failure.c_str());
    if (!outcome.error.empty()) {
        std::fprintf(stderr, "%s\n", outcome.error.c_str());
        return kExitBadInput;
    }
    return outcome.failures.empty() ? kExitOk : kExitExpectFailed;
}

}  // namespace cs::cli
