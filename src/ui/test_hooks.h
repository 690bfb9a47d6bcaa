#pragma once
// On-screen rectangles of named items (server nodes, main buttons, tabs) for the
// browser tests: ImGui draws into a canvas with no DOM, so the page exposes
// where things are through window.clustersim.rects(). Names are stable:
// "server/3", "button/crash/3", "tab/Shop", "timeline", ...
#include <string>
#include <vector>

namespace cs::ui {

struct NamedRect {
    std::string name;
    float x = 0, y = 0, w = 0, h = 0;  // in CSS / window pixels (ImGui display coordinates)
};

// Records the last ImGui item's rectangle under this name for this frame.
void expose_last_item(const std::string& name);
// The same, only if the item is visible: a test that needs an item below the
// fold has to scroll to it, as a student would.
void expose_if_visible(const std::string& name);
// Records an explicit rectangle (for things drawn with ImDrawList).
void expose_rect(const std::string& name, float x, float y, float w, float h);
// Starts a frame's list / hands it over at the end of the frame.
void begin_exposed_frame();
std::vector<NamedRect> take_exposed();

}  // namespace cs::ui
