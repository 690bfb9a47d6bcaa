#include "scenario.h"

#include <algorithm>

#include "simulation.h"

namespace cs {
namespace {

bool is_setup(Verb v) { return v == Verb::Servers || v == Verb::Seed || v == Verb::Product; }

// Mode and network settings may stand among the setup lines without ending the setup.
bool is_setting(Verb v) {
    return v == Verb::Replication || v == Verb::Quorum || v == Verb::Resync || v == Verb::Latency ||
           v == Verb::Loss || v == Verb::Lb || v == Verb::Weight || v == Verb::Slow;
}

}  // namespace

bool parse_scenario(std::string_view text, const std::string& file_name, Scenario& out, std::string& error) {
    out = Scenario{};
    ParseContext pc;
    for (const auto& p : out.config.catalogue) pc.products.push_back(p.sku);
    bool custom_catalogue = false;
    int line_number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(start, end - start);
        ++line_number;
        start = end + 1;
        Command c;
        std::string message;
        if (!parse_command(line, pc, c, message)) {
            error = file_name + ":" + std::to_string(line_number) + ": " + message;
            return false;
        }
        if (c.verb == Verb::None) continue;
        if (is_setup(c.verb)) {
            switch (c.verb) {
                case Verb::Servers:
                    out.config.servers = static_cast<int>(c.number);
                    pc.servers = out.config.servers;
                    break;
                case Verb::Seed: out.config.seed = static_cast<std::uint64_t>(c.number); break;
                default:  // Product: the first one replaces the default catalogue
                    if (!custom_catalogue) {
                        out.config.catalogue.clear();
                        pc.products.clear();
                        custom_catalogue = true;
                    }
                    if (std::find(pc.products.begin(), pc.products.end(), c.name) != pc.products.end()) {
                        error = file_name + ":" + std::to_string(line_number) + ": product " + c.name + " is defined twice";
                        return false;
                    }
                    out.config.catalogue.push_back({c.name, c.number, c.number2});
                    pc.products.push_back(c.name);
                    break;
            }
            continue;
        }
        if (!is_setting(c.verb) || c.at_us >= 0) pc.setup_allowed = false;
        // Only run lines move the clock, so the time of every later line is known now.
        if (c.at_us < 0) {
            if (c.verb == Verb::Run) pc.now_us += c.time_us;
            else if (c.verb == Verb::RunUntil) pc.now_us = c.time_us;
        }
        out.commands.push_back({line_number, std::move(c)});
        if (text.size() == end) break;
    }
    return true;
}

ScenarioOutcome run_scenario(const Scenario& scenario, Simulation& sim, const std::string& file_name) {
    ScenarioOutcome outcome;
    for (const auto& [line, command] : scenario.commands) {
        const CommandResult result = sim.apply(command);
        if (result.ok) continue;
        const std::string where = file_name + ":" + std::to_string(line) + ": ";
        if (command.verb == Verb::Expect) {
            outcome.failures.push_back(where + result.error);
        } else {
            outcome.error = where + result.error;
            return outcome;
        }
    }
    return outcome;
}

}  // namespace cs
