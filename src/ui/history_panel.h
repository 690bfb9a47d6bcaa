#pragma once
// The History tab: every client operation as a bar from invocation to completion,
// one row per client process or per product, with the linearizability verdict,
// a linearization order or the witness that cannot be ordered.
namespace cs {
class Simulation;
}

namespace cs::ui {

struct FrameInput;
struct Actions;
struct UiState;

// What the view remembers between frames (rows by process or product, the selected operation).
struct HistoryViewState {};

void history_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

}  // namespace cs::ui
