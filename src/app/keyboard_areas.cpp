#include "app/keyboard_areas.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace cs::app {

namespace {

// The top-level windows shown in the last frame that take keyboard navigation, in
// reading order (top to bottom, then left to right). Read from ImGui itself, so a
// layout that adds, renames or moves a window needs nothing here.
std::vector<ImGuiWindow*> areas() {
    constexpr ImGuiWindowFlags kNotAnArea = ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_Popup |
                                            ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_NoNavInputs;
    std::vector<ImGuiWindow*> out;
    for (ImGuiWindow* w : GImGui->Windows)
        if (w->WasActive && !w->Hidden && !(w->Flags & kNotAnArea) && w->DC.NavLayersActiveMask != 0) out.push_back(w);
    std::stable_sort(out.begin(), out.end(), [](const ImGuiWindow* a, const ImGuiWindow* b) {
        const float ay = std::round(a->Pos.y), by = std::round(b->Pos.y);
        return ay != by ? ay < by : a->Pos.x < b->Pos.x;
    });
    return out;
}

}  // namespace

bool KeyboardAreas::step(int step) {
    if (!GImGui || step == 0) return false;
    const std::vector<ImGuiWindow*> list = areas();
    const int n = static_cast<int>(list.size());
    int at = -1;
    for (int i = 0; i < n; ++i)
        if (list[static_cast<std::size_t>(i)]->ID == current_) at = i;
    const int next = at < 0 ? (step > 0 ? 0 : n - 1) : at + (step > 0 ? 1 : -1);
    if (next < 0 || next >= n) {
        current_ = 0;  // Tab leaves the canvas; coming back starts from an end again
        chosen_ = false;
        return false;
    }
    pending_ = current_ = list[static_cast<std::size_t>(next)]->ID;
    chosen_ = true;
    settling_ = 3;
    return true;
}

void KeyboardAreas::before_new_frame() {
    ImGuiContext& g = *GImGui;
    // The highlight lands on the area's first control a frame or two after it is asked for.
    if (settling_ > 0) {
        --settling_;
    } else if (chosen_ && (g.NavDisableHighlight || ImGui::IsKeyDown(g.IO.KeyMap[ImGuiKey_Escape]))) {
        chosen_ = false;  // a click, or Escape: the keys go back to the shortcuts
    } else if (chosen_ && (g.NavId == 0 || !g.NavIdIsAlive)) {
        // The highlighted control went away (Pause became Play, a tab closed): start
        // the area again from its first control rather than lose the highlight.
        pending_ = current_;
    }
    if (pending_ != 0 || chosen_)
        g.IO.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    else
        g.IO.ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;
}

void KeyboardAreas::apply() {
    if (pending_ == 0) return;
    ImGuiWindow* window = ImGui::FindWindowByID(pending_);
    pending_ = 0;
    if (!window) return;
    settling_ = 3;  // from now: ImGui takes a frame or two to put the highlight there
    ImGui::FocusWindow(window);
    ImGui::NavInitWindow(window, true);  // the highlight goes to its first control
    GImGui->NavDisableHighlight = false;  // and shows at once, so Space presses it
    GImGui->NavDisableMouseHover = true;
}

}  // namespace cs::app
