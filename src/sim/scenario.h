#pragma once
// Scenario files: setup lines (servers, seed, product) build the Config; the
// rest are commands applied in order. The whole file is parsed before anything
// runs, so bad input is reported with FILE:LINE and nothing is half-applied.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "command.h"
#include "config.h"

namespace cs {

class Simulation;

struct ScenarioLine {
    int line = 0;
    Command command;
};

struct Scenario {
    Config config;
    std::vector<ScenarioLine> commands;  // everything after the setup, in order
};

// Parses a whole scenario. On error returns false with "FILE:LINE: message".
bool parse_scenario(std::string_view text, const std::string& file_name, Scenario& out, std::string& error);

struct ScenarioOutcome {
    std::vector<std::string> failures;  // "FILE:LINE: expected ..., got ..."
    std::string error;                  // a command that could not apply: "FILE:LINE: ..."
};

// Told how far a run line has got, every kProgressStepUs of simulated time, so a
// front end can show progress on a long run (the core itself has no clock).
class RunProgress {
public:
    virtual ~RunProgress() = default;
    virtual void on_progress(int line, TimeUs now_us, TimeUs target_us, std::uint64_t events) = 0;
};
constexpr TimeUs kProgressStepUs = us_from_s(60);

// Applies every command of the scenario to sim (built from scenario.config).
// With progress, run lines advance in steps of kProgressStepUs (the same events
// in the same order: running to t1 then to t2 is running to t2).
ScenarioOutcome run_scenario(const Scenario& scenario, Simulation& sim, const std::string& file_name,
                             RunProgress* progress = nullptr);

}  // namespace cs
