#pragma once
// Keyboard shortcuts (one table: what handles the keys also lists them in the
// help overlay, so the two cannot drift apart) and the help overlay itself.
#include "sim/simulation.h"
#include "ui/frame_io.h"
#include "ui/ui_state.h"

namespace cs::ui {

struct Shortcut {
    const char* keys;
    const char* action;
};
// In the order the overlay lists them.
inline constexpr Shortcut kShortcuts[] = {
    {"Space", "play / pause"},
    {"\u2192", "step: process the next event"},
    {"\u2190", "back: undo the last event"},
    {"Shift+\u2192 / Shift+\u2190", "forward / back 1 s of simulated time"},
    {"+  /  \u2212", "faster / slower (1, 2, 5 steps from 0.001\u00d7 to 1000\u00d7)"},
    {"Q", "skip quiet time on / off"},
    {"R", "reset: start again with the seed in the seed field"},
    {"H  or  ?", "this help"},
    {"Esc", "close this help"},
};

// Reads this frame's keys (not while the user types in a text field) and
// turns them into actions or UI state changes.
void handle_shortcuts(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

// Draws the overlay over everything when state.show_help.
void help_overlay(const FrameInput& in, UiState& state);

}  // namespace cs::ui
