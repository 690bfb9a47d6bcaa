#pragma once
// How the app starts, from the URL (web) or the command line (desktop).
#include <string>
#include <vector>

#include "sim/config.h"
#include "ui/frame_io.h"

namespace cs::app {

struct StartOptions {
    Config config;                     // seed and servers (without a scenario)
    bool seed_given = false;           // an explicit seed also wins over a scenario's `seed` line
    double speed = ui::kDefaultSpeed;
    bool embed = false;                // compact layout for an iframe
    std::string scenario;              // scenario text to load at start ("" = none)
    std::vector<std::string> notices;  // problems found while reading the options, shown on screen
};

// Strict number parsing shared by URL and argument parsing: the whole text
// must be the number, within [lo, hi].
bool parse_int(const std::string& text, long long lo, long long hi, long long& out);
bool parse_u64(const std::string& text, unsigned long long& out);
bool parse_speed(const std::string& text, double& out);

}  // namespace cs::app
