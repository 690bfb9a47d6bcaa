#include "ui/geometry.h"

#include <algorithm>
#include <cmath>

namespace cs::ui {
namespace {
constexpr float kPi = 3.14159265358979f;
}

ClusterGeometry cluster_geometry(Rect area, int servers, float scale) {
    ClusterGeometry g;
    g.servers = servers;

    // Left column for clients and the load balancer, the rest for the ring.
    const float column_w = std::clamp(area.w * 0.24f, 120.0f * scale, 260.0f * scale);
    g.box_half = {std::min(52.0f * scale, column_w * 0.42f), 20.0f * scale};
    // Above the middle, so that the legend fits under them in the same column.
    const float boxes_y = area.y + area.h * 0.4f;
    g.clients = {area.x + column_w * 0.32f, boxes_y};
    g.load_balancer = {area.x + column_w * 0.32f + g.box_half.x * 2.0f + 24.0f * scale, boxes_y};

    const float ring_left = g.load_balancer.x + g.box_half.x + 16.0f * scale;
    const float ring_w = std::max(area.x + area.w - ring_left, 1.0f);
    g.ring_center = {ring_left + ring_w * 0.5f, area.y + area.h * 0.5f};

    // Room around each node: above it for the LEADER mark, below it for its
    // role line and Crash/Restart button, beside it for the width of that line.
    const float above = 30.0f * scale, below = 58.0f * scale, beside = 40.0f * scale;
    const float fit_h = (area.h - above - below) * 0.5f;
    const float fit_w = ring_w * 0.5f - beside;
    const float half_space = std::max(std::min(fit_h, fit_w), 1.0f);
    float node_r = std::clamp(half_space * 0.12f, 14.0f * scale, 34.0f * scale);
    g.ring_radius = std::max(half_space - node_r, node_r * 2.0f);
    g.ring_center.y = area.y + above + half_space;
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
    // Server 1 at the top, then clockwise.
    const float angle = -kPi * 0.5f + 2.0f * kPi * static_cast<float>(node - 1) / static_cast<float>(g.servers);
    return {g.ring_center.x + g.ring_radius * std::cos(angle), g.ring_center.y + g.ring_radius * std::sin(angle)};
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

}  // namespace cs::ui
