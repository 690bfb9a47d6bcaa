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

ClusterGeometry cluster_geometry(Rect area, int servers, float scale) {
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
    const float ring_w = std::max(area.x + area.w - ring_left, 1.0f);

    // Room around each node: above it for the LEADER mark, below it for its
    // role line and buttons, beside it for half the width of that line.
    const float above = 36.0f * scale, below = 66.0f * scale, beside = 62.0f * scale;
    const float fit_h = (area.h - above - below) * 0.5f;
    const float fit_w = ring_w * 0.5f - beside;
    const float half_space = std::max(std::min(fit_h, fit_w), 1.0f);
    float node_r = std::clamp(half_space * 0.12f, 14.0f * scale, 32.0f * scale);
    g.ring_radius = std::max(half_space - node_r, node_r * 2.0f);
    g.ring_center = {ring_left + ring_w * 0.5f, area.y + above + std::max(fit_h, half_space)};
    if (servers > 1) {
        // Neighbours on the ring must not touch.
        const float chord_half = g.ring_radius * std::sin(kPi / static_cast<float>(servers));
        node_r = std::min(node_r, chord_half * 0.8f);
    }
    g.node_radius = std::max(node_r, 4.0f * scale);
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
