#pragma once
// The Lesson tab: the lesson picker (by course section), the lesson being
// played (narration, "your turn" / "watching", what you should see, Previous /
// Next / Restart), and the course-material tools: Copy link, trace and metrics
// downloads, load a scenario by pasting it. The embedded layout (embed=1) shows
// the same lesson without the tab bar beside the cluster view.
#include <cstdint>
#include <string>

namespace cs {
class Simulation;
}

namespace cs::ui {

struct FrameInput;
struct Actions;
struct UiState;

// What the tab remembers between frames.
struct LessonPanelState {
    std::string paste_text;         // the "Load a scenario" box
    std::string link_text;          // the link field's copy of the last link (ImGui edits in place)
    std::uint64_t seen_generation = 0;  // a new lesson or step scrolls the narration to the top
};

void lesson_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);
// The lesson alone, for the embedded layout (layout.cpp places it). Draws nothing
// but a hint when no lesson is open.
void lesson_panel_embedded(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

}  // namespace cs::ui
