#include "app/scenario_loader.h"

#include <algorithm>

#include "sim/scenario.h"

namespace cs::app {

LoadResult load_scenario(std::string_view text, std::optional<std::uint64_t> seed_override) {
    Scenario scenario;
    std::string error;
    if (!parse_scenario(text, "scenario", scenario, error)) return {nullptr, error};
    if (seed_override) scenario.config.seed = *seed_override;

    auto sim = std::make_unique<Simulation>(scenario.config);
    TimeUs cursor_us = 0;
    for (const ScenarioLine& line : scenario.commands) {
        Command command = line.command;
        if (command.verb == Verb::Expect) continue;
        if (command.verb == Verb::Run && command.at_us < 0) {
            cursor_us += command.time_us;
            continue;
        }
        if (command.verb == Verb::RunUntil && command.at_us < 0) {
            cursor_us = std::max(cursor_us, command.time_us);
            continue;
        }
        if (command.at_us < 0 && cursor_us > 0) command.at_us = cursor_us;
        const CommandResult result = sim->apply(command);
        if (!result.ok) return {nullptr, "scenario:" + std::to_string(line.line) + ": " + result.error};
    }
    return {std::move(sim), {}};
}

}  // namespace cs::app
