#include "ui/cluster_view.h"

#include <imgui.h>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "ui/fonts.h"
#include "ui/geometry.h"
#include "ui/legend.h"
#include "ui/theme.h"

namespace cs::ui {
namespace {

ImVec2 im(Point p) { return ImVec2(p.x, p.y); }

float distance(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Text centred horizontally on center_top.x, in `font` (null: the current font).
void centered_text(ImDrawList* draw, ImVec2 center_top, ImU32 colour, const char* text, ImFont* font = nullptr) {
    if (!font) font = ImGui::GetFont();
    const float size = font->FontSize * ImGui::GetIO().FontGlobalScale;
    const ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0.0f, text);
    draw->AddText(font, size, ImVec2(center_top.x - extent.x * 0.5f, center_top.y), colour, text);
}

void draw_links(ImDrawList* draw, const Simulation& sim, const ClusterGeometry& g, float scale) {
    const int n = sim.server_count();
    // Client links are drawn fainter than the server mesh: they are always up.
    draw->AddLine(im(g.clients), im(g.load_balancer), color::kClientLink, 1.0f * scale);
    for (NodeId a = 1; a <= n; ++a)
        draw->AddLine(im(g.load_balancer), im(node_position(g, a)), color::kClientLink, 1.0f * scale);
    // A full mesh of 64 servers would be 2016 lines of noise; the dots still show the traffic.
    if (n > 16) return;
    for (NodeId a = 1; a <= n; ++a)
        for (NodeId b = a + 1; b <= n; ++b) {
            const bool cut = !sim.network().connected(a, b);
            draw->AddLine(im(node_position(g, a)), im(node_position(g, b)),
                          cut ? color::kLinkCut : color::kLink, 1.0f * scale);
        }
}

void draw_messages(ImDrawList* draw, const Simulation& sim, const ClusterGeometry& g, float scale) {
    const TimeUs now = sim.now_us();
    const float lane = g.node_radius * 0.22f;
    const float dot_r = 5.5f * scale;
    sim.for_each_in_flight([&](const Message& m) {
        const float t = flight_progress(now, m.sent_us, m.deliver_us);
        const Point p = along_lane(node_position(g, m.from), node_position(g, m.to), t, lane);
        draw->AddCircleFilled(im(p), dot_r + 1.0f * scale, IM_COL32(10, 12, 18, 200));
        draw->AddCircleFilled(im(p), dot_r, family_color(msg_family(m.type)));
    });
}

void draw_box(ImDrawList* draw, const ClusterGeometry& g, Point centre, const char* label, float scale) {
    const ImVec2 a(centre.x - g.box_half.x, centre.y - g.box_half.y);
    const ImVec2 b(centre.x + g.box_half.x, centre.y + g.box_half.y);
    draw->AddRectFilled(a, b, color::kBox, 5.0f * scale);
    draw->AddRect(a, b, color::kNodeOutline, 5.0f * scale, 0, 1.0f * scale);
    const ImVec2 size = ImGui::CalcTextSize(label);
    draw->AddText(ImVec2(centre.x - size.x * 0.5f, centre.y - size.y * 0.5f), color::kText, label);
}

void server_tooltip(const Server& s) {
    ImGui::BeginTooltip();
    ImGui::Text("server %d: %s", s.id, s.alive ? role_name(s.role) : "crashed");
    if (s.alive) {
        if (s.leader != kNoNode)
            ImGui::Text("believes server %d leads (epoch %lld)", s.leader, static_cast<long long>(s.epoch));
        else
            ImGui::Text("knows no leader (epoch %lld)", static_cast<long long>(s.epoch));
        ImGui::Text("%llu orders in its log, %zu requests queued", static_cast<unsigned long long>(s.log_length()),
                    s.queue.size());
    }
    ImGui::EndTooltip();
}

void server_hover(const Server& s, ImVec2 c, float r) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const float dx = mouse.x - c.x, dy = mouse.y - c.y;
    if (dx * dx + dy * dy <= r * r && ImGui::IsWindowHovered()) server_tooltip(s);
}

// Distance between the centres of two neighbouring servers on the ring.
float neighbour_spacing(const ClusterGeometry& g) {
    if (g.servers < 2) return 1e9f;
    return distance(node_position(g, 1), node_position(g, 2));
}

// One server: the node, its labels and its Crash / Restart button.
void draw_server(ImDrawList* draw, const Server& s, const ClusterGeometry& g, float scale, Actions& out) {
    const Point p = node_position(g, s.id);
    const ImVec2 c = im(p);
    const float r = g.node_radius;

    draw->AddCircleFilled(c, r, role_color(s));
    draw->AddCircle(c, r, s.alive ? color::kNodeOutline : color::kTextDim, 0, 1.5f * scale);
    if (s.is_leader()) {
        draw->AddCircle(c, r + 4.0f * scale, color::kNodeLeader, 0, 2.5f * scale);
        centered_text(draw, ImVec2(c.x, c.y - r - 8.0f * scale - ImGui::GetTextLineHeight()), color::kNodeLeader, "LEADER",
                      fonts().bold);
    }
    if (!s.alive) {
        // A translucent cross, under the id, so the id stays readable.
        const float k = r * 0.6f;
        const ImU32 mark = (color::kCrashMark & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 150);
        draw->AddLine(ImVec2(c.x - k, c.y - k), ImVec2(c.x + k, c.y + k), mark, 4.0f * scale);
        draw->AddLine(ImVec2(c.x - k, c.y + k), ImVec2(c.x + k, c.y - k), mark, 4.0f * scale);
    }

    char id_text[16];
    std::snprintf(id_text, sizeof id_text, "%d", s.id);
    // Big ids while they fit in the node; crowded rings fall back to the text font.
    ImFont* id_font = r >= 14.0f * scale ? fonts().node_id : fonts().text;
    const float id_h = id_font->FontSize * ImGui::GetIO().FontGlobalScale;
    centered_text(draw, ImVec2(c.x, c.y - id_h * 0.5f), color::kText, id_text, id_font);

    // How much of the label fits depends on the room between neighbours; a
    // crowded ring keeps the button, a very crowded one only the nodes (the
    // tooltip still tells everything).
    const float spacing = neighbour_spacing(g);
    const float button_w = ImGui::CalcTextSize("Restart").x + ImGui::GetStyle().FramePadding.x * 2.0f;
    float y = c.y + r + 5.0f * scale;
    char role_text[48];
    if (!s.alive)
        std::snprintf(role_text, sizeof role_text, "crashed");
    else if (s.leader != kNoNode && !s.is_leader())
        std::snprintf(role_text, sizeof role_text, "%s, leader %d", role_name(s.role), s.leader);
    else
        std::snprintf(role_text, sizeof role_text, "%s", role_name(s.role));
    if (ImGui::CalcTextSize(role_text).x + 8.0f * scale > spacing)
        std::snprintf(role_text, sizeof role_text, "%s", s.alive ? role_name(s.role) : "crashed");
    if (ImGui::CalcTextSize(role_text).x + 8.0f * scale <= spacing) {
        centered_text(draw, ImVec2(c.x, y), s.alive ? color::kText : color::kTextDim, role_text);
        y += ImGui::GetTextLineHeight() + 3.0f * scale;
    }
    if (button_w + 8.0f * scale > spacing) {
        server_hover(s, c, r);
        return;
    }

    ImGui::PushID(s.id);
    const char* label = s.alive ? "Crash" : "Restart";
    const ImVec2 button_size(button_w, 0);
    ImGui::SetCursorScreenPos(ImVec2(c.x - button_size.x * 0.5f, y));
    const ImVec4 tint = s.alive ? ImVec4(0.55f, 0.20f, 0.20f, 1.0f) : ImVec4(0.18f, 0.45f, 0.28f, 1.0f);
    ImGui::PushStyleColor(ImGuiCol_Button, tint);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(tint.x + 0.12f, tint.y + 0.12f, tint.z + 0.12f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(tint.x + 0.2f, tint.y + 0.2f, tint.z + 0.2f, 1.0f));
    if (ImGui::Button(label, button_size)) out.commands.push_back(std::string(s.alive ? "crash " : "restart ") + id_text);
    ImGui::PopStyleColor(3);
    ImGui::PopID();

    server_hover(s, c, r);
}

}  // namespace

void cluster_view(const Simulation& sim, const FrameInput& in, Actions& out) {
    const float scale = in.scale;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ClusterGeometry g = cluster_geometry(Rect{origin.x, origin.y, avail.x, avail.y}, sim.server_count(), scale);
    ImDrawList* draw = ImGui::GetWindowDrawList();

    draw_links(draw, sim, g, scale);
    draw_messages(draw, sim, g, scale);
    draw_box(draw, g, g.clients, "clients", scale);
    draw_box(draw, g, g.load_balancer, "load balancer", scale);
    for (const Server& s : sim.servers()) draw_server(draw, s, g, scale, out);

    if (!in.embed) {
        // The legend shares the left column with the clients and load balancer
        // boxes; in a short window it keeps only the message colours.
        const float room = origin.y + avail.y - (g.clients.y + g.box_half.y + 12.0f * scale);
        const bool with_nodes = legend_height(scale, true) <= room;
        if (legend_height(scale, false) <= room) legend(draw, ImVec2(origin.x, origin.y + avail.y), scale, with_nodes);
    }
}

}  // namespace cs::ui
