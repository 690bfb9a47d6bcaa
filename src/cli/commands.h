#pragma once
// The CLI's subcommands. Each returns the process exit code.
#include <string>
#include <vector>

namespace cs::cli {

using Args = std::vector<std::string>;

// Exit codes of docs/ARCHITECTURE.md ("The CLI").
constexpr int kExitOk = 0;
constexpr int kExitExpectFailed = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitInvariantBroken = 3;  // a bug in the simulator itself (sim/invariants.h)

int run_command(const Args& args);
int fuzz_command(const Args& args);
int bench_command(const Args& args);

}  // namespace cs::cli
