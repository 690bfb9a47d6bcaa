#pragma once
// The Inspect tab: everything about the server or the message selected in the
// cluster view (UiState::selected_server / selected_message), with the
// server's Crash / Restart / Isolate buttons.
#include "sim/message.h"
#include "sim/simulation.h"
#include "ui/frame_io.h"

namespace cs::ui {

struct UiState;

// What Inspect remembers: the selected message as last seen on the wire, so it
// can still be shown once delivered (the simulation keeps no delivered messages).
struct InspectState {
    std::uint64_t seen_id = 0;
    Message seen;
};

void inspect_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

// How the selected message ended, from the event log: "delivered at 1.234 s",
// "dropped at ... (partition)", or empty when the log has no word of it.
std::string message_fate(const Simulation& sim, std::uint64_t message_id);

}  // namespace cs::ui
