#pragma once
// The Faults tab: the checker's verdict (each violation can be clicked to jump
// the timeline to it and mark its servers), network faults (partition editor,
// heal, isolate, drop the next message, latency, loss, a slow server) and the
// protocol modes (replication, quorum, resync), each explained in one line.
#include <vector>

#include "sim/message.h"

namespace cs {
class Simulation;
}

namespace cs::ui {

struct FrameInput;
struct Actions;
struct UiState;

// What the tab remembers between frames: the choices being edited, never the
// network itself (read from sim.network() every frame).
struct FaultsPanelState {
    std::vector<bool> on_side_b;  // the partition editor, per server (index id - 1)
    NodeId drop_from = 1, drop_to = 2;
    NodeId slow_server = 1;
    float slow_factor = 4.0f;
    // A slider shows the simulation's value except while it is held: the command
    // is sent on release, so a drag does not flood the history with commands.
    enum class Held : unsigned char { None, LatencyMin, LatencyMax, Loss };
    Held held = Held::None;
    int latency_ms_held = 0;
    float loss_held = 0.0f;
};

void faults_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

}  // namespace cs::ui
