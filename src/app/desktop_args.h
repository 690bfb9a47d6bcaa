#pragma once
// Command line of the desktop app:
//   clustersim [--seed N] [--servers N] [--speed X] [--scenario FILE] [--embed]
//              [--size WxH] [--run-to TIME] [--frames N [--screenshot FILE.png|.ppm]]
#include <string>

#include "app/options.h"
#include "sim/time.h"

namespace cs::app {

struct DesktopArgs {
    StartOptions start;
    int width = 1280, height = 720;
    TimeUs run_to_us = 0;     // advance the simulation this far before the first frame
    int frames = 0;           // > 0: draw this many frames (each 1/60 s of wall time) and exit
    std::string screenshot;   // with frames: save the last frame here
    bool help = false;
};

extern const char* const kDesktopUsage;

// False with `error` set on bad arguments. Reads --scenario FILE itself.
bool parse_desktop_args(int argc, const char* const* argv, DesktopArgs& out, std::string& error);

}  // namespace cs::app
