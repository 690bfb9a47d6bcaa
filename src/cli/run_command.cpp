// `clustersim-cli run FILE`: parse, run, check every expect line.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/format.h"
#include "sim/golden_trace.h"
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

}  // namespace

int run_command(const Args& args) {
    std::string file, trace_file, golden_file;
    bool json = false, seed_given = false;
    std::uint64_t seed = 0;
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
        } else if (!a.empty() && a[0] != '-' && file.empty()) {
            file = a;
        } else {
            std::fprintf(stderr, "clustersim-cli run: unexpected argument '%s'\n", a.c_str());
            return kExitBadInput;
        }
    }
    if (file.empty()) {
        std::fprintf(stderr, "usage: clustersim-cli run FILE [--seed N] [--json] [--trace FILE] [--golden FILE]\n");
        return kExitBadInput;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "%s: cannot read the file\n", file.c_str());
        return kExitBadInput;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();

    Scenario scenario;
    std::string error;
    if (!parse_scenario(buffer.str(), file, scenario, error)) {
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
    StderrProgress progress(file);
    const ScenarioOutcome outcome = run_scenario(scenario, *sim, file, &progress);
    if (trace_out) std::fclose(trace_out);
    if (!golden_file.empty()) {
        sim->set_log_observer(nullptr);
        std::FILE* out = std::fopen(golden_file.c_str(), "wb");
        if (!out || std::fwrite(golden.text().data(), 1, golden.text().size(), out) != golden.text().size()) {
            std::fprintf(stderr, "%s: cannot write the golden trace\n", golden_file.c_str());
            if (out) std::fclose(out);
            return kExitBadInput;
        }
        std::fclose(out);
    }

    if (json) std::printf("%s\n", sim->state_json().c_str());
    for (const auto& failure : outcome.failures) std::fprintf(stderr, "%s\n", failure.c_str());
    if (!outcome.error.empty()) {
        std::fprintf(stderr, "%s\n", outcome.error.c_str());
        return kExitBadInput;
    }
    return outcome.failures.empty() ? kExitOk : kExitExpectFailed;
}

}  // namespace cs::cli
