#include "ui/spacetime_panel.h"

#include <imgui.h>

#include <algorithm>
#include <iterator>
#include <cmath>
#include <string>

#include "sim/simulation.h"
#include "ui/frame_io.h"
#include "ui/spacetime_draw.h"
#include "ui/test_hooks.h"
#include "ui/theme.h"
#include "ui/ui_state.h"

namespace cs::ui {
namespace {

const CausalCone* g_last_selection = nullptr;

constexpr float kHitRadius = 7.0f;

bool typed(ImWchar a, ImWchar b) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl || io.KeySuper || io.KeyAlt) return false;
    const ImVector<ImWchar>& chars = io.InputQueueCharacters;
    return std::any_of(chars.begin(), chars.end(), [&](ImWchar c) { return c == a || c == b; });
}

// Keys while the tab is open (the help overlay's keys are left alone): I / O zoom in and
// out, the Up / Down arrows move earlier / later, F follows, Escape clears the selection.
void keys(const Simulation& sim, SpaceTimeState& st, TimeUs view_from) {
    if (ImGui::GetIO().WantTextInput) return;
    const TimeUs anchor = st.follow ? sim.now_us() : view_from + st.span_us / 2;
    if (typed('i', 'I')) st.from_us = zoom_about(view_from, st.span_us, 0.5, anchor);
    if (typed('o', 'O')) st.from_us = zoom_about(view_from, st.span_us, 2.0, anchor);
    if (typed('f', 'F')) {
        st.follow = !st.follow;
        st.from_us = view_from;
    }
    const bool up = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow));
    const bool down = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow));
    if (up || down) {
        st.follow = false;
        st.from_us = view_from + (up ? -1 : 1) * st.span_us / 4;
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) st.cone.clear();
}

// The toolbar: follow, zoom and pan buttons (reachable by keyboard), family filters, export.
void toolbar(const Simulation& sim, SpaceTimeState& st, TimeUs view_from, Actions& out) {
    if (ImGui::Checkbox("Follow", &st.follow) && !st.follow) st.from_us = view_from;
    expose_last_item("spacetime/follow");
    ImGui::SameLine();
    auto zoom = [&](double factor) {
        const TimeUs anchor = st.follow ? sim.now_us() : view_from + st.span_us / 2;
        st.from_us = zoom_about(view_from, st.span_us, factor, anchor);
    };
    if (ImGui::Button("-")) zoom(2.0);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Zoom out (O, or the mouse wheel on the diagram)");
    expose_last_item("spacetime/zoom-out");
    ImGui::SameLine();
    if (ImGui::Button("+")) zoom(0.5);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Zoom in (I)");
    expose_last_item("spacetime/zoom-in");
    ImGui::SameLine();
    if (ImGui::ArrowButton("##earlier", ImGuiDir_Up)) {
        st.follow = false;
        st.from_us = view_from - st.span_us / 2;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Earlier (Up arrow, or drag the diagram)");
    ImGui::SameLine();
    if (ImGui::ArrowButton("##later", ImGuiDir_Down)) {
        st.follow = false;
        st.from_us = view_from + st.span_us / 2;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Later (Down arrow)");
    ImGui::SameLine();
    char span[32];
    ImGui::TextDisabled("%s shown", format_span(st.span_us, span, sizeof span));

    ImGui::Checkbox("Event order", &st.event_order);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Space the events evenly, in the order they happened (as ShiViz does),\ninstead of by time: short messages become readable");
    expose_last_item("spacetime/event-order");
    ImGui::SameLine();
    bool& heartbeats = st.hidden[static_cast<int>(MsgFamily::Heartbeat)];
    if (ImGui::SmallButton(heartbeats ? "Show heartbeats" : "Hide heartbeats")) heartbeats = !heartbeats;
    expose_last_item("spacetime/heartbeats");
    ImGui::SameLine();
    if (ImGui::SmallButton("ShiViz log")) out.course.export_shiviz = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Download every event with its vector clock, for ShiViz (bestchai.bitbucket.io/shiviz)");
    expose_last_item("button/export-shiviz");
    const ImGuiStyle& style = ImGui::GetStyle();
    for (MsgFamily family : kFamilies) {
        // Wrap at the panel's edge.
        const float width = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(family_label(family)).x;
        const float after = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + style.ItemSpacing.x;
        if (after + width <= ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
        bool shown = !st.hidden[static_cast<int>(family)];
        ImGui::PushStyleColor(ImGuiCol_CheckMark, ImGui::ColorConvertU32ToFloat4(family_color(family)));
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(family_color(family)));
        if (ImGui::Checkbox(family_label(family), &shown)) st.hidden[static_cast<int>(family)] = !shown;
        ImGui::PopStyleColor(2);
    }
}

void lane_headers(const SpaceTimeFrame& f, ImDrawList* draw, float header_top, const Simulation& sim) {
    const float w = f.lane_width();
    for (int lane = 0; lane < f.lanes; ++lane) {
        const float x = f.lane_x(lane);
        const bool down = lane >= 1 && !sim.server(lane).alive;
        draw->AddLine(ImVec2(x, f.top), ImVec2(x, f.top + f.height), down ? IM_COL32(120, 60, 60, 160) : color::kLink,
                      down ? 1.0f : 2.0f);
        const std::string name = lane == 0 ? (w > 70 ? "clients/LB" : "C") : (w > 24 ? "S" : "") + std::to_string(lane);
        const ImVec2 size = ImGui::CalcTextSize(name.c_str());
        if (size.x > w - 2.0f && lane % 8 != 0) continue;  // 64 lanes: every eighth name
        const ImU32 c = lane >= 1 && sim.server(lane).is_leader() ? color::kNodeLeader : color::kText;
        draw->AddText(ImVec2(x - size.x * 0.5f, header_top), down ? color::kTextDim : c, name.c_str());
    }
}

// Mouse on the canvas: wheel zooms about the pointer, a drag pans, a click selects an
// event (its causal past and future light up) or jumps the timeline to a message.
void mouse(const Simulation& sim, const SpaceTimeFrame& f, const SpaceTimeHits& hits, SpaceTimeState& st,
           Actions& out) {
    const ImGuiIO& io = ImGui::GetIO();
    const bool hovered = ImGui::IsItemHovered();
    if (hovered && io.MouseWheel != 0.0f) {
        st.from_us = zoom_about(f.from_us, st.span_us, std::pow(0.8, static_cast<double>(io.MouseWheel)), f.time_at(io.MousePos.y));
        if (st.follow && io.MouseWheel < 0) st.follow = true;  // zooming out keeps following
        else if (io.MouseWheel > 0) st.follow = false;
    }
    if (ImGui::IsItemActivated()) {
        st.dragging = true;
        st.drag_last_y = io.MousePos.y;
        st.drag_moved = 0;
    }
    if (st.dragging && ImGui::IsItemActive()) {
        const float dy = io.MousePos.y - st.drag_last_y;
        st.drag_moved += std::fabs(dy);
        if (st.drag_moved > 4.0f && dy != 0.0f) {
            st.follow = false;
            st.from_us = f.from_us - static_cast<TimeUs>(static_cast<double>(dy) / f.height * static_cast<double>(f.to_us - f.from_us));
        }
        st.drag_last_y = io.MousePos.y;
    }
    // The nearest dot, else the nearest arrow, under the pointer.
    const SpaceTimeHits::Dot* dot = nullptr;
    const SpaceTimeHits::Arrow* line = nullptr;
    if (hovered) {
        float best = kHitRadius;
        for (const auto& d : hits.dots) {
            const float dist = std::hypot(d.x - io.MousePos.x, d.y - io.MousePos.y);
            if (dist <= best) best = dist, dot = &d;
        }
        if (!dot) {
            // Of the arrows within reach, the one whose middle is nearest: arrows cross
            // and run close together (a request and its reply), their middles rarely meet.
            best = 1e9f;
            for (const auto& a : hits.arrows) {
                if (distance_to_segment(io.MousePos.x, io.MousePos.y, a.ax, a.ay, a.bx, a.by) > 5.0f) continue;
                const float middle = std::hypot((a.ax + a.bx) * 0.5f - io.MousePos.x, (a.ay + a.by) * 0.5f - io.MousePos.y);
                if (middle < best) best = middle, line = &a;
            }
        }
    }
    if (dot) {
        sim.causality().scan(dot->index, dot->index + 1, [](const CausalEvent& e) {
            ImGui::SetTooltip("%s\nClick: its causal past and future", describe_causal_event(e).c_str());
            return false;
        });
    } else if (line) {
        ImGui::SetTooltip("%s\nClick: go to that moment", describe_causal_event(line->event).c_str());
    }
    const bool clicked = st.dragging && ImGui::IsItemDeactivated() && st.drag_moved <= 4.0f;
    if (ImGui::IsItemDeactivated()) st.dragging = false;
    if (!clicked) return;
    if (dot) {
        if (st.cone.active() && st.cone.selected() == dot->index) st.cone.clear();
        else st.cone.select(sim.causality(), dot->index);
    } else if (line) {
        const CausalEvent& e = line->event;
        out.seek_to_us = e.arrives_us >= 0 ? e.arrives_us : e.time_us;
    } else {
        st.cone.clear();
    }
}

}  // namespace

const CausalCone* spacetime_selection() { return g_last_selection; }

void spacetime_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    SpaceTimeState& st = state.spacetime;
    const CausalStore& store = sim.causality();
    st.cone.update(store);
    g_last_selection = &st.cone;
    // An operation picked in History: bring its time into view (its messages are outlined).
    if (state.focused_order != st.shown_order) {
        st.shown_order = state.focused_order;
        if (state.focused_order != 0 && state.focused_to_us > state.focused_from_us) {
            const TimeUs length = state.focused_to_us - state.focused_from_us;
            st.follow = false;
            st.span_us = std::clamp<TimeUs>(length * 3 / 2, kMinSpanUs, kMaxSpanUs);
            st.from_us = state.focused_from_us - length / 4;
        }
    }
    const TimeUs now = sim.now_us();
    const TimeUs view_from = st.follow ? now + st.span_us / 10 - st.span_us : st.from_us;
    keys(sim, st, view_from);
    toolbar(sim, st, view_from, out);
    const TimeUs from = st.follow ? now + st.span_us / 10 - st.span_us : st.from_us;

    const float header = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float info_height = ImGui::GetTextLineHeightWithSpacing() * 2.0f;
    const ImVec2 size(std::max(100.0f, avail.x), std::max(120.0f, avail.y - info_height));
    ImGui::InvisibleButton("spacetime-canvas", size);
    expose_last_item("spacetime");
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), color::kCanvas);

    SpaceTimeFrame f;
    f.left = origin.x;
    f.top = origin.y + header;
    f.width = size.x;
    f.height = size.y - header - 4.0f;
    f.lanes = store.lanes();
    f.from_us = from;
    f.to_us = from + st.span_us;
    lane_headers(f, draw, origin.y, sim);
    draw->PushClipRect(ImVec2(f.left, f.top), ImVec2(f.left + f.width, f.top + f.height), true);
    // Events older than the store keeps (bounded memory): shaded.
    if (store.first_time_us() > f.from_us && store.first_index() > 0)
        draw->AddRectFilled(ImVec2(f.left, f.top), ImVec2(f.left + f.width, f.time_y(store.first_time_us())),
                            IM_COL32(0, 0, 0, 90));
    SpaceTimeHits hits;
    draw_spacetime(sim, f, st, state.focused_order, draw, hits);
    // The current moment.
    const float now_y = hits.merged ? f.time_y(now) : hits.now_y;
    draw->AddLine(ImVec2(f.left, now_y), ImVec2(f.left + f.width, now_y), color::kWarning, 1.5f);
    draw->AddText(ImVec2(f.left + 4.0f, now_y - ImGui::GetFontSize() - 1.0f), color::kWarning, "now");
    draw->PopClipRect();
    mouse(sim, f, hits, st, out);

    const bool filtered = std::find(std::begin(st.hidden), std::end(st.hidden), true) != std::end(st.hidden);
    // Wrapped: a narrow side panel must not cut the hint off.
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (hits.merged && filtered)
        ImGui::TextWrapped("%llu events in view, %llu of them shown (filters), merged per lane: zoom in (+ or the wheel) "
                           "to see the messages",
                           static_cast<unsigned long long>(hits.events_in_view),
                           static_cast<unsigned long long>(hits.events_counted));
    else if (hits.merged)
        ImGui::TextWrapped("%llu events in view, merged per lane: zoom in (+ or the wheel) to see the messages",
                           static_cast<unsigned long long>(hits.events_in_view));
    else
        ImGui::TextWrapped("%llu events in view. Click an event: its causal past (blue) and future (orange).",
                           static_cast<unsigned long long>(hits.events_in_view));
    ImGui::PopStyleColor();
    if (st.cone.active()) {
        store.scan(st.cone.selected(), st.cone.selected() + 1, [&](const CausalEvent& e) {
            ImGui::TextWrapped("Selected: %s. On screen: %d before it, %d after it; the rest is concurrent.",
                               describe_causal_event(e).c_str(), hits.selected_past, hits.selected_future);
            return false;
        });
    }
    (void)in;
}

}  // namespace cs::ui
