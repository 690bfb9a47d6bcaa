#include "ui/test_hooks.h"

#include <imgui.h>

namespace cs::ui {
namespace {
// One frame's list. The UI runs on one thread; the list is rebuilt every frame.
std::vector<NamedRect>& frame_rects() {
    static std::vector<NamedRect> rects;
    return rects;
}
}  // namespace

void expose_rect(const std::string& name, float x, float y, float w, float h) {
    if (frame_rects().size() < 4096) frame_rects().push_back({name, x, y, w, h});
}

void expose_last_item(const std::string& name) {
    const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
    expose_rect(name, lo.x, lo.y, hi.x - lo.x, hi.y - lo.y);
}

void expose_if_visible(const std::string& name) {
    if (ImGui::IsItemVisible()) expose_last_item(name);
}

void begin_exposed_frame() { frame_rects().clear(); }

std::vector<NamedRect> take_exposed() { return frame_rects(); }

}  // namespace cs::ui
