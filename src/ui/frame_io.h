#pragma once
// What the host hands the UI each frame and what the UI hands back. The UI
// never changes anything itself: the simulation only through command lines
// (the scenario language), the host's playback through a new Playback value.
#include <string>
#include <vector>

namespace cs::ui {

inline constexpr double kMinSpeed = 0.01;
inline constexpr double kMaxSpeed = 10.0;
// One-way latency is 5-20 ms simulated, so at 0.1x a message dot is on screen
// for 50-200 ms of wall time: short, but visible. Slower makes the dots easier
// to follow but stretches an election (3 missed 1 s heartbeats) past 30 s of
// waiting; the speed slider covers both ends.
inline constexpr double kDefaultSpeed = 0.1;

struct Playback {
    bool paused = false;
    double speed = kDefaultSpeed;  // simulated seconds per wall-clock second
};

struct FrameInput {
    float scale = 1.0f;        // UI scale: 1 at 96 dpi, 2 on a typical HiDPI screen
    bool embed = false;        // compact layout for an iframe in course material
    bool behind = false;       // the host hit its per-frame event cap: the sim lags the clock
    Playback playback;
    const std::vector<std::string>* notices = nullptr;  // messages for the user (bad URL parameter, refused command)
};

struct Actions {
    std::vector<std::string> commands;  // scenario lines, executed in order by the host
    Playback playback;                  // the playback the user wants from now on
    bool dismiss_notices = false;
};

}  // namespace cs::ui
