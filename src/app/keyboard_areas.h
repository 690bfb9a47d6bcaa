#pragma once
// Tab on the canvas: from one area of the screen to the next (the control bar, the
// cluster, the side panel, the timeline: Dear ImGui's top-level windows, in reading
// order), with ImGui's keyboard highlight on the area's first control; past the
// last area (or before the first, with Shift+Tab) the page lets the focus leave the
// canvas. Inside an area the arrow keys move the highlight, Space presses.
// ImGui 1.86 switches windows only with Ctrl+Tab, which the browser keeps for itself.
//
// ImGui's keyboard navigation (NavEnableKeyboard) is on only while its highlight
// shows: Tab turns it on; a click or Escape hides the highlight and turns it off, so
// that the arrow keys and Space are the clock's shortcuts again (help_overlay.cpp)
// instead of the first arrow silently starting a navigation.
#include <cstdint>

namespace cs::app {

class KeyboardAreas {
public:
    // Asks for the next (step > 0) or previous (step < 0) area, taken at the next
    // frame's start. False when there is none that way (nothing is asked then).
    bool step(int step);
    // Turns ImGui's keyboard navigation on or off for this frame; call before ImGui::NewFrame().
    void before_new_frame();
    // Gives the area asked for the keyboard focus; call right after ImGui::NewFrame().
    void apply();

private:
    std::uint32_t pending_ = 0;  // the ImGui window id to focus, 0: none
    std::uint32_t current_ = 0;  // the area Tab went to last, 0: none since the focus came to the canvas
    bool chosen_ = false;        // an area was reached by Tab, and its highlight still shows
    int settling_ = 0;           // frames left before a hidden highlight counts as ended
};

}  // namespace cs::app
