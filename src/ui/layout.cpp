#include "ui/layout.h"

#include <imgui.h>

#include "ui/cluster_view.h"
#include "ui/control_bar.h"
#include "ui/notices.h"

namespace cs::ui {
namespace {

// Windows are placed by this file every frame, not by the user: the page has to
// look the same for every student, and there is no ini file on the web anyway.
constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoBringToFrontOnFocus;
constexpr ImGuiWindowFlags kStrip = kFixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar;

void place(const ImVec2& pos, const ImVec2& size) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
}

float strip_height() {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y * 2.0f;
}

void control_bar_window(const ImVec2& pos, float width, const Simulation& sim, const FrameInput& in, Actions& out) {
    place(pos, ImVec2(width, strip_height()));
    if (ImGui::Begin("Controls", nullptr, kStrip)) control_bar(sim, in, out);
    ImGui::End();
}

void notices_window(const ImVec2& pos, float width, const FrameInput& in, Actions& out) {
    place(pos, ImVec2(width, strip_height()));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.25f, 0.18f, 0.08f, 1.0f));
    if (ImGui::Begin("Notices", nullptr, kStrip)) notices(*in.notices, in, out);
    ImGui::End();
    ImGui::PopStyleColor();
}

void cluster_window(const ImVec2& pos, const ImVec2& size, const Simulation& sim, const FrameInput& in, Actions& out) {
    place(pos, size);
    const ImGuiWindowFlags flags = kFixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                                   (in.embed ? ImGuiWindowFlags_NoTitleBar : 0);
    if (ImGui::Begin("Cluster", nullptr, flags)) cluster_view(sim, in, out);
    ImGui::End();
}

}  // namespace

Actions draw_ui(const Simulation& sim, const FrameInput& in) {
    Actions out;
    out.playback = in.playback;

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 origin = viewport->WorkPos;
    const ImVec2 size = viewport->WorkSize;
    const float gap = in.embed ? 0.0f : 4.0f * in.scale;

    float y = origin.y;
    control_bar_window(ImVec2(origin.x, y), size.x, sim, in, out);
    y += strip_height() + gap;
    if (in.notices && !in.notices->empty()) {
        notices_window(ImVec2(origin.x, y), size.x, in, out);
        y += strip_height() + gap;
    }
    cluster_window(ImVec2(origin.x, y), ImVec2(size.x, origin.y + size.y - y), sim, in, out);
    return out;
}

}  // namespace cs::ui
