// libFuzzer target: command() on the page, which is Simulation::execute(line).
// Each input line runs against one simulation. A refused line must say why
// and change nothing (the state JSON is compared before and after); an
// accepted one may do anything the language allows, within a time budget.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/command.h"
#include "sim/simulation.h"

namespace {

constexpr cs::TimeUs kBudgetUs = cs::us_from_s(10);  // simulated time one input may use
constexpr cs::TimeUs kStepUs = cs::us_from_ms(50);   // time between two lines

cs::ParseContext context_of(const cs::Simulation& sim) {
    cs::ParseContext pc;
    pc.servers = sim.server_count();
    for (const auto& p : sim.config().catalogue) pc.products.push_back(p.sku);
    pc.now_us = sim.now_us();
    pc.setup_allowed = false;
    return pc;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    cs::Config config;
    config.servers = 5;
    cs::Simulation sim(config);
    int lines = 0;
    while (!input.empty() && ++lines <= 64) {
        const std::size_t end = input.find('\n');
        const std::string_view line = input.substr(0, end);
        input = end == std::string_view::npos ? std::string_view{} : input.substr(end + 1);

        // Keep the run bounded: look at what the line would do before doing it.
        cs::Command peek;
        std::string peek_error;
        if (cs::parse_command(line, context_of(sim), peek, peek_error)) {
            const bool runs = peek.at_us < 0 && (peek.verb == cs::Verb::Run || peek.verb == cs::Verb::RunUntil);
            const cs::TimeUs until = peek.verb == cs::Verb::Run ? sim.now_us() + peek.time_us : peek.time_us;
            if (runs && until > kBudgetUs) continue;
            if (peek.verb == cs::Verb::Load && peek.rate * static_cast<double>(peek.time_us) / 1e6 > 5000) continue;
        }

        const std::string before = sim.state_json();
        const cs::CommandResult result = sim.execute(line);
        if (!result.ok) {
            if (result.error.empty()) __builtin_trap();           // refused without saying why
            if (sim.state_json() != before) __builtin_trap();     // half-applied
        }
        if (sim.now_us() + kStepUs <= kBudgetUs) sim.run_until(sim.now_us() + kStepUs);
    }
    return 0;
}
