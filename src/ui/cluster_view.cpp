#include "ui/cluster_view.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/concepts_panel.h"
#include "ui/fonts.h"
#include "ui/geometry.h"
#include "ui/legend.h"
#include "ui/message_marks.h"
#include "ui/panel_widgets.h"
#include "ui/test_hooks.h"
#include "ui/theme.h"

namespace cs::ui {
namespace {

constexpr float kPi = 3.14159265358979f;
// Servers beyond this many get no mesh lines and no per-node buttons: 64 servers
// would be 2016 lines of noise, and the Inspect tab has the buttons.
constexpr int kMaxMeshServers = 16;

ImVec2 im(Point p) { return ImVec2(p.x, p.y); }
Point pt(ImVec2 p) { return Point{p.x, p.y}; }

ImU32 with_alpha(ImU32 colour, int alpha) {
    return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

// Text centred horizontally on center_top.x, in `font` (null: the current font).
void centered_text(ImDrawList* draw, ImVec2 center_top, ImU32 colour, const char* text, ImFont* font = nullptr) {
    if (!font) font = ImGui::GetFont();
    const float size = font->FontSize * ImGui::GetIO().FontGlobalScale;
    const ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0.0f, text);
    draw->AddText(font, size, ImVec2(center_top.x - extent.x * 0.5f, center_top.y), colour, text);
}

void dashed_line(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 colour, float thickness, float dash, float gap) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float length = std::sqrt(dx * dx + dy * dy);
    if (length <= 0.0f) return;
    const float ux = dx / length, uy = dy / length;
    for (float t = 0.0f; t < length; t += dash + gap) {
        const float e = std::min(t + dash, length);
        draw->AddLine(ImVec2(a.x + ux * t, a.y + uy * t), ImVec2(a.x + ux * e, a.y + uy * e), colour, thickness);
    }
}

void dashed_circle(ImDrawList* draw, ImVec2 c, float r, ImU32 colour, float thickness, int dashes) {
    for (int i = 0; i < dashes; ++i) {
        const float a0 = 2.0f * kPi * static_cast<float>(i) / static_cast<float>(dashes);
        draw->PathArcTo(c, r, a0, a0 + kPi / static_cast<float>(dashes), 6);
        draw->PathStroke(colour, 0, thickness);
    }
}

bool cut_off(const Simulation& sim, NodeId id) { return sim.network().isolated(id); }

// ---- links ----------------------------------------------------------------

// The load balancer's link to each server shows what the balancer believes:
// faint while the server is in rotation, dashed grey once it took it out, and
// dashed amber while it still sends to a server that has in fact crashed.
void draw_balancer_links(ImDrawList* draw, const Simulation& sim, const ClusterGeometry& g, float scale) {
    draw->AddLine(im(g.clients), im(g.load_balancer), color::kClientLink, 1.5f * scale);
    for (NodeId id = 1; id <= sim.server_count(); ++id) {
        const ImVec2 a = im(g.load_balancer), b = im(node_position(g, id));
        const bool healthy = sim.load_balancer().server(id).healthy;
        if (healthy && sim.server(id).alive)
            draw->AddLine(a, b, color::kClientLink, 1.0f * scale);
        else if (healthy)
            dashed_line(draw, a, b, with_alpha(color::kWarning, 150), 1.5f * scale, 6.0f * scale, 5.0f * scale);
        else
            dashed_line(draw, a, b, with_alpha(color::kTextDim, 60), 1.0f * scale, 3.0f * scale, 6.0f * scale);
    }
}

void draw_mesh(ImDrawList* draw, const Simulation& sim, const ClusterGeometry& g, float scale) {
    const int n = sim.server_count();
    if (n > kMaxMeshServers) return;
    for (NodeId a = 1; a <= n; ++a)
        for (NodeId b = a + 1; b <= n; ++b) {
            const bool cut = !sim.network().connected(a, b);
            draw->AddLine(im(node_position(g, a)), im(node_position(g, b)), cut ? color::kLinkCut : color::kLink,
                          (cut ? 1.5f : 1.0f) * scale);
        }
}

// A partition: each side's servers get a tinted halo, and where the sides are
// two unbroken arcs of the ring, a dashed red cut runs between them.
void draw_partition(ImDrawList* draw, const Simulation& sim, const ClusterGeometry& g, float scale) {
    const Network& net = sim.network();
    if (!net.partitioned()) return;
    std::vector<int> sides;
    for (NodeId id = 1; id <= sim.server_count(); ++id) {
        const int side = net.side_of(id);
        sides.push_back(side);
        if (side < 0) continue;
        draw->AddCircleFilled(im(node_position(g, id)), g.node_radius + 14.0f * scale,
                              side == 0 ? color::kSideA : color::kSideB);
    }
    const auto cut = partition_cut(g, sides, g.node_radius + 18.0f * scale);
    if (!cut) return;
    const ImVec2 a = im(cut->a), m = im(cut->centre), b = im(cut->b);
    draw->AddLine(a, m, color::kCutBand, 14.0f * scale);
    draw->AddLine(m, b, color::kCutBand, 14.0f * scale);
    dashed_line(draw, a, m, color::kCut, 3.0f * scale, 10.0f * scale, 6.0f * scale);
    dashed_line(draw, m, b, color::kCut, 3.0f * scale, 10.0f * scale, 6.0f * scale);
    // Label the cut beyond its first end, outside the ring and its nodes.
    const char* label = "partition";
    const ImVec2 size = ImGui::CalcTextSize(label);
    const float ox = a.x - m.x, oy = a.y - m.y;
    const float length = std::max(std::sqrt(ox * ox + oy * oy), 1.0f);
    const float reach = size.x * 0.5f + 6.0f * scale;
    const ImVec2 centre(a.x + ox / length * reach, a.y + oy / length * (size.y * 0.5f + 6.0f * scale));
    const ImVec2 at(centre.x - size.x * 0.5f, centre.y - size.y * 0.5f);
    draw->AddRectFilled(ImVec2(at.x - 4.0f * scale, at.y - 1.0f * scale),
                        ImVec2(at.x + size.x + 4.0f * scale, at.y + size.y + 1.0f * scale), color::kCanvas, 3.0f * scale);
    draw->AddText(at, color::kCut, label);
}

// ---- messages (drawn by message_marks.cpp) ----------------------------

const Message* find_in_flight(const Simulation& sim, std::uint64_t id) {
    const Message* found = nullptr;
    sim.for_each_in_flight([&](const Message& m) {
        if (m.id == id) found = &m;
    });
    return found;
}

void message_tooltip(const Simulation& sim, const Message& m) {
    ImGui::BeginTooltip();
    ImGui::TextColored(ImColor(family_color(msg_family(m.type))), "%s", msg_type_name(m.type));
    ImGui::SameLine();
    ImGui::Text("%s \xe2\x86\x92 %s", node_name(m.from).c_str(), node_name(m.to).c_str());
    ImGui::TextDisabled("sent at %.3f s, arrives at %.3f s (latency %.1f ms)", static_cast<double>(m.sent_us) / 1e6,
                        static_cast<double>(m.deliver_us) / 1e6, ms_from_us(m.deliver_us - m.sent_us));
    if (msg_family(m.type) == MsgFamily::Client && m.order_id != 0) {
        const auto& catalogue = sim.config().catalogue;
        const bool known = m.product >= 0 && static_cast<std::size_t>(m.product) < catalogue.size();
        ImGui::Text("order #%llu%s%s x%d", static_cast<unsigned long long>(m.order_id), known ? ", " : "",
                    known ? catalogue[static_cast<std::size_t>(m.product)].sku.c_str() : "", m.quantity);
    } else if (m.type == MsgType::Replicate) {
        ImGui::Text("carries order #%llu", static_cast<unsigned long long>(m.entry.order_id));
    }
    ImGui::TextDisabled("click to inspect it");
    ImGui::EndTooltip();
}

// ---- clients and load balancer --------------------------------------------

void draw_box(ImDrawList* draw, const ClusterGeometry& g, NodeId which, const char* const lines[4],
              const ImU32 colours[4], float scale) {
    const Rect r = box_rect(g, which);
    const ImVec2 a(r.x, r.y), b(r.x + r.w, r.y + r.h);
    draw->AddRectFilled(a, b, color::kBox, 5.0f * scale);
    draw->AddRect(a, b, color::kNodeOutline, 5.0f * scale, 0, 1.0f * scale);
    // A compact view's boxes have room for their first line only (geometry.h).
    const int shown = std::clamp(g.box_lines, 1, 4);
    const float line_h = ImGui::GetTextLineHeight();
    float y = r.y + (r.h - line_h * static_cast<float>(shown)) * 0.5f;
    for (int i = 0; i < shown; ++i) {
        if (lines[i] && *lines[i]) centered_text(draw, ImVec2(r.x + r.w * 0.5f, y), colours[i], lines[i], i == 0 ? fonts().bold : nullptr);
        y += line_h;
    }
}

void draw_clients(ImDrawList* draw, const Simulation& sim, const ClusterGeometry& g, float scale) {
    const Clients& c = sim.clients();
    const OrderTotals& t = c.totals();
    char waiting[48], acked[48], extra[48] = "";
    std::snprintf(waiting, sizeof waiting, "%zu waiting", c.pending().size());
    std::snprintf(acked, sizeof acked, "%llu acknowledged", static_cast<unsigned long long>(t.acknowledged));
    if (c.load_test().running)
        std::snprintf(extra, sizeof extra, "load test %g/s", c.load_test().rate);
    else if (t.rejected + t.unknown > 0)
        std::snprintf(extra, sizeof extra, "%llu rejected, %llu unknown", static_cast<unsigned long long>(t.rejected),
                      static_cast<unsigned long long>(t.unknown));
    const char* lines[4] = {"clients", waiting, acked, extra};
    const ImU32 colours[4] = {color::kText, color::kTextDim, color::kTextDim,
                              c.load_test().running ? family_color(MsgFamily::Client) : color::kTextDim};
    draw_box(draw, g, kClients, lines, colours, scale);
}

// What the balancer believes (servers in rotation) next to the truth (servers alive).
void draw_balancer(ImDrawList* draw, const Simulation& sim, const ClusterGeometry& g, float scale) {
    const LoadBalancer& lb = sim.load_balancer();
    int in_rotation = 0, alive = 0, wrong = 0;
    for (NodeId id = 1; id <= sim.server_count(); ++id) {
        const bool believed = lb.server(id).healthy, up = sim.server(id).alive;
        in_rotation += believed ? 1 : 0;
        alive += up ? 1 : 0;
        wrong += believed != up ? 1 : 0;
    }
    char rotation[48], truth[48];
    std::snprintf(rotation, sizeof rotation, "%d of %d in rotation", in_rotation, sim.server_count());
    if (wrong > 0)
        std::snprintf(truth, sizeof truth, "but %d alive", alive);
    else
        std::snprintf(truth, sizeof truth, "%zu pending", lb.pending());
    const char* lines[4] = {"load balancer", lb_algorithm_name(lb.algorithm()), rotation, truth};
    const ImU32 colours[4] = {color::kText, color::kTextDim, wrong > 0 ? color::kWarning : color::kTextDim,
                              wrong > 0 ? color::kWarning : color::kTextDim};
    draw_box(draw, g, kLoadBalancer, lines, colours, scale);
}

void balancer_tooltip(const Simulation& sim) {
    const LoadBalancer& lb = sim.load_balancer();
    ImGui::BeginTooltip();
    ImGui::Text("load balancer: %s, health check every %.0f s", lb_algorithm_name(lb.algorithm()),
                ms_from_us(sim.config().health_interval_us) / 1000.0);
    ImGui::TextDisabled("what it believes vs the truth");
    if (ImGui::BeginTable("lb-belief", 5, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("server");
        ImGui::TableSetupColumn("in rotation");
        ImGui::TableSetupColumn("actually");
        ImGui::TableSetupColumn("health");
        ImGui::TableSetupColumn("routed");
        ImGui::TableHeadersRow();
        for (NodeId id = 1; id <= sim.server_count(); ++id) {
            const LbServerView& v = lb.server(id);
            const bool alive = sim.server(id).alive;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%d", id);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(v.healthy ? "yes" : "no");
            ImGui::TableNextColumn();
            if (v.healthy != alive)
                ImGui::TextColored(ImColor(color::kWarning), "%s", alive ? "alive" : "crashed");
            else
                ImGui::TextUnformatted(alive ? "alive" : "crashed");
            ImGui::TableNextColumn();
            ImGui::Text("%d", v.health);
            ImGui::TableNextColumn();
            ImGui::Text("%llu", static_cast<unsigned long long>(v.routed));
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("click for the Balancer tab");
    ImGui::EndTooltip();
}

// ---- servers --------------------------------------------------------------

void server_tooltip(const Simulation& sim, const Server& s) {
    ImGui::BeginTooltip();
    ImGui::PushFont(fonts().bold);
    ImGui::Text("server %d", s.id);
    ImGui::PopFont();
    ImGui::SameLine();
    if (!s.alive)
        ImGui::TextColored(ImColor(color::kCrashMark), "crashed");
    else
        ImGui::TextColored(ImColor(role_text_color(s)), "%s%s", role_name(s.role), cut_off(sim, s.id) ? ", isolated" : "");
    if (ImGui::BeginTable("server-tip", 2, ImGuiTableFlags_SizingFixedFit)) {
        auto row = [](const char* key, const char* fmt, auto... values) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", key);
            ImGui::TableNextColumn();
            ImGui::Text(fmt, values...);
        };
        const ServerMetrics& mt = s.metrics;
        if (s.leader != kNoNode)
            row("believes leader", "%d", s.leader);
        else
            row("believes leader", "%s", "none");
        row("epoch", "%lld", static_cast<long long>(s.epoch));
        row("orders held", "%llu", static_cast<unsigned long long>(s.log_length()));
        row("queue", "%d waiting (limit %d)", mt.queue_depth, sim.config().queue_limit);
        row("CPU", "%.0f %%", mt.cpu * 100.0);
        row("response", "%.1f ms mean, %.1f ms p95", mt.response_mean_ms, mt.response_p95_ms);
        row("health", "%d / 100", mt.health);
        row("load balancer", "%s", sim.load_balancer().server(s.id).healthy ? "in rotation" : "out of rotation");
        const Network& net = sim.network();
        if (net.isolated(s.id))
            row("network", "%s", "isolated from every server");
        else if (net.side_of(s.id) >= 0)
            row("network", "partition side %c", net.side_of(s.id) == 0 ? 'A' : 'B');
        ImGui::EndTable();
    }
    ImGui::TextDisabled("click to inspect");
    ImGui::EndTooltip();
}

// Halos under the node: the highlighted violation (red), the selection (blue).
void draw_halos(ImDrawList* draw, ImVec2 c, float r, bool in_violation, bool selected, float scale) {
    if (in_violation) {
        draw->AddCircleFilled(c, r + 17.0f * scale, with_alpha(color::kViolationHalo, 70));
        draw->AddCircle(c, r + 17.0f * scale, color::kViolationHalo, 0, 3.0f * scale);
    }
    if (selected) draw->AddCircle(c, r + 12.5f * scale, color::kSelected, 0, 2.5f * scale);
}

// CPU as an arc around the node (full circle = 100 %), in the colour of its health score.
void draw_load_arc(ImDrawList* draw, ImVec2 c, float r, const ServerMetrics& mt, float scale) {
    const float arc_r = r + 3.5f * scale;
    draw->AddCircle(c, arc_r, color::kMeterTrack, 0, 2.5f * scale);
    const float cpu = static_cast<float>(std::clamp(mt.cpu, 0.0, 1.0));
    if (cpu <= 0.005f) return;
    draw->PathArcTo(c, arc_r, -kPi * 0.5f, -kPi * 0.5f + 2.0f * kPi * cpu, 32);
    draw->PathStroke(health_color(mt.health), 0, 3.0f * scale);
}

void draw_queue_badge(ImDrawList* draw, ImVec2 c, float r, int queue, float scale) {
    if (queue <= 0) return;
    char text[16];
    std::snprintf(text, sizeof text, "%d", queue);
    const ImVec2 size = ImGui::CalcTextSize(text);
    const ImVec2 centre(c.x + r * 0.8f, c.y - r * 0.8f);
    const float h = size.y + 1.0f * scale, w = std::max(size.x + 8.0f * scale, h);
    draw->AddRectFilled(ImVec2(centre.x - w * 0.5f, centre.y - h * 0.5f), ImVec2(centre.x + w * 0.5f, centre.y + h * 0.5f),
                        color::kWarning, h * 0.5f);
    draw->AddText(ImVec2(centre.x - size.x * 0.5f, centre.y - size.y * 0.5f), ink_on(color::kWarning), text);
}

// A server made slow (`slow S F`): "slow x20" on a tag at its upper left, opposite the queue badge.
void draw_slow_badge(ImDrawList* draw, ImVec2 c, float r, double factor, float scale) {
    if (factor <= 1.0) return;
    char text[32];
    std::snprintf(text, sizeof text, "slow \xc3\x97%g", factor);
    const ImVec2 size = ImGui::CalcTextSize(text);
    const float pad = 4.0f * scale;
    const ImVec2 hi(c.x - r * 0.45f, c.y - r * 0.75f + size.y * 0.5f);
    const ImVec2 lo(hi.x - size.x - 2.0f * pad, hi.y - size.y - 2.0f * scale);
    draw->AddRectFilled(lo, hi, color::kCanvas, 4.0f * scale);
    draw->AddRect(lo, hi, color::kWarning, 4.0f * scale, 0, 1.5f * scale);
    draw->AddText(ImVec2(lo.x + pad, lo.y + 1.0f * scale), color::kWarning, text);
}

void draw_node(ImDrawList* draw, const Simulation& sim, const Server& s, const ClusterGeometry& g, float scale) {
    const ImVec2 c = im(node_position(g, s.id));
    const float r = g.node_radius;
    if (s.alive) draw_load_arc(draw, c, r, s.metrics, scale);
    draw->AddCircleFilled(c, r, role_color(s));
    draw->AddCircle(c, r, s.alive ? color::kNodeOutline : color::kTextDim, 0, 1.5f * scale);
    if (s.is_leader()) {
        draw->AddCircle(c, r + 8.0f * scale, color::kNodeLeader, 0, 2.5f * scale);
        if (r >= 10.0f * scale)
            centered_text(draw, ImVec2(c.x, c.y - r - 15.0f * scale - ImGui::GetTextLineHeight()), color::kLeaderText,
                          "LEADER", fonts().bold);
    }
    if (cut_off(sim, s.id)) dashed_circle(draw, c, r + 8.0f * scale, color::kCut, 3.0f * scale, 12);
    if (!s.alive) {
        // A translucent cross, under the id, so the id stays readable.
        const float k = r * 0.6f;
        const ImU32 mark = with_alpha(color::kCrashMark, 150);
        draw->AddLine(ImVec2(c.x - k, c.y - k), ImVec2(c.x + k, c.y + k), mark, 4.0f * scale);
        draw->AddLine(ImVec2(c.x - k, c.y + k), ImVec2(c.x + k, c.y - k), mark, 4.0f * scale);
    }
    char id_text[16];
    std::snprintf(id_text, sizeof id_text, "%d", s.id);
    // Big ids while they fit in the node; crowded rings fall back to the text font.
    ImFont* id_font = r >= 14.0f * scale ? fonts().node_id : fonts().text;
    const float id_h = id_font->FontSize * ImGui::GetIO().FontGlobalScale;
    centered_text(draw, ImVec2(c.x, c.y - id_h * 0.5f), s.alive ? ink_on(role_color(s)) : color::kTextDim, id_text,
                  id_font);
    if (s.alive && r >= 12.0f * scale) draw_queue_badge(draw, c, r, s.metrics.queue_depth, scale);
    draw_slow_badge(draw, c, r, sim.config().slow_factor_of(s.id), scale);
}

// Distance between the centres of two neighbouring servers on the ring.
float neighbour_spacing(const ClusterGeometry& g) {
    if (g.servers < 2) return 1e9f;
    const Point a = node_position(g, 1), b = node_position(g, 2);
    return std::hypot(a.x - b.x, a.y - b.y);
}

std::string role_line(const Simulation& sim, const Server& s, bool short_form) {
    if (!s.alive) return "crashed";
    std::string text = role_name(s.role);
    if (!short_form && s.leader != kNoNode && !s.is_leader()) text += ", leader " + std::to_string(s.leader);
    if (cut_off(sim, s.id)) text = "isolated, " + text;
    return text;
}

// The role line under a node and, when there is room, its buttons: Crash or
// Restart for every node, Isolate (or Heal) beside it for the selected one.
// Returns whether the mouse is over one of those buttons (this frame).
bool draw_node_labels(ImDrawList* draw, const Simulation& sim, const Server& s, const ClusterGeometry& g, bool selected,
                      float scale, Actions& out) {
    const ImVec2 c = im(node_position(g, s.id));
    const float spacing = neighbour_spacing(g);
    // Below the rings around the node (leader, selection), which reach r + 15.
    float y = c.y + g.node_radius + 15.0f * scale;
    std::string text = role_line(sim, s, false);
    if (ImGui::CalcTextSize(text.c_str()).x + 8.0f * scale > spacing) text = role_line(sim, s, true);
    if (ImGui::CalcTextSize(text.c_str()).x + 8.0f * scale <= spacing) {
        const ImU32 ink = !s.alive ? color::kTextDim : cut_off(sim, s.id) ? color::kCut : color::kText;
        centered_text(draw, ImVec2(c.x, y), ink, text.c_str());
        y += ImGui::GetTextLineHeight() + 3.0f * scale;
    }
    if (sim.server_count() > kMaxMeshServers) return false;

    const ImGuiStyle& style = ImGui::GetStyle();
    const float crash_w = ImGui::CalcTextSize("Restart").x + style.FramePadding.x * 2.0f;
    const bool isolated = cut_off(sim, s.id);
    const char* isolate_label = isolated ? "Heal" : "Isolate";
    const float isolate_w = ImGui::CalcTextSize("Isolate").x + style.FramePadding.x * 2.0f;
    const bool with_isolate = selected && s.alive;
    const float total = crash_w + (with_isolate ? style.ItemSpacing.x * 0.5f + isolate_w : 0.0f);
    if (crash_w + 8.0f * scale > spacing) return false;
    // In a small view (an embedded page) a button under every node would cover the
    // node below it: then only the selected node (click it) gets its buttons.
    const float below_node = y - c.y + ImGui::GetFrameHeight();
    const bool crowded = below_node + 4.0f * scale > spacing - g.node_radius;
    if (crowded && !selected) return false;

    const std::string id = std::to_string(s.id);
    ImGui::PushID(s.id);
    bool hovered = false;
    float x = c.x - (total + 8.0f * scale > spacing ? crash_w : total) * 0.5f;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    if (s.alive) {
        if (coloured_button("Crash", panel_color::kCrashButton, ImVec2(crash_w, 0))) out.commands.push_back("crash " + id);
        hovered |= ImGui::IsItemHovered();
        expose_last_item("button/crash/" + id);
    } else {
        if (coloured_button("Restart", panel_color::kRestartButton, ImVec2(crash_w, 0)))
            out.commands.push_back("restart " + id);
        hovered |= ImGui::IsItemHovered();
        expose_last_item("button/restart/" + id);
    }
    // Isolate beside Crash, or under it where the neighbours leave no room.
    if (with_isolate) {
        if (total + 8.0f * scale <= spacing) {
            x += crash_w + style.ItemSpacing.x * 0.5f;
        } else {
            x = c.x - isolate_w * 0.5f;
            y += ImGui::GetFrameHeight() + 3.0f * scale;
        }
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        if (coloured_button(isolate_label, panel_color::kIsolateButton, ImVec2(isolate_w, 0)))
            out.commands.push_back(isolated ? "heal" : "isolate " + id);
        if (ImGui::IsItemHovered()) {
            hovered = true;
            ImGui::SetTooltip(isolated ? "heal: ends every partition and isolation"
                                       : "isolate %d: cut every link between it and the other servers", s.id);
        }
        expose_last_item("button/isolate/" + id);
    }
    ImGui::PopID();
    return hovered;
}

bool in_violation(const Simulation& sim, const UiState& state, NodeId id) {
    const auto& all = sim.checker().violations();
    if (state.highlighted_violation < 0 || static_cast<std::size_t>(state.highlighted_violation) >= all.size()) return false;
    const auto& servers = all[static_cast<std::size_t>(state.highlighted_violation)].servers;
    return std::find(servers.begin(), servers.end(), id) != servers.end();
}

// ---- mouse ----------------------------------------------------------------

// Hover shows a tooltip; a click selects what is under the mouse and opens the
// tab that shows it. Buttons drawn in the view take their own clicks first.
// (Not ImGui::IsAnyItemHovered(): it also counts the item hovered in the
// previous frame, so a quick click right after leaving a button would be lost.)
void handle_mouse(const Simulation& sim, const ClusterGeometry& g, const std::vector<Dot>& dots, const Rect& area,
                  bool over_button, float scale, UiState& state) {
    if (!ImGui::IsWindowHovered() || over_button) return;
    const Point mouse = pt(ImGui::GetIO().MousePos);
    if (!area.contains(mouse)) return;
    const bool clicked = ImGui::IsMouseClicked(ImGuiMouseButton_Left);
    // Dots are drawn above the servers, so they take the click first.
    const std::uint64_t dot = dot_at(dots, mouse, message_mark_radius(g, scale) + 3.0f * scale);
    const NodeId server = dot == 0 ? server_at(g, mouse, 3.0f * scale) : kNoNode;
    const bool on_lb = box_rect(g, kLoadBalancer).contains(mouse);
    const bool on_clients = box_rect(g, kClients).contains(mouse);
    if (server != kNoNode || dot != 0 || on_lb || on_clients) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

    if (server != kNoNode) {
        server_tooltip(sim, sim.server(server));
        if (clicked) {
            state.selected_server = server;
            state.selected_message = 0;
            state.open(SideTab::Inspect);
        }
    } else if (dot != 0) {
        if (const Message* m = find_in_flight(sim, dot)) message_tooltip(sim, *m);
        if (clicked) {
            state.selected_message = dot;
            state.selected_server = kNoNode;
            state.open(SideTab::Inspect);
        }
    } else if (on_lb) {
        balancer_tooltip(sim);
        if (clicked) state.open(SideTab::Balancer);
    } else if (on_clients) {
        if (clicked) state.open(SideTab::Shop);
    } else if (clicked) {
        // A click on empty space clears the selection, as in any drawing program.
        state.selected_server = kNoNode;
        state.selected_message = 0;
    }
}

void expose_nodes(const ClusterGeometry& g) {
    for (NodeId id = 1; id <= g.servers; ++id) {
        const Rect r = server_rect(g, id);
        expose_rect("server/" + std::to_string(id), r.x, r.y, r.w, r.h);
    }
    const Rect lb = box_rect(g, kLoadBalancer), clients = box_rect(g, kClients);
    expose_rect("lb", lb.x, lb.y, lb.w, lb.h);
    expose_rect("clients", clients.x, clients.y, clients.w, clients.h);
}

// A lesson step that brought another tab forward (Space-time, History) leaves its
// narration one click away: this chip, at the top right of the view, says where the
// lesson is and goes back to it (or on, once the step is done).
bool lesson_chip(const FrameInput& in, const Rect& area, UiState& state, Actions& out) {
    if (!in.course || in.embed || state.tab == SideTab::Lesson) return false;
    const LessonView& v = in.course->lesson;
    if (!v.active) return false;
    char label[64];
    std::snprintf(label, sizeof label, "Lesson: step %d of %d", v.step + 1, v.step_count);
    const bool done = v.phase == LessonPhase::StepDone;
    const char* next = "Next step \xe2\x96\xb6";
    const ImGuiStyle& style = ImGui::GetStyle();
    const float w1 = ImGui::CalcTextSize(label).x + style.FramePadding.x * 2.0f;
    const float w2 = done ? ImGui::CalcTextSize(next).x + style.FramePadding.x * 2.0f + style.ItemSpacing.x : 0.0f;
    ImGui::SetCursorScreenPos(ImVec2(area.x + area.w - w1 - w2 - 4.0f * in.scale, area.y + 4.0f * in.scale));
    bool hovered = false;
    if (ImGui::Button(label)) state.open(SideTab::Lesson);
    hovered |= ImGui::IsItemHovered();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the lesson's narration (the Lesson tab)");
    expose_last_item("lesson-chip");
    if (done) {
        ImGui::SameLine();
        if (coloured_button(next, IM_COL32(46, 120, 70, 255))) out.course.next_step = true;
        hovered |= ImGui::IsItemHovered();
        expose_last_item("lesson-chip/next");
    }
    return hovered;
}

}  // namespace

void cluster_view(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    const float scale = in.scale;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImDrawList* draw = ImGui::GetWindowDrawList();

    // The concepts strip takes the bottom; the drawing gets the rest.
    const std::vector<Concept> concepts = explain_now(sim);
    const float strip_h = concepts_strip_height(concepts, avail.x, scale);
    const float gap = 6.0f * scale;
    const Rect area{origin.x, origin.y, avail.x, std::max(avail.y - strip_h - gap, 1.0f)};
    const ClusterGeometry g = cluster_geometry(area, sim.server_count(), scale);

    draw_partition(draw, sim, g, scale);
    draw_balancer_links(draw, sim, g, scale);
    draw_mesh(draw, sim, g, scale);
    for (const Server& s : sim.servers()) {
        const bool marked = in_violation(sim, state, s.id);
        draw_halos(draw, im(node_position(g, s.id)), g.node_radius, marked, state.selected_server == s.id, scale);
        // Tests check the halo is drawn where it should be.
        if (marked) {
            const Rect r = server_rect(g, s.id);
            expose_rect("highlight/" + std::to_string(s.id), r.x, r.y, r.w, r.h);
        }
    }
    draw_clients(draw, sim, g, scale);
    draw_balancer(draw, sim, g, scale);
    for (const Server& s : sim.servers()) draw_node(draw, sim, s, g, scale);
    // Messages above the nodes (they travel rim to rim, so the ids stay clear); labels and buttons go last.
    const std::vector<Dot> dots = draw_messages(draw, sim, g, state.selected_message, scale, in.reduced_motion);
    bool over_button = false;
    for (const Server& s : sim.servers())
        over_button |= draw_node_labels(draw, sim, s, g, state.selected_server == s.id, scale, out);
    over_button |= lesson_chip(in, area, state, out);
    legend(draw, ImVec2(g.legend.x, g.legend.y), ImVec2(g.legend.x + g.legend.w, g.legend.y + g.legend.h), scale);
    concepts_strip(draw, concepts, ImVec2(origin.x, origin.y + avail.y - strip_h), avail.x, scale);
    expose_nodes(g);
    handle_mouse(sim, g, dots, area, over_button, scale, state);
}

}  // namespace cs::ui
