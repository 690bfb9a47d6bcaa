#include "scenario.h"

#include <algorithm>

#include "simulation.h"

namespace cs {
namespace {

bool is_setup(Verb v) { return v == Verb::Servers || v == Verb::Seed || v == Verb::Product || v == Verb::Timing; }

// Mode and network settings may stand among the setup lines without ending the setup.
bool is_setting(Verb v) {
    return v == Verb::Replication || v == Verb::Quorum || v == Verb::Resync || v == Verb::Latency ||
           v == Verb::Loss || v == Verb::Lb || v == Verb::Weight || v == Verb::Slow || v == Verb::Duplicate ||
           v == Verb::Reorder || v == Verb::CheckReads;
}

// The highest server id a command names (0: none).
int highest_server(const Command& c) {
    int highest = std::max({0, c.node, c.node2});
    for (NodeId id : c.side_a) highest = std::max(highest, id);
    for (NodeId id : c.side_b) highest = std::max(highest, id);
    return highest;
}

}  // namespace

// The timings a scenario may set (`timing KEY VALUE`, a setup line), with what
// each accepts; the parser (command.cpp) checks values against this table.
const std::vector<TimingKey>& timing_keys() {
    static const std::vector<TimingKey> keys = {
        {"heartbeat", us_from_ms(50), us_from_s(10), false},
        {"suspect-after", 1, 20, true},
        {"election-ok", us_from_ms(10), us_from_s(10), false},
        {"coordinator", us_from_ms(10), us_from_s(30), false},
        {"restart-sync", us_from_ms(10), us_from_s(10), false},
        {"replication", us_from_ms(10), us_from_s(10), false},
        {"forward", us_from_ms(10), us_from_s(30), false},
        {"client", us_from_ms(100), us_from_s(60), false},
    };
    return keys;
}

bool set_timing(Config& config, std::string_view name, std::int64_t value) {
    if (name == "heartbeat") config.heartbeat_interval_us = value;
    else if (name == "suspect-after") config.missed_heartbeats_to_suspect = static_cast<int>(value);
    else if (name == "election-ok") config.election_ok_timeout_us = value;
    else if (name == "coordinator") config.coordinator_timeout_us = value;
    else if (name == "restart-sync") config.restart_sync_timeout_us = value;
    else if (name == "replication") config.replication_timeout_us = value;
    else if (name == "forward") config.forward_timeout_us = value;
    else if (name == "client") config.client_timeout_us = value;
    else return false;
    return true;
}

bool parse_scenario(std::string_view text, const std::string& file_name, Scenario& out, std::string& error) {
    out = Scenario{};
    ParseContext pc;
    for (const auto& p : out.config.catalogue) pc.products.push_back(p.sku);
    bool custom_catalogue = false;
    // Settings (weight, slow) may come before `servers` and were checked against
    // the cluster size known then; `servers` may not shrink the cluster below a
    // server already named. (Once an out-of-bounds write:
    // tests/cli/invalid/servers_after_weight.scn.)
    int highest_named = 0, highest_named_line = 0;
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
        if (highest_server(c) > highest_named) {
            highest_named = highest_server(c);
            highest_named_line = line_number;
        }
        if (is_setup(c.verb)) {
            switch (c.verb) {
                case Verb::Servers:
                    if (c.number < highest_named) {
                        error = file_name + ":" + std::to_string(line_number) + ": servers " + std::to_string(c.number) +
                                " is too few: line " + std::to_string(highest_named_line) + " names server " +
                                std::to_string(highest_named) + " (put 'servers' before any line that names a server)";
                        return false;
                    }
                    out.config.servers = static_cast<int>(c.number);
                    pc.servers = out.config.servers;
                    break;
                case Verb::Seed: out.config.seed = static_cast<std::uint64_t>(c.number); break;
                case Verb::Timing: set_timing(out.config, c.name, c.number); break;
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

ScenarioOutcome run_scenario(const Scenario& scenario, Simulation& sim, const std::string& file_name,
                             RunProgress* progress) {
    ScenarioOutcome outcome;
    for (const auto& [line, command] : scenario.commands) {
        if (progress && command.at_us < 0 && (command.verb == Verb::Run || command.verb == Verb::RunUntil)) {
            const TimeUs target = command.verb == Verb::Run ? sim.now_us() + command.time_us : command.time_us;
            while (sim.now_us() < target) {
                sim.run_until(std::min(target, sim.now_us() + kProgressStepUs));
                progress->on_progress(line, sim.now_us(), target, sim.events_processed());
            }
            continue;
        }
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
