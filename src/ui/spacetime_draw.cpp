#include "ui/spacetime_draw.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <unordered_map>

#include "sim/simulation.h"
#include "ui/spacetime_panel.h"
#include "ui/test_hooks.h"
#include "ui/theme.h"

namespace cs::ui {
namespace {

constexpr float kMergePx = 3.0f;  // events on a lane closer than this are drawn as one

ImU32 with_alpha(ImU32 c, float alpha) {
    const auto a = static_cast<ImU32>(std::clamp(alpha, 0.0f, 1.0f) * static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xff));
    return (c & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

// Selected and its cone in full colour, the concurrent rest faint.
float relation_alpha(CausalRelation r) {
    switch (r) {
        case CausalRelation::Concurrent: return 0.18f;
        case CausalRelation::None: return 0.85f;
        default: return 1.0f;
    }
}

ImU32 relation_ring(CausalRelation r) {
    switch (r) {
        case CausalRelation::Selected: return IM_COL32(255, 255, 255, 255);
        case CausalRelation::Past: return IM_COL32(120, 200, 255, 255);
        case CausalRelation::Future: return IM_COL32(255, 190, 90, 255);
        default: return 0;
    }
}

void cross(ImDrawList* draw, float x, float y, float r, ImU32 c) {
    draw->AddLine(ImVec2(x - r, y - r), ImVec2(x + r, y + r), c, 2.0f);
    draw->AddLine(ImVec2(x - r, y + r), ImVec2(x + r, y - r), c, 2.0f);
}

void arrow(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 c, float thickness, bool head) {
    draw->AddLine(a, b, c, thickness);
    if (!head) return;
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float len = std::sqrt(dx * dx + dy * dy);
    if (len < 6.0f) return;
    const float ux = dx / len, uy = dy / len, s = 6.0f + thickness;
    draw->AddTriangleFilled(b, ImVec2(b.x - ux * s - uy * s * 0.5f, b.y - uy * s + ux * s * 0.5f),
                            ImVec2(b.x - ux * s + uy * s * 0.5f, b.y - uy * s - ux * s * 0.5f), c);
}

// The mark of a fault, a role change or a violation on its lane.
void lane_mark(ImDrawList* draw, CausalKind kind, float x, float y, float half_width, float alpha) {
    switch (kind) {
        case CausalKind::Crash: cross(draw, x, y, 7.0f, with_alpha(color::kCrashMark, alpha)); break;
        case CausalKind::Restart:
            draw->AddCircle(ImVec2(x, y), 7.0f, with_alpha(color::kGood, alpha), 12, 2.5f);
            break;
        case CausalKind::Partition:
            draw->AddLine(ImVec2(x - half_width, y), ImVec2(x + half_width, y), with_alpha(color::kCut, alpha), 3.0f);
            break;
        case CausalKind::Heal:
            draw->AddLine(ImVec2(x - half_width, y), ImVec2(x + half_width, y), with_alpha(color::kGood, alpha), 3.0f);
            break;
        case CausalKind::LeaderChange: {
            const ImU32 c = with_alpha(color::kNodeLeader, alpha);
            draw->AddQuadFilled(ImVec2(x, y - 8), ImVec2(x + 8, y), ImVec2(x, y + 8), ImVec2(x - 8, y), c);
            draw->AddText(ImVec2(x + 10, y - 8), c, "leader");
            break;
        }
        case CausalKind::Violation: {
            const ImU32 c = with_alpha(color::kError, alpha);
            draw->AddTriangleFilled(ImVec2(x, y - 8), ImVec2(x + 8, y + 6), ImVec2(x - 8, y + 6), c);
            draw->AddText(ImVec2(x + 10, y - 8), c, "violation");
            break;
        }
        default: break;
    }
}

CausalKind mark_of(MilestoneKind k) {
    switch (k) {
        case MilestoneKind::Crash: return CausalKind::Crash;
        case MilestoneKind::Restart: return CausalKind::Restart;
        case MilestoneKind::Fault: return CausalKind::Partition;
        case MilestoneKind::Heal: return CausalKind::Heal;
        case MilestoneKind::LeaderElected: return CausalKind::LeaderChange;
        case MilestoneKind::Violation: return CausalKind::Violation;
        case MilestoneKind::ElectionStart: break;
    }
    return CausalKind::Count;
}

// Too many events to tell apart: per lane, a strip whose brightness counts the events
// the filter lets through in each few pixels (spacetime_layout.h: density_grid).
void draw_density(const Simulation& sim, const SpaceTimeFrame& f, const SpaceTimeState& state, ImDrawList* draw,
                  SpaceTimeHits& hits) {
    const DensityGrid grid = density_grid(sim.causality(), f, kMergePx, state.hidden, &state.family_counts);
    const int rows = grid.rows;
    const auto lanes = static_cast<std::size_t>(grid.lanes);
    const std::vector<std::uint32_t>& counts = grid.counts;
    std::uint32_t most = 1;
    for (std::uint32_t v : counts) {
        most = std::max(most, v);
        hits.events_counted += v;
    }
    const float w = std::max(2.0f, f.lane_width() * 0.5f);
    const float root_most = std::sqrt(static_cast<float>(most));
    for (int r = 0; r < rows; ++r)
        for (std::size_t l = 0; l < lanes; ++l) {
            const std::uint32_t v = counts[static_cast<std::size_t>(r) * lanes + l];
            if (v == 0) continue;
            const float x = f.lane_x(static_cast<int>(l));
            const float y = f.top + static_cast<float>(r) * kMergePx;
            const float a = 0.15f + 0.85f * std::sqrt(static_cast<float>(v)) / root_most;  // the busy lanes stand out
            draw->AddRectFilled(ImVec2(x - w * 0.5f, y), ImVec2(x + w * 0.5f, y + kMergePx), with_alpha(color::kSelected, a));
        }
    // Lane marks from the milestones (crash, restart, faults, leaders, violations).
    for (const Milestone& m : sim.milestones()) {
        if (m.time_us < f.from_us || m.time_us > f.to_us) continue;
        const CausalKind k = mark_of(m.kind);
        if (k == CausalKind::Count) continue;
        const int lane = m.node >= 1 ? m.node : 0;
        if (lane >= f.lanes) continue;
        lane_mark(draw, k, f.lane_x(lane), f.time_y(m.time_us), f.lane_width() * 0.4f, 1.0f);
    }
}

}  // namespace

std::string describe_causal_event(const CausalEvent& e) {
    char buffer[200];
    const double t = static_cast<double>(e.time_us) / 1e6;
    auto lane_name = [](int lane) { return lane == 0 ? std::string("clients/LB") : "S" + std::to_string(lane); };
    if (is_message_kind(e.kind)) {
        const double ms = static_cast<double>(e.arrives_us - e.sent_us) / 1000.0;
        if (e.kind == CausalKind::Send && e.lost != DropReason::None)
            std::snprintf(buffer, sizeof buffer, "%s #%llu %s -> %s, sent %.6f s, lost (%s)", msg_type_name(e.type),
                          static_cast<unsigned long long>(e.message_id), lane_name(e.lane).c_str(),
                          lane_name(e.peer).c_str(), t, drop_reason_name(e.lost));
        else {
            const int from = e.kind == CausalKind::Send ? e.lane : e.peer, to = e.kind == CausalKind::Send ? e.peer : e.lane;
            std::snprintf(buffer, sizeof buffer, "%s #%llu %s -> %s, sent %.6f s, arrives %.6f s (%.1f ms)%s",
                          msg_type_name(e.type), static_cast<unsigned long long>(e.message_id), lane_name(from).c_str(),
                          lane_name(to).c_str(), static_cast<double>(e.sent_us) / 1e6,
                          static_cast<double>(e.arrives_us) / 1e6, ms,
                          e.kind == CausalKind::Dropped ? ", dropped: the server is down" : "");
        }
        std::string text = buffer;
        if (e.order_id != 0) text += ", order " + std::to_string(e.order_id);
        return std::string(causal_kind_name(e.kind)) + " " + text;
    }
    std::snprintf(buffer, sizeof buffer, "%s on %s at %.6f s", causal_kind_name(e.kind), lane_name(e.lane).c_str(), t);
    return buffer;
}

void draw_spacetime(const Simulation& sim, const SpaceTimeFrame& f, const SpaceTimeState& state,
                    std::uint64_t focused_order, ImDrawList* draw, SpaceTimeHits& hits) {
    const CausalStore& store = sim.causality();
    const std::uint64_t first = store.index_at_or_after(f.from_us);
    const std::uint64_t last = store.index_at_or_after(f.to_us + 1);
    hits.events_in_view = last - first;
    if (last - first > kDetailEvents) {
        hits.merged = true;
        draw_density(sim, f, state, draw, hits);
        return;
    }
    const TimeUs now = sim.now_us();
    const TimeUs lost_flight_us = std::max<TimeUs>(1000, sim.network().latency_us_min());
    const float half_lane = f.lane_width() * 0.5f;
    const bool labels = last - first < 400 && f.lane_width() > 40.0f;
    const bool many_lanes = f.lanes > 17;
    std::vector<ImVec4> label_boxes;  // labels drawn so far: a label that would overlap one is left out
    // Event order (as ShiViz draws): the events in view evenly spaced down the lanes, so a
    // 10 ms message between two 1 s heartbeats is as readable as anything else.
    const bool order = state.event_order;
    const float row = f.height / static_cast<float>(std::max<std::uint64_t>(1, last - first));
    auto index_y = [&](std::uint64_t index) { return f.top + (static_cast<float>(index - first) + 0.5f) * row; };
    std::unordered_map<std::uint64_t, std::uint64_t> send_index;  // message -> its send, in view (order mode)
    hits.now_y = order ? f.top + static_cast<float>(last - first) * row : f.time_y(sim.now_us());
    std::vector<float> last_dot_y(static_cast<std::size_t>(f.lanes), -1e9f);
    std::size_t exposed = 0, exposed_arrows = 0;
    const auto order32 = static_cast<std::uint32_t>(focused_order);
    auto arrow_of = [&](const CausalEvent& e, ImVec2 a, ImVec2 b, float alpha, bool head, bool lost) {
        const bool focused = order32 != 0 && e.order_id == order32;
        const ImU32 c = with_alpha(family_color(msg_family(e.type)), alpha);
        if (focused) arrow(draw, a, b, with_alpha(IM_COL32(255, 255, 255, 255), alpha), 5.0f, false);
        arrow(draw, a, b, c, focused ? 2.5f : many_lanes ? 1.0f : 1.5f, head);
        if (lost) cross(draw, b.x, b.y, 5.0f, with_alpha(color::kError, alpha));
        if (labels && std::fabs(b.y - a.y) > ImGui::GetFontSize() && std::fabs(b.x - a.x) > 30.0f) {
            const char* name = msg_type_name(e.type);
            const ImVec2 size = ImGui::CalcTextSize(name);
            const ImVec2 at((a.x + b.x) * 0.5f - size.x * 0.5f, (a.y + b.y) * 0.5f - size.y);
            const ImVec4 box(at.x, at.y, at.x + size.x, at.y + size.y);
            const bool overlaps = std::any_of(label_boxes.begin(), label_boxes.end(), [&](const ImVec4& o) {
                return box.x < o.z && o.x < box.z && box.y < o.w && o.y < box.w;
            });
            if (!overlaps) {
                draw->AddRectFilled(ImVec2(box.x - 1, box.y), ImVec2(box.z + 1, box.w), with_alpha(color::kCanvas, 0.8f * alpha));
                draw->AddText(at, c, name);
                label_boxes.push_back(box);
            }
        }
        if (hits.arrows.size() < 4000) hits.arrows.push_back({e, a.x, a.y, b.x, b.y});
        const ImVec2 mid((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
        if (exposed_arrows < kMaxExposedEvents && mid.y > f.top && mid.y < f.top + f.height) {
            expose_rect("spacetime/message/" + std::to_string(e.message_id), mid.x - 2.0f, mid.y - 2.0f, 4.0f, 4.0f);
            ++exposed_arrows;
        }
    };
    store.scan(first, last, [&](const CausalEvent& e) {
        const CausalRelation rel = state.cone.relation(e);
        const float alpha = relation_alpha(rel);
        const float x = f.lane_x(e.lane), y = order ? index_y(e.index) : f.time_y(e.time_us);
        if (order && e.kind == CausalKind::Send) send_index[e.message_id] = e.index;
        const bool message = is_message_kind(e.kind);
        if (hidden_by_filter(e.kind, e.type, state.hidden) && rel != CausalRelation::Selected) return true;
        if (message) {
            if (e.kind != CausalKind::Send && e.peer != e.lane) {  // an arrow ends here
                const auto sent = order ? send_index.find(e.message_id) : send_index.end();
                const float ax = f.lane_x(e.peer);
                const float ay = !order ? f.time_y(e.sent_us) : sent != send_index.end() ? index_y(sent->second) : f.top;
                arrow_of(e, ImVec2(ax, ay), ImVec2(x, y), alpha, e.kind == CausalKind::Deliver, e.kind == CausalKind::Dropped);
            } else if (e.kind == CausalKind::Send && e.peer != e.lane) {
                if (e.lost != DropReason::None) {  // ends in a cross half way
                    const float bx = (x + f.lane_x(e.peer)) * 0.5f;
                    const float by = order ? y + std::max(row, 10.0f) : f.time_y(e.time_us + lost_flight_us);
                    arrow_of(e, ImVec2(x, y), ImVec2(bx, by), alpha, false, true);
                } else if (e.arrives_us > f.to_us || e.arrives_us > now) {  // its delivery is not drawn
                    const TimeUs end = std::min(e.arrives_us, now);
                    const double part = static_cast<double>(end - e.time_us) /
                                        static_cast<double>(std::max<TimeUs>(1, e.arrives_us - e.time_us));
                    const float bx = x + static_cast<float>(part) * (f.lane_x(e.peer) - x);
                    const float by = order ? (e.arrives_us > now ? hits.now_y : f.top + f.height) : f.time_y(end);
                    arrow_of(e, ImVec2(x, y), ImVec2(bx, by), alpha, end == e.arrives_us, false);
                }
            }
        } else {
            lane_mark(draw, e.kind, x, y, half_lane * 0.8f, alpha);
        }
        // The event's dot, merged with its neighbour on the lane when too close to tell apart.
        float& previous = last_dot_y[static_cast<std::size_t>(e.lane)];
        const bool ring = rel == CausalRelation::Selected || rel == CausalRelation::Past || rel == CausalRelation::Future;
        if (rel == CausalRelation::Past) ++hits.selected_past;
        if (rel == CausalRelation::Future) ++hits.selected_future;
        if (y - previous < kMergePx && !ring && rel != CausalRelation::Selected) return true;
        previous = y;
        const ImU32 dot = message ? family_color(msg_family(e.type)) : color::kText;
        if (many_lanes)  // 64 narrow lanes: a square is as good as a circle and costs two triangles
            draw->AddRectFilled(ImVec2(x - 2.5f, y - 2.5f), ImVec2(x + 2.5f, y + 2.5f), with_alpha(dot, alpha));
        else
            draw->AddCircleFilled(ImVec2(x, y), 3.5f, with_alpha(dot, alpha), 10);
        if (ring) draw->AddCircle(ImVec2(x, y), rel == CausalRelation::Selected ? 8.0f : 5.5f, relation_ring(rel), 12, 2.0f);
        hits.dots.push_back({e.index, x, y});
        if (exposed < kMaxExposedEvents && y >= f.top && y <= f.top + f.height) {
            expose_rect("spacetime/event/" + std::to_string(e.index), x - 4.0f, y - 4.0f, 8.0f, 8.0f);
            ++exposed;
        }
        return true;
    });
}

}  // namespace cs::ui
