#pragma once
// The card a first-time visitor sees (no lesson, scenario, link or embed in the
// URL): what this page is, the lessons by course section, and free play.
// Dismissed by opening a lesson, by "Free play" or by closing it; the app does
// not show it again in the same browser session (app/page_prefs.h).
#include "sim/simulation.h"
#include "ui/frame_io.h"

namespace cs::ui {

struct UiState;

struct StartCardState {
    bool open = false;
};

// Draws the card over the page while it is open. Exposes start/<lesson name>,
// start/free-play and start/close for the tests.
void start_card(const FrameInput& in, UiState& state, Actions& out);

}  // namespace cs::ui
