#include "ui/layout.h"

#include <imgui.h>

#include <algorithm>

#include "ui/cluster_view.h"
#include "ui/control_bar.h"
#include "ui/help_overlay.h"
#include "ui/lesson_panel.h"
#include "ui/notices.h"
#include "ui/side_panel.h"
#include "ui/test_hooks.h"
#include "ui/timeline.h"

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

void control_bar_window(const ImVec2& pos, float width, const Simulation& sim, const FrameInput& in, UiState& state,
                        Actions& out) {
    place(pos, ImVec2(width, strip_height()));
    if (ImGui::Begin("Controls", nullptr, kStrip)) control_bar(sim, in, state, out);
    ImGui::End();
}

// Two text lines: the clock and event count on the left, the track with its tick labels.
float timeline_height() {
    return ImGui::GetTextLineHeightWithSpacing() * 2.0f + ImGui::GetStyle().WindowPadding.y * 2.0f + 4.0f;
}

void timeline_window(const ImVec2& pos, float width, const Simulation& sim, const FrameInput& in, UiState& state,
                     Actions& out) {
    place(pos, ImVec2(width, timeline_height()));
    if (ImGui::Begin("Timeline", nullptr, kStrip | ImGuiWindowFlags_NoScrollWithMouse))
        timeline_strip(sim, in, state, out);
    ImGui::End();
}

void notices_window(const ImVec2& pos, float width, const FrameInput& in, Actions& out) {
    place(pos, ImVec2(width, strip_height()));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.25f, 0.18f, 0.08f, 1.0f));
    if (ImGui::Begin("Notices", nullptr, kStrip)) notices(*in.notices, in, out);
    ImGui::End();
    ImGui::PopStyleColor();
    expose_rect("notices", pos.x, pos.y, width, strip_height());
}

void side_window(const ImVec2& pos, const ImVec2& size, const Simulation& sim, const FrameInput& in, UiState& state,
                 Actions& out) {
    place(pos, size);
    if (ImGui::Begin("Panels", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar)) side_panel(sim, in, state, out);
    ImGui::End();
    expose_rect("panel", pos.x, pos.y, size.x, size.y);
}

// embed=1 has no tab bar: a running lesson gets its own window instead.
void lesson_window(const ImVec2& pos, const ImVec2& size, const Simulation& sim, const FrameInput& in, UiState& state,
                   Actions& out) {
    place(pos, size);
    if (ImGui::Begin("Lesson", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar))
        lesson_panel_embedded(sim, in, state, out);
    ImGui::End();
}

void cluster_window(const ImVec2& pos, const ImVec2& size, const Simulation& sim, const FrameInput& in, UiState& state,
                    Actions& out) {
    place(pos, size);
    const ImGuiWindowFlags flags = kFixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                                   (in.embed ? ImGuiWindowFlags_NoTitleBar : 0);
    if (ImGui::Begin("Cluster", nullptr, flags)) cluster_view(sim, in, state, out);
    ImGui::End();
}

}  // namespace

Actions draw_ui(const Simulation& sim, const FrameInput& in, UiState& state) {
    Actions out;
    out.playback = in.playback;
    begin_exposed_frame();
    handle_shortcuts(sim, in, state, out);

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 origin = viewport->WorkPos;
    const ImVec2 size = viewport->WorkSize;
    const float gap = in.embed ? 0.0f : 4.0f * in.scale;

    float y = origin.y;
    control_bar_window(ImVec2(origin.x, y), size.x, sim, in, state, out);
    y += strip_height() + gap;
    if (in.notices && !in.notices->empty()) {
        notices_window(ImVec2(origin.x, y), size.x, in, out);
        y += strip_height() + gap;
    }
    // The timeline runs along the whole bottom edge, under the cluster and the panels.
    const float timeline_h = timeline_height();
    const float body_height = origin.y + size.y - y - timeline_h - gap;
    timeline_window(ImVec2(origin.x, origin.y + size.y - timeline_h), size.x, sim, in, state, out);
    // The cluster is the centre of attention; the panels take the rest, but never
    // less than a readable column.
    float side_width = in.embed ? 0.0f : std::max(340.0f * in.scale, size.x * 0.38f);
    // Embedded with a lesson: its narration beside the cluster, or below it in a narrow frame.
    const bool embed_lesson = in.embed && in.course && in.course->lesson.active;
    const bool lesson_below = embed_lesson && size.x < 560.0f * in.scale;
    if (embed_lesson && !lesson_below) side_width = std::clamp(size.x * 0.4f, 240.0f * in.scale, 420.0f * in.scale);
    const float lesson_height = lesson_below ? body_height * 0.45f : 0.0f;
    const float cluster_width = size.x - side_width - (side_width > 0 ? gap : 0.0f);
    cluster_window(ImVec2(origin.x, y), ImVec2(cluster_width, body_height - lesson_height), sim, in, state, out);
    const ImVec2 side_pos(origin.x + cluster_width + gap, y);
    if (side_width > 0 && embed_lesson)
        lesson_window(side_pos, ImVec2(side_width, body_height), sim, in, state, out);
    else if (side_width > 0)
        side_window(side_pos, ImVec2(side_width, body_height), sim, in, state, out);
    if (lesson_below)
        lesson_window(ImVec2(origin.x, y + body_height - lesson_height), ImVec2(size.x, lesson_height), sim, in, state,
                      out);
    help_overlay(in, state);  // last: over everything
    out.rects = take_exposed();
    return out;
}

}  // namespace cs::ui
