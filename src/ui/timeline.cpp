#include "ui/timeline.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/test_hooks.h"
#include "ui/theme.h"
#include "ui/time_controls.h"

namespace cs::ui {
namespace {

constexpr MilestoneKind kMarkerKinds[] = {MilestoneKind::Crash,         MilestoneKind::Restart,
                                          MilestoneKind::Fault,         MilestoneKind::Heal,
                                          MilestoneKind::ElectionStart, MilestoneKind::LeaderElected,
                                          MilestoneKind::Violation};

// Faults and violations stand tall (they are why things happen); elections short.
float marker_height_fraction(MilestoneKind kind) {
    switch (kind) {
        case MilestoneKind::ElectionStart:
        case MilestoneKind::LeaderElected: return 0.55f;
        default: return 1.0f;
    }
}

void draw_marker_head(ImDrawList* draw, MilestoneKind kind, ImVec2 at, float r, ImU32 colour) {
    switch (kind) {
        case MilestoneKind::Crash:  // a cross: something broke
            draw->AddLine(ImVec2(at.x - r, at.y - r), ImVec2(at.x + r, at.y + r), colour, 2.0f);
            draw->AddLine(ImVec2(at.x - r, at.y + r), ImVec2(at.x + r, at.y - r), colour, 2.0f);
            break;
        case MilestoneKind::Violation:  // a warning triangle
            draw->AddTriangleFilled(ImVec2(at.x, at.y - r * 1.2f), ImVec2(at.x + r * 1.2f, at.y + r),
                                    ImVec2(at.x - r * 1.2f, at.y + r), colour);
            break;
        case MilestoneKind::LeaderElected:  // the diamond of the COORDINATOR message
            draw->AddQuadFilled(ImVec2(at.x, at.y - r), ImVec2(at.x + r, at.y), ImVec2(at.x, at.y + r),
                                ImVec2(at.x - r, at.y), colour);
            break;
        case MilestoneKind::ElectionStart: draw->AddCircle(at, r * 0.85f, colour, 12, 2.0f); break;
        default: draw->AddCircleFilled(at, r * 0.8f, colour, 12); break;
    }
}

struct Track {
    ImVec2 min, max;  // the whole interactive area
    float x0 = 0, width = 0;  // the time axis inside it
    float bar_y = 0;          // centre of the bar
    TimelineRange range;
};

void draw_ticks(ImDrawList* draw, const Track& t, float scale) {
    const TimeUs span = t.range.end_us - t.range.start_us;
    const TimeUs step = tick_step_us(span, t.width, 70.0f * scale);
    const TimeUs first = (t.range.start_us + step - 1) / step * step;
    const float label_y = t.bar_y + 6.0f * scale;
    for (TimeUs tick = first; tick <= t.range.end_us; tick += step) {
        const float x = time_to_x(tick, t.range, t.x0, t.width);
        draw->AddLine(ImVec2(x, t.bar_y + 3.0f * scale), ImVec2(x, t.bar_y + 6.0f * scale), color::kTextDim);
        const std::string label = format_tick(tick, step);
        const float w = ImGui::CalcTextSize(label.c_str()).x;
        const float lx = std::clamp(x - w * 0.5f, t.min.x, t.max.x - w);
        draw->AddText(ImVec2(lx, label_y), color::kTextDim, label.c_str());
    }
}

// Markers, and which one (if any) is under the mouse: the nearest within a few pixels.
const Milestone* draw_markers(ImDrawList* draw, const Track& t, const TimelineView& view, TimeUs now_us, float scale,
                              bool hovered) {
    if (!view.milestones) return nullptr;
    const float top = t.min.y + 5.0f * scale;
    const float r = 4.0f * scale;
    const float mouse_x = ImGui::GetIO().MousePos.x;
    const Milestone* nearest = nullptr;
    float nearest_dx = 6.0f * scale;
    for (const Milestone& m : *view.milestones) {
        if (m.time_us < t.range.start_us || m.time_us > t.range.end_us) continue;
        const float x = time_to_x(m.time_us, t.range, t.x0, t.width);
        ImU32 colour = milestone_color(m.kind);
        // Ahead of the cursor: the future replay will reach again, drawn faded.
        if (m.time_us > now_us) colour = (colour & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 120);
        const float head_y = t.bar_y - (t.bar_y - top) * marker_height_fraction(m.kind);
        draw->AddLine(ImVec2(x, head_y), ImVec2(x, t.bar_y), colour, 1.5f * scale);
        draw_marker_head(draw, m.kind, ImVec2(x, head_y), r, colour);
        if (hovered && std::fabs(mouse_x - x) <= nearest_dx) {
            nearest_dx = std::fabs(mouse_x - x);
            nearest = &m;
        }
    }
    return nearest;
}

// Click or drag: seek while the mouse is held, paused so the picture stays
// under the pointer; on release, playing resumes if it was playing before.
void scrub(const Track& t, const FrameInput& in, TimeControlsState& state, Actions& out) {
    if (ImGui::IsItemActivated()) {
        state.scrubbing = true;
        state.paused_before_scrub = in.playback.paused;
        state.scrub_at_us = -1;
    }
    if (state.scrubbing && ImGui::IsItemActive()) {
        out.playback.paused = true;
        const TimeUs target = x_to_time(ImGui::GetIO().MousePos.x, t.range, t.x0, t.width);
        if (target != state.scrub_at_us) {
            out.seek_to_us = target;
            state.scrub_at_us = target;
        }
    }
    if (state.scrubbing && ImGui::IsItemDeactivated()) {
        state.scrubbing = false;
        out.playback.paused = state.paused_before_scrub;
    }
}

// Above the strip, centred on the pointer: a tooltip below it would cover the
// very markers the user is pointing at (the strip sits at the bottom edge).
void tooltip_above(const Track& t, float x, const std::string& text) {
    ImGui::SetNextWindowPos(ImVec2(x, t.min.y - 4.0f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(text.c_str());
    ImGui::EndTooltip();
}

}  // namespace

ImU32 milestone_color(MilestoneKind kind) {
    switch (kind) {
        case MilestoneKind::Crash: return color::kCrashMark;
        case MilestoneKind::Restart: return color::kGood;
        case MilestoneKind::Fault: return color::kFaultMark;
        case MilestoneKind::Heal: return color::kHealMark;
        case MilestoneKind::ElectionStart: return color::kElectionMark;
        case MilestoneKind::LeaderElected: return color::kLeaderMark;
        case MilestoneKind::Violation: return color::kViolationMark;
    }
    return color::kText;
}

void timeline_marker_legend(const FrameInput& in) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float r = 4.0f * in.scale;
    for (MilestoneKind kind : kMarkerKinds) {
        const char* label = milestone_label(kind);
        const float width = r * 3.0f + ImGui::CalcTextSize(label).x;
        if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
        const ImVec2 at = ImGui::GetCursorScreenPos();
        draw_marker_head(draw, kind, ImVec2(at.x + r * 1.2f, at.y + ImGui::GetTextLineHeight() * 0.5f), r,
                         milestone_color(kind));
        ImGui::Dummy(ImVec2(r * 3.0f, ImGui::GetTextLineHeight()));
        ImGui::SameLine(0, 0);
        ImGui::TextUnformatted(label);
        ImGui::SameLine(0, 14.0f * in.scale);
    }
    ImGui::NewLine();
}

void timeline_strip(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    const float scale = in.scale;
    const TimeUs now = sim.now_us();
    // Left: where we are, in time and in events. Microseconds show at very slow speeds.
    const bool precise = in.playback.speed < 0.01 || in.playback.paused;
    ImGui::BeginGroup();
    ImGui::Text("t = %s", format_sim_time(now, precise).c_str());
    ImGui::TextColored(ImColor(color::kTextDim), "%llu events", static_cast<unsigned long long>(sim.events_processed()));
    ImGui::EndGroup();
    expose_last_item("timeline/clock");
    ImGui::SameLine(0, 12.0f * scale);
    const float left_used = ImGui::GetCursorPosX();
    const float min_left = 150.0f * scale;
    if (left_used < min_left) ImGui::SetCursorPosX(min_left);  // the clock's width changes; the track must not

    Track t;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    t.min = ImGui::GetCursorScreenPos();
    t.max = ImVec2(t.min.x + std::max(avail.x, 10.0f), t.min.y + std::max(avail.y, ImGui::GetFrameHeight()));
    ImGui::InvisibleButton("##timeline", ImVec2(t.max.x - t.min.x, t.max.y - t.min.y));
    const bool hovered = ImGui::IsItemHovered();
    const float pad = 8.0f * scale;  // room for the cursor handle at both ends
    t.x0 = t.min.x + pad;
    t.width = std::max(1.0f, t.max.x - t.min.x - 2.0f * pad);
    t.bar_y = t.min.y + (t.max.y - t.min.y) * 0.55f;
    t.range = timeline_range(in.timeline, now);
    expose_rect("timeline", t.x0, t.min.y, t.width, t.max.y - t.min.y);
    scrub(t, in, state.time_controls, out);

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float bar_half = 3.0f * scale;
    const float now_x = time_to_x(now, t.range, t.x0, t.width);
    const float latest_x = time_to_x(in.timeline.latest_us, t.range, t.x0, t.width);
    // The bar: played (bright) up to now, known future (replay will reach it) dimmer.
    draw->AddRectFilled(ImVec2(t.x0, t.bar_y - bar_half), ImVec2(t.x0 + t.width, t.bar_y + bar_half),
                        color::kMeterTrack, bar_half);
    if (latest_x > now_x)
        draw->AddRectFilled(ImVec2(now_x, t.bar_y - bar_half), ImVec2(latest_x, t.bar_y + bar_half),
                            color::kReplayable, bar_half);
    draw->AddRectFilled(ImVec2(t.x0, t.bar_y - bar_half), ImVec2(now_x, t.bar_y + bar_half),
                        color::kPlayed, bar_half);
    draw_ticks(draw, t, scale);
    const Milestone* under_mouse = draw_markers(draw, t, in.timeline, now, scale, hovered);

    // The cursor: where the simulation is now.
    draw->AddLine(ImVec2(now_x, t.min.y + 2.0f * scale), ImVec2(now_x, t.bar_y + bar_half + 2.0f * scale),
                  color::kText, 2.0f * scale);
    draw->AddCircleFilled(ImVec2(now_x, t.bar_y), 5.5f * scale, color::kText, 16);

    if (hovered && !ImGui::IsItemActive()) {
        const float mx = std::clamp(ImGui::GetIO().MousePos.x, t.x0, t.x0 + t.width);
        draw->AddLine(ImVec2(mx, t.min.y), ImVec2(mx, t.max.y), IM_COL32(255, 255, 255, 60), 1.0f);
        const TimeUs at = x_to_time(mx, t.range, t.x0, t.width);
        if (under_mouse) {
            tooltip_above(t, mx,
                          format_sim_time(under_mouse->time_us, false) + "  " +
                              describe_milestone(*under_mouse, in.timeline.violations) +
                              (under_mouse->time_us > now ? "\n(ahead: click to replay up to here)" : ""));
        } else {
            tooltip_above(t, mx,
                          format_sim_time(at, false) + "\nclick or drag to go there" +
                              (at < now ? " (replays the same run)" : ""));
        }
    }
}

}  // namespace cs::ui
