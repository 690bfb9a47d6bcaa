#pragma once
// Builds a fresh simulation from a scenario text: the page's load(text), the
// `scenario` URL parameter and the desktop app's --scenario FILE.
//
// The app plays a scenario in front of the user rather than jumping to its
// end: setup lines (servers, seed, product) build the world, every other
// command is applied at the simulated time the scenario has reached, and
// `run 5s` / `run until 1m` move that time on. `expect` lines are checks for
// the CLI and are skipped here.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sim/simulation.h"

namespace cs::app {

struct LoadResult {
    std::unique_ptr<Simulation> sim;  // null on error
    std::string error;                // "scenario:LINE: what was wrong"
};

// seed_override: a seed given on the URL or command line wins over the
// scenario's own `seed` line, as `clustersim-cli run FILE --seed N` does.
LoadResult load_scenario(std::string_view text, std::optional<std::uint64_t> seed_override = std::nullopt);

}  // namespace cs::app
