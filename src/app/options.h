#pragma once
// How the app starts, from the URL (web) or the command line (desktop).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/config.h"
#include "sim/time.h"
#include "ui/frame_io.h"

namespace cs::app {

// A command the user issued at a moment of the run (a shared link's journal).
struct TimedLine {
    TimeUs at_us = 0;
    std::string line;
};

// theme=light|dark|auto (--theme): auto follows the system's preference on the
// web (prefers-color-scheme) and is dark on the desktop.
enum class ThemeChoice : std::uint8_t { Auto, Dark, Light };

struct StartOptions {
    Config config;                     // seed and servers (without a scenario)
    bool seed_given = false;           // an explicit seed also wins over a scenario's `seed` line
    double speed = ui::kDefaultSpeed;
    bool embed = false;                // compact layout for an iframe
    std::string scenario;              // scenario text to load at start ("" = none)
    std::vector<TimedLine> journal;    // commands to re-issue at their times after loading (a shared link)
    std::optional<TimeUs> start_at_us; // open paused at this moment of the timeline (t=)
    std::string lesson;                // lesson to open at start ("" = none)
    int lesson_step = 0;               // 0-based step to open it at
    std::string view;                  // side tab to open at start (view=spacetime, view=history, ...)
    ThemeChoice theme = ThemeChoice::Auto;
    std::vector<std::string> notices;  // problems found while reading the options, shown on screen
};

// Strict number parsing shared by URL and argument parsing: the whole text
// must be the number, within [lo, hi].
bool parse_int(const std::string& text, long long lo, long long hi, long long& out);
bool parse_u64(const std::string& text, unsigned long long& out);
bool parse_speed(const std::string& text, double& out);

}  // namespace cs::app
