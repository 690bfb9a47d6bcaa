#include "ui/layout.h"

#include <imgui.h>

#include <algorithm>

#include "ui/cluster_view.h"
#include "ui/control_bar.h"
#include "ui/geometry.h"
#include "ui/help_overlay.h"
#include "ui/lesson_panel.h"
#include "ui/notices.h"
#include "ui/side_panel.h"
#include "ui/start_card.h"
#include "ui/test_hooks.h"
#include "ui/theme.h"
#include "ui/timeline.h"
#include "ui/tooltip_guard.h"

namespace cs::ui {
namespace {

// Windows are placed by this file every frame, not by the user: the page has to
// look the same for every student, and there is no ini file on the web anyway.
// Where they go is decided by plan_page() (geometry.h) from the canvas size.
constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoBringToFrontOnFocus;
constexpr ImGuiWindowFlags kStrip = kFixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar;

// Touch targets on a phone: at least 44 CSS pixels (WCAG 2.5.5).
constexpr float kTouchTarget = 44.0f;

void place(const Rect& r) {
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y));
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h));
}

float strip_height() { return ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y * 2.0f; }

// Two text lines: the clock and event count on the left, the track with its tick labels.
float timeline_height() {
    return ImGui::GetTextLineHeightWithSpacing() * 2.0f + ImGui::GetStyle().WindowPadding.y * 2.0f + 4.0f;
}

void control_bar_window(const Rect& r, const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    place(r);
    if (ImGui::Begin("Controls", nullptr, kStrip)) control_bar(sim, in, state, out);
    ImGui::End();
}

void timeline_window(const Rect& r, const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    place(r);
    if (ImGui::Begin("Timeline", nullptr, kStrip | ImGuiWindowFlags_NoScrollWithMouse))
        timeline_strip(sim, in, state, out);
    ImGui::End();
}

void notices_window(const Rect& r, const FrameInput& in, Actions& out) {
    place(r);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImColor(color::kNoticeBg).Value);
    if (ImGui::Begin("Notices", nullptr, kStrip)) notices(*in.notices, in, out);
    ImGui::End();
    ImGui::PopStyleColor();
    expose_rect("notices", r.x, r.y, r.w, r.h);
}

void side_window(const Rect& r, bool dropdown, const Simulation& sim, const FrameInput& in, UiState& state,
                 Actions& out) {
    place(r);
    if (ImGui::Begin("Panels", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar)) side_panel(sim, in, state, out, dropdown);
    ImGui::End();
    expose_rect("panel", r.x, r.y, r.w, r.h);
}

// embed=1 has no tabs: a running lesson gets its own window instead. Its height
// is measured for the next frame's plan (a lesson's text changes with its step).
void lesson_window(const Rect& r, const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    place(r);
    if (ImGui::Begin("Lesson", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar)) {
        lesson_panel_embedded(sim, in, state, out);
        state.layout.lesson_content_h = ImGui::GetCursorPosY() - ImGui::GetScrollY() + ImGui::GetStyle().WindowPadding.y;
        state.layout.lesson_width = r.w;
    }
    ImGui::End();
    expose_rect("lesson", r.x, r.y, r.w, r.h);
}

void cluster_window(const Rect& r, const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    place(r);
    const ImGuiWindowFlags flags = kFixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                                   (in.embed || r.h < 420.0f * in.scale ? ImGuiWindowFlags_NoTitleBar : 0);
    if (ImGui::Begin("Cluster", nullptr, flags)) cluster_view(sim, in, state, out);
    ImGui::End();
}

// On a phone the Lesson tab shares the column with the cluster: if the lesson's
// Next button is not in view, the side gets a little more next frame, until it
// is or the cluster is down to its smallest (plan_page keeps that).
void grow_side_until_lesson_fits(const std::vector<NamedRect>& rects, const PagePlan& plan, float scale,
                                 LayoutState& layout) {
    for (const NamedRect& r : rects)
        if (r.name == "lesson/next" && r.y + r.h <= plan.side.y + plan.side.h) return;
    if (plan.cluster.h > 200.0f * scale) layout.side_extra = std::min(layout.side_extra + 24.0f * scale, plan.side.h + plan.cluster.h);
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
    const bool lesson = in.course && in.course->lesson.active;

    // A phone gets finger-sized controls: taller frames everywhere on the page.
    const bool phone = !in.embed && page_is_stacked(size.x, size.y, in.scale);
    if (phone) {
        const ImGuiStyle& style = ImGui::GetStyle();
        const float pad_y = std::max(style.FramePadding.y, (kTouchTarget * in.scale - ImGui::GetFontSize()) * 0.5f);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(std::max(style.FramePadding.x, 12.0f * in.scale), pad_y));
    }

    PageInput page;
    page.width = size.x;
    page.height = size.y;
    page.scale = in.scale;
    page.embed = in.embed;
    page.lesson = lesson;
    page.bar_h = strip_height();
    page.timeline_h = timeline_height();
    page.notices_h = in.notices && !in.notices->empty() ? strip_height() : 0.0f;
    if (in.embed && lesson) {
        page.lesson_content_h = state.layout.lesson_content_h;
        page.lesson_width = state.layout.lesson_width;
    }
    const bool phone_lesson = phone && lesson && state.tab == SideTab::Lesson;
    if (!phone_lesson || state.layout.lesson_generation != in.course->lesson.generation) state.layout.side_extra = 0.0f;
    if (phone_lesson) state.layout.lesson_generation = in.course->lesson.generation;
    page.side_extra = state.layout.side_extra;
    PagePlan plan = plan_page(page);
    for (Rect* r : {&plan.bar, &plan.notices, &plan.cluster, &plan.side, &plan.timeline}) {
        r->x += origin.x;
        r->y += origin.y;
    }

    control_bar_window(plan.bar, sim, in, state, out);
    if (plan.notices.h > 0.0f) notices_window(plan.notices, in, out);
    timeline_window(plan.timeline, sim, in, state, out);
    cluster_window(plan.cluster, sim, in, state, out);
    if (plan.side_is_lesson)
        lesson_window(plan.side, sim, in, state, out);
    else if (plan.has_side)
        side_window(plan.side, plan.phone, sim, in, state, out);
    start_card(in, state, out);
    help_overlay(in, state);  // last: over everything
    if (phone) ImGui::PopStyleVar();
    // The form the page took, for the tests: "layout/stacked" (one column) or "layout/columns".
    expose_rect(plan.stacked ? "layout/stacked" : "layout/columns", origin.x, origin.y, size.x, size.y);
    out.rects = take_exposed();
    if (phone_lesson) grow_side_until_lesson_fits(out.rects, plan, in.scale, state.layout);
    keep_tooltip_clear(out.rects, in.scale);
    return out;
}

}  // namespace cs::ui
