#include "ui/spacetime_panel.h"

#include <imgui.h>

#include "sim/simulation.h"
#include "ui/frame_io.h"
#include "ui/ui_state.h"

namespace cs::ui {

void spacetime_panel(const Simulation&, const FrameInput&, UiState&, Actions&) {
    ImGui::TextWrapped("Not built yet.");
}

}  // namespace cs::ui
