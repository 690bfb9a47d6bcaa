// libFuzzer target: the scenario parser, and running what it accepts.
// Bad input must be refused with a FILE:LINE message, never crash, hang or
// leak; good input must run. Runs are bounded (servers, simulated time, load)
// so one input stays well under libFuzzer's timeout.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/scenario.h"
#include "sim/simulation.h"

namespace {

constexpr int kMaxServers = 16;
constexpr cs::TimeUs kMaxSimulatedUs = cs::us_from_s(20);
constexpr double kMaxOrdersPerRun = 2000;  // load rate x duration, summed

// Where the scenario's clock ends and how many load orders it asks for.
bool small_enough(const cs::Scenario& scenario) {
    if (scenario.config.servers > kMaxServers) return false;
    cs::TimeUs now = 0;
    double orders = 0;
    for (const auto& line : scenario.commands) {
        const cs::Command& c = line.command;
        if (c.verb == cs::Verb::Run && c.at_us < 0) now += c.time_us;
        if (c.verb == cs::Verb::RunUntil && c.at_us < 0) now = std::max(now, c.time_us);
        if (c.verb == cs::Verb::Load) orders += c.rate * static_cast<double>(std::min(c.time_us, kMaxSimulatedUs)) / 1e6;
        if (now > kMaxSimulatedUs || orders > kMaxOrdersPerRun) return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    cs::Scenario scenario;
    std::string error;
    if (!cs::parse_scenario(text, "fuzz.scn", scenario, error)) {
        // The contract: "FILE:LINE: message".
        if (error.rfind("fuzz.scn:", 0) != 0 || error.size() <= 10) __builtin_trap();
        // One short printable line whatever the input held: a NUL once cut a message
        // short, and a 20 KB word once made a 20 KB message (command_text.cpp).
        if (error.size() > 600) __builtin_trap();
        for (const char c : error)
            if (static_cast<unsigned char>(c) < 0x20) __builtin_trap();
        return 0;
    }
    if (!small_enough(scenario)) return 0;
    cs::Simulation sim(scenario.config);
    cs::run_scenario(scenario, sim, "fuzz.scn");
    (void)sim.state_json();
    return 0;
}
