#include "ui/geometry.h"

#include <algorithm>
#include <cmath>

namespace cs::ui {
namespace {
constexpr float kPi = 3.14159265358979f;

float distance(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Angle of server `id` on the ring: server 1 at the top, then clockwise.
float ring_angle(int id, int servers) {
    return -kPi * 0.5f + 2.0f * kPi * static_cast<float>(id - 1) / static_cast<float>(std::max(servers, 1));
}
}  // namespace

bool page_is_stacked(float width, float height, float scale) {
    // Two columns need about 700 px, or a landscape frame (an embed 480x400 keeps
    // its lesson beside the cluster rather than under a sliver of it).
    return !(width >= 700.0f * scale || (width >= 440.0f * scale && width > height * 1.1f));
}

PagePlan plan_page(const PageInput& in) {
    PagePlan p;
    const float s = in.scale;
    const float gap = in.embed ? 0.0f : 4.0f * s;
    p.stacked = page_is_stacked(in.width, in.height, s);
    p.phone = p.stacked && !in.embed;
    p.side_is_lesson = in.embed && in.lesson;
    p.has_side = !in.embed || in.lesson;

    float y = 0.0f;
    p.bar = {0.0f, y, in.width, in.bar_h};
    y += in.bar_h + gap;
    if (in.notices_h > 0.0f) {
        p.notices = {0.0f, y, in.width, in.notices_h};
        y += in.notices_h + gap;
    }
    p.timeline = {0.0f, in.height - in.timeline_h, in.width, in.timeline_h};
    const float body_h = std::max(p.timeline.y - gap - y, 1.0f);
    if (!p.has_side) {
        p.cluster = {0.0f, y, in.width, body_h};
        return p;
    }
    if (!p.stacked) {
        float side_w = std::max(340.0f * s, in.width * 0.38f);
        if (p.side_is_lesson) side_w = std::clamp(in.width * 0.4f, 240.0f * s, 420.0f * s);
        // A narrow window: the two columns share it more evenly.
        if (in.width < 900.0f * s) side_w = std::clamp(in.width * 0.46f, 220.0f * s, in.width - 220.0f * s);
        // The lesson did not fit its column last frame: a wider column makes it shorter.
        if (p.side_is_lesson && in.lesson_content_h > body_h && in.lesson_width > 0.0f)
            side_w = std::min(std::max(side_w, in.lesson_width * std::min(in.lesson_content_h / body_h, 1.3f)),
                              in.width * 0.6f);
        const float cluster_w = in.width - side_w - gap;
        p.cluster = {0.0f, y, cluster_w, body_h};
        p.side = {cluster_w + gap, y, side_w, body_h};
        return p;
    }
    // One column: the cluster on top, as tall as the lesson (or the panel) leaves
    // it, never less than a readable ring, never taller than it is wide.
    const float min_cluster = std::min(body_h * 0.5f, std::max(180.0f * s, in.width * 0.6f));
    const float max_cluster = std::min(in.width, body_h * 0.62f);
    const float wanted_side = (in.lesson_content_h > 0.0f ? in.lesson_content_h : body_h * 0.45f) + in.side_extra;
    const float cluster_h = std::clamp(body_h - wanted_side - gap, min_cluster, std::max(min_cluster, max_cluster));
    p.cluster = {0.0f, y, in.width, cluster_h};
    p.side = {0.0f, y + cluster_h + gap, in.width, std::max(body_h - cluster_h - gap, 1.0f)};
    return p;
}

namespace {

// Fills ring_center, ring_radius and node_radius for a ring in `ring`, keeping
// `above`, `below` and `beside` free around each node for its labels.
// `node_share`: the node's radius as a share of the room from the centre (bigger
// in a small view, where every pixel of a node helps).
void place_ring(ClusterGeometry& g, Rect ring, float above, float below, float beside, float min_r, float scale,
                float node_share = 0.12f, float max_r = 32.0f) {
    const float fit_h = (ring.h - above - below) * 0.5f;
    const float fit_w = ring.w * 0.5f - beside;
    const float half_space = std::max(std::min(fit_h, fit_w), 1.0f);
    float node_r = std::clamp(half_space * node_share, min_r, max_r * scale);
    g.ring_radius = std::max(half_space - node_r, node_r * 2.0f);
    g.ring_center = {ring.x + ring.w * 0.5f, ring.y + above + std::max(fit_h, half_space)};
    if (g.servers > 1) {
        // Neighbours on the ring must not touch.
        const float chord_half = g.ring_radius * std::sin(kPi / static_cast<float>(g.servers));
        node_r = std::min(node_r, chord_half * 0.8f);
    }
    g.node_radius = std::max(node_r, 4.0f * scale);
}

// A small view: every pixel the boxes and the labels do not need goes to the ring.
ClusterGeometry compact_geometry(Rect area, int servers, float scale) {
    ClusterGeometry g;
    g.servers = servers;
    g.compact = true;
    g.box_lines = 1;
    const float margin = 6.0f * scale;
    g.box_half = {54.0f * scale, 12.0f * scale};
    // Room for the LEADER mark above a node and the role line under it; in a very
    // small view the view leaves those out, and the ring takes the room instead.
    const float above = std::clamp(area.h * 0.2f, 12.0f * scale, 34.0f * scale);
    // Under a node: its role line, and where there is room its Crash button too.
    const float below = std::clamp(area.h * 0.16f, 12.0f * scale, 66.0f * scale);
    const float beside = std::clamp(area.w * 0.08f, 12.0f * scale, 34.0f * scale);
    constexpr float kShare = 0.2f;
    if (area.w >= area.h * 1.25f) {
        // Wide and short: a narrow column on the left, the ring beside it.
        const float column_w = g.box_half.x * 2.0f + margin * 2.0f;
        const float column_x = area.x + margin + g.box_half.x;
        g.clients = {column_x, area.y + margin + g.box_half.y};
        g.load_balancer = {column_x, g.clients.y + g.box_half.y * 2.0f + 22.0f * scale};
        const float legend_top = g.load_balancer.y + g.box_half.y + 8.0f * scale;
        g.legend = {area.x, legend_top, column_w, std::max(area.y + area.h - legend_top, 0.0f)};
        const float ring_left = area.x + column_w;
        place_ring(g, Rect{ring_left, area.y, std::max(area.x + area.w - ring_left, 1.0f), area.h}, above, below, beside,
                   9.0f * scale, scale, kShare, 24.0f);
        return g;
    }
    // Tall or square: the clients box in the top left corner, the load balancer in
    // the top right one, the legend along the bottom, the ring between them (server
    // 1 and its LEADER mark rise between the two boxes).
    const float row_y = area.y + margin + g.box_half.y;
    g.clients = {area.x + margin + g.box_half.x, row_y};
    g.load_balancer = {std::max(area.x + area.w - margin - g.box_half.x, g.clients.x + g.box_half.x * 2.0f + margin), row_y};
    // One line of swatches, two in a narrow view (legend.cpp, swatch_legend).
    const float legend_h = std::min((area.w < 340.0f * scale ? 46.0f : 26.0f) * scale, area.h * 0.2f);
    g.legend = {area.x, area.y + area.h - legend_h, area.w, legend_h};
    const float ring_h = std::max(g.legend.y - area.y, 1.0f);
    place_ring(g, Rect{area.x, area.y, area.w, ring_h}, std::max(above, g.box_half.y * 2.0f + margin), below, beside,
               9.0f * scale, scale, kShare, 24.0f);
    return g;
}

}  // namespace

ClusterGeometry cluster_geometry(Rect area, int servers, float scale) {
    if (area.h < 360.0f * scale || area.w < 460.0f * scale) return compact_geometry(area, servers, scale);
    ClusterGeometry g;
    g.servers = servers;

    // Left column: the clients box, the load balancer box under it, then the
    // legend. Each box holds four short lines (its name and what it is doing).
    const float column_w = std::clamp(area.w * 0.22f, 150.0f * scale, 210.0f * scale);
    const float margin = 8.0f * scale;
    g.box_half = {std::min(90.0f * scale, column_w * 0.5f - margin), 38.0f * scale};
    const float column_x = area.x + margin + g.box_half.x;
    g.clients = {column_x, area.y + margin + g.box_half.y};
    // Room between the two boxes for the request dots to be seen travelling.
    g.load_balancer = {column_x, g.clients.y + g.box_half.y * 2.0f + 36.0f * scale};
    const float legend_top = g.load_balancer.y + g.box_half.y + 16.0f * scale;
    g.legend = {area.x, legend_top, column_w, std::max(area.y + area.h - legend_top, 0.0f)};

    const float ring_left = area.x + column_w + 8.0f * scale;
    // Room around each node: above it for the LEADER mark, below it for its
    // role line and buttons, beside it for half the width of that line.
    place_ring(g, Rect{ring_left, area.y, std::max(area.x + area.w - ring_left, 1.0f), area.h}, 36.0f * scale,
               66.0f * scale, 62.0f * scale, 14.0f * scale, scale);
    return g;
}

Point node_position(const ClusterGeometry& g, NodeId node) {
    if (node == kLoadBalancer) return g.load_balancer;
    if (node == kClients) return g.clients;
    if (node < 1 || node > g.servers) return g.ring_center;
    const float angle = ring_angle(node, g.servers);
    return {g.ring_center.x + g.ring_radius * std::cos(angle), g.ring_center.y + g.ring_radius * std::sin(angle)};
}

Rect server_rect(const ClusterGeometry& g, NodeId server) {
    const Point c = node_position(g, server);
    const float r = g.node_radius;
    return {c.x - r, c.y - r, 2.0f * r, 2.0f * r};
}

Rect box_rect(const ClusterGeometry& g, NodeId box) {
    const Point c = node_position(g, box);
    return {c.x - g.box_half.x, c.y - g.box_half.y, 2.0f * g.box_half.x, 2.0f * g.box_half.y};
}

NodeId server_at(const ClusterGeometry& g, Point p, float slack) {
    // Nodes never overlap, but with slack two may both be near: take the closest.
    NodeId best = kNoNode;
    float best_d = g.node_radius + slack;
    for (NodeId id = 1; id <= g.servers; ++id) {
        const float d = distance(node_position(g, id), p);
        if (d <= best_d) {
            best = id;
            best_d = d;
        }
    }
    return best;
}

float flight_progress(TimeUs now_us, TimeUs sent_us, TimeUs deliver_us) {
    if (deliver_us <= sent_us) return 1.0f;
    const double t = static_cast<double>(now_us - sent_us) / static_cast<double>(deliver_us - sent_us);
    return static_cast<float>(std::clamp(t, 0.0, 1.0));
}

Point along_lane(Point a, Point b, float t, float lane) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float length = std::sqrt(dx * dx + dy * dy);
    Point p{a.x + dx * t, a.y + dy * t};
    if (length > 0.0f) {
        // Screen y points down, so (-dy, dx) is the right-hand side of travel.
        p.x += -dy / length * lane;
        p.y += dx / length * lane;
    }
    return p;
}

std::uint64_t dot_at(const std::vector<Dot>& dots, Point p, float radius) {
    std::uint64_t best = 0;
    float best_d = radius;
    for (const Dot& dot : dots) {
        const float d = distance(dot.at, p);
        if (d <= best_d) {
            best = dot.id;
            best_d = d;
        }
    }
    return best;
}

bool overlaps(const Rect& a, const Rect& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

Point place_tooltip(Point tip, Point mouse, Rect anchor, Rect screen, const std::vector<Rect>& avoid, float offset) {
    // Below-right of the pointer first (where ImGui puts it), then under, over, right
    // of and left of the control it belongs to; each kept on the screen.
    const float g = offset * 0.25f;
    const float below = anchor.y + anchor.h + g, above = anchor.y - g - tip.y;
    const float level = mouse.y - tip.y * 0.5f;
    const Point candidates[] = {{mouse.x + offset, mouse.y + offset},
                                {mouse.x, below},
                                {mouse.x - tip.x, below},
                                {mouse.x, above},
                                {mouse.x - tip.x, above},
                                {anchor.x + anchor.w + g, level},
                                {anchor.x - g - tip.x, level},
                                {anchor.x + anchor.w + g, below},
                                {anchor.x - g - tip.x, below},
                                {anchor.x + anchor.w + g, above},
                                {anchor.x - g - tip.x, above}};
    const auto on_screen = [&](Point p) {
        return Point{std::clamp(p.x, screen.x, std::max(screen.x, screen.x + screen.w - tip.x)),
                     std::clamp(p.y, screen.y, std::max(screen.y, screen.y + screen.h - tip.y))};
    };
    // The pointer and its control count as one thing to keep clear; so does each other rectangle.
    const Rect pointer{mouse.x - 2.0f, mouse.y - 2.0f, 4.0f, 4.0f};
    int best_hits = 1 << 30;
    Point best = on_screen(candidates[0]);
    for (const Point& c : candidates) {
        const Point p = on_screen(c);
        const Rect r{p.x, p.y, tip.x, tip.y};
        int hits = overlaps(r, pointer) || overlaps(r, anchor) ? 1 : 0;
        for (const Rect& a : avoid) hits += overlaps(r, a) ? 1 : 0;
        if (hits < best_hits) {
            best_hits = hits;
            best = p;
            if (hits == 0) break;
        }
    }
    return best;
}

std::optional<Cut> partition_cut(const ClusterGeometry& g, const std::vector<int>& sides, float overhang) {
    const int n = static_cast<int>(sides.size());
    if (n < 2 || n != g.servers) return std::nullopt;
    // Walk the ring once and note every place where the side changes.
    int gaps[2] = {0, 0};
    int found = 0;
    for (int i = 0; i < n; ++i) {
        const int here = sides[static_cast<std::size_t>(i)];
        const int next = sides[static_cast<std::size_t>((i + 1) % n)];
        if (here < 0) return std::nullopt;  // a server on neither side: not a clean cut
        if (here != next) {
            if (found == 2) return std::nullopt;  // interleaved sides
            gaps[found++] = i;
        }
    }
    if (found != 2) return std::nullopt;
    // The gap after server index i lies halfway between it and the next one.
    const float reach = g.ring_radius + overhang;
    auto outside_gap = [&](int i) {
        const float angle = ring_angle(i + 1, n) + kPi / static_cast<float>(n);
        return Point{g.ring_center.x + std::cos(angle) * reach, g.ring_center.y + std::sin(angle) * reach};
    };
    return Cut{outside_gap(gaps[0]), g.ring_center, outside_gap(gaps[1])};
}

}  // namespace cs::ui
