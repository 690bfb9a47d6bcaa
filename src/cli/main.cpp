// clustersim-cli: the simulation core without a UI.
#include <cstdio>
#include <string>

#include "cli/commands.h"

namespace {

void usage(std::FILE* out) {
    std::fputs(
        "usage:\n"
        "  clustersim-cli run FILE [--seed N] [--json] [--trace FILE] [--golden FILE]\n"
        "      run a scenario; exit 0 if every expect held, 1 if one failed, 2 on bad input,\n"
        "      3 if the simulator broke one of its own invariants (a bug)\n"
        "      --trace writes every event as JSON lines; --golden writes the readable golden trace;\n"
        "      --history writes the client history as Jepsen-style EDN (one map per line)\n"
        "  clustersim-cli fuzz [--seeds N] [--first-seed S] [--duration D] [--quorum on|off]\n"
        "                      [--replication sync|async] [--servers N] [--bound D]\n"
        "                      [--save DIR] [--max-print N] [--quiet] [--emit-scenario]\n"
        "      random fault schedules, one per seed, checker on; then every fault healed and the\n"
        "      cluster must converge within --bound (default 60s). Exit 0 if every seed was clean,\n"
        "      1 if any violation or non-convergence (each printed with how to replay it), 2 on bad input\n"
        "  clustersim-cli bench [--only scheduler,cluster,cluster-writes,large,memory] [--repeat N] [--json]\n"
        "      fixed workloads: events per second, simulated time per second, memory\n",
        out);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        usage(stderr);
        return cs::cli::kExitBadInput;
    }
    const std::string command = argv[1];
    const cs::cli::Args args(argv + 2, argv + argc);
    if (command == "run") return cs::cli::run_command(args);
    if (command == "fuzz") return cs::cli::fuzz_command(args);
    if (command == "bench") return cs::cli::bench_command(args);
    if (command == "--help" || command == "-h" || command == "help") {
        usage(stdout);
        return cs::cli::kExitOk;
    }
    std::fprintf(stderr, "clustersim-cli: unknown command '%s'\n", command.c_str());
    usage(stderr);
    return cs::cli::kExitBadInput;
}
