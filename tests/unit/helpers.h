#pragma once
// Small helpers shared by the unit tests.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "sim/simulation.h"

namespace cs::test {

// Applies each line (scenario language) and fails the test on any error.
inline void exec(Simulation& sim, std::string_view lines) {
    std::size_t start = 0;
    while (start < lines.size()) {
        std::size_t end = lines.find('\n', start);
        if (end == std::string_view::npos) end = lines.size();
        const std::string line(lines.substr(start, end - start));
        start = end + 1;
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        const CommandResult r = sim.execute(line);
        INFO("line: " << line);
        REQUIRE_MESSAGE(r.ok, r.error);
    }
}

inline Config config_with(int servers, std::uint64_t seed = 1) {
    Config c;
    c.servers = servers;
    c.seed = seed;
    return c;
}

inline int count_leaders(const Simulation& sim) {
    int n = 0;
    for (const auto& s : sim.servers()) n += s.is_leader() ? 1 : 0;
    return n;
}

// A sink that hashes every trace line, to compare runs.
class HashTrace : public TraceSink {
public:
    void write_line(std::string_view line) override {
        for (char c : line) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
        hash = (hash ^ '\n') * 0x100000001b3ull;
        ++lines;
    }
    std::uint64_t hash = 0xcbf29ce484222325ull;
    std::uint64_t lines = 0;
};

}  // namespace cs::test
