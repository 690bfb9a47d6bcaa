#include "ui/tooltip_guard.h"

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/geometry.h"

namespace cs::ui {
namespace {

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

// The lesson's buttons and narration, the start card's buttons: never covered.
bool always_kept_clear(const std::string& name) {
    return starts_with(name, "lesson/") || starts_with(name, "start/");
}

void move_window(ImGuiWindow* window, ImVec2 to) {
    const ImVec2 delta(to.x - window->Pos.x, to.y - window->Pos.y);
    if (delta.x == 0.0f && delta.y == 0.0f) return;
    ImDrawList* list = window->DrawList;
    for (ImDrawVert& v : list->VtxBuffer) {
        v.pos.x += delta.x;
        v.pos.y += delta.y;
    }
    for (ImDrawCmd& cmd : list->CmdBuffer) {
        cmd.ClipRect.x += delta.x;
        cmd.ClipRect.y += delta.y;
        cmd.ClipRect.z += delta.x;
        cmd.ClipRect.w += delta.y;
    }
    window->Pos = to;
}

}  // namespace

void keep_tooltip_clear(std::vector<NamedRect>& rects, float scale) {
    ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
    if (!tip || !tip->Active) return;
    const ImGuiIO& io = ImGui::GetIO();
    const Point mouse{io.MousePos.x, io.MousePos.y};
    const Rect screen{0.0f, 0.0f, io.DisplaySize.x, io.DisplaySize.y};
    const float big = screen.w * screen.h * 0.2f;  // a whole panel under the pointer is not "the control"
    // The control under the pointer: the smallest exposed item that holds it.
    Rect anchor{mouse.x - 1.0f, mouse.y - 1.0f, 2.0f, 2.0f};
    float anchor_area = big;
    std::vector<Rect> avoid;
    for (const NamedRect& r : rects) {
        const Rect rect{r.x, r.y, r.w, r.h};
        if (always_kept_clear(r.name)) avoid.push_back(rect);
        else if (rect.contains(mouse) && r.w * r.h < anchor_area) {
            anchor = rect;
            anchor_area = r.w * r.h;
        }
    }
    const Rect now{tip->Pos.x, tip->Pos.y, tip->Size.x, tip->Size.y};
    bool clear = now.x >= screen.x && now.y >= screen.y && now.x + now.w <= screen.x + screen.w &&
                 now.y + now.h <= screen.y + screen.h && !overlaps(now, anchor);
    for (const Rect& a : avoid) clear = clear && !overlaps(now, a);
    if (!clear) {
        const Point to = place_tooltip(Point{tip->Size.x, tip->Size.y}, mouse, anchor, screen, avoid, 16.0f * scale);
        move_window(tip, ImVec2(to.x, to.y));
    }
    rects.push_back({"tooltip", tip->Pos.x, tip->Pos.y, tip->Size.x, tip->Size.y});
}

}  // namespace cs::ui
