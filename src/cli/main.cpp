// clustersim-cli: the simulation core without a UI.
#include <cstdio>
#include <string>

#include "cli/commands.h"

namespace {

void usage(std::FILE* out) {
    std::fputs(
        "usage:\n"
        "  clustersim-cli run FILE [--seed N] [--json] [--trace FILE]\n"
        "      run a scenario; exit 0 if every expect held, 1 if one failed, 2 on bad input\n",
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
    if (command == "--help" || command == "-h" || command == "help") {
        usage(stdout);
        return cs::cli::kExitOk;
    }
    std::fprintf(stderr, "clustersim-cli: unknown command '%s'\n", command.c_str());
    usage(stderr);
    return cs::cli::kExitBadInput;
}
