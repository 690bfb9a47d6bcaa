#pragma once
// Scenario files: setup lines (servers, seed, product) build the Config; the
// rest are commands applied in order. The whole file is parsed before anything
// runs, so bad input is reported with FILE:LINE and nothing is half-applied.
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

// Applies every command of the scenario to sim (built from scenario.config).
ScenarioOutcome run_scenario(const Scenario& scenario, Simulation& sim, const std::string& file_name);

}  // namespace cs
