#include "ui/message_marks.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/legend.h"
#include "ui/test_hooks.h"
#include "ui/theme.h"

namespace cs::ui {
namespace {

// Rectangles of message dots exposed for tests, at most (a load test has hundreds in flight).
constexpr int kMaxExposedDots = 64;

ImVec2 im(Point p) { return ImVec2(p.x, p.y); }

ImU32 with_alpha(ImU32 colour, float alpha) {
    const auto a = static_cast<ImU32>(std::clamp(alpha, 0.0f, 1.0f) * static_cast<float>((colour >> IM_COL32_A_SHIFT) & 0xFF));
    return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

Point centre_of(const ClusterGeometry& g, NodeId node) {
    if (node >= 1) return node_position(g, node);
    const Rect r = box_rect(g, node);
    return Point{r.x + r.w * 0.5f, r.y + r.h * 0.5f};
}

// How far from its centre, towards `towards`, the outline of a node or box is.
float rim_distance(const ClusterGeometry& g, NodeId node, Point towards) {
    const Point c = centre_of(g, node);
    if (node >= 1) return g.node_radius;
    const Rect r = box_rect(g, node);
    const float dx = std::abs(towards.x - c.x), dy = std::abs(towards.y - c.y);
    const float tx = dx > 0.0f ? r.w * 0.5f / dx : 1e9f, ty = dy > 0.0f ? r.h * 0.5f / dy : 1e9f;
    return std::min(tx, ty) * std::hypot(dx, dy);
}

// The path a message takes: from the sender's outline to the receiver's.
struct Path {
    Point from, to;
};

Path rim_to_rim(const ClusterGeometry& g, NodeId from, NodeId to, float gap) {
    const Point a = centre_of(g, from), b = centre_of(g, to);
    const float length = std::max(std::hypot(b.x - a.x, b.y - a.y), 1.0f);
    const float ux = (b.x - a.x) / length, uy = (b.y - a.y) / length;
    const float start = std::min(rim_distance(g, from, b) + gap, length * 0.45f);
    const float end = std::min(rim_distance(g, to, a) + gap, length * 0.45f);
    return {Point{a.x + ux * start, a.y + uy * start}, Point{b.x - ux * end, b.y - uy * end}};
}

// A tapering trail behind `at`, back towards `from`, at most `length` long.
void draw_trail(ImDrawList* draw, Point from, Point at, float length, float width, ImU32 colour) {
    const float dx = at.x - from.x, dy = at.y - from.y;
    const float d = std::hypot(dx, dy);
    if (d < 1.0f) return;
    const float reach = std::min(length, d);
    constexpr int kSegments = 5;
    for (int i = 0; i < kSegments; ++i) {
        const float f0 = static_cast<float>(i) / kSegments, f1 = static_cast<float>(i + 1) / kSegments;
        const ImVec2 p0(at.x - dx / d * reach * f1, at.y - dy / d * reach * f1);
        const ImVec2 p1(at.x - dx / d * reach * f0, at.y - dy / d * reach * f0);
        draw->AddLine(p0, p1, with_alpha(colour, 0.55f * (1.0f - f0)), width * (1.0f - 0.6f * f0));
    }
}

}  // namespace

float message_mark_radius(const ClusterGeometry& g, float scale) {
    return std::clamp(g.node_radius * 0.2f, 6.0f * scale, 12.0f * scale);
}

std::vector<Dot> draw_messages(ImDrawList* draw, const Simulation& sim, const ClusterGeometry& g,
                               std::uint64_t selected, float scale, bool reduced_motion) {
    std::vector<Dot> dots;
    const TimeUs now = sim.now_us();
    const float r = message_mark_radius(g, scale);
    const float lane = std::min(g.node_radius * 0.22f, r);
    sim.for_each_in_flight([&](const Message& m) {
        const Path path = rim_to_rim(g, m.from, m.to, r + 2.0f * scale);
        const float t = flight_progress(now, m.sent_us, m.deliver_us);
        const ImU32 colour = family_color(msg_family(m.type));
        // Reduced motion: still, near the receiver; it fades in instead of moving.
        const float shown_t = reduced_motion ? 0.8f : t;
        const float alpha = reduced_motion ? 0.35f + 0.65f * t : 1.0f;
        const Point p = along_lane(path.from, path.to, shown_t, lane);
        const Point start = along_lane(path.from, path.to, 0.0f, lane);
        draw_trail(draw, start, p, r * 4.0f, r * 1.3f, with_alpha(colour, alpha));
        draw_message_mark(draw, im(p), r, with_alpha(colour, alpha), dot_shape(m.type), scale);
        if (m.id == selected) draw->AddCircle(im(p), r + 4.0f * scale, color::kSelected, 0, 2.0f * scale);
        dots.push_back({m.id, p});
    });
    // For tests, the dots a person could click (drawn on top, so all of them).
    const float hit = r + 2.0f * scale;
    int exposed = 0;
    for (const Dot& d : dots) {
        if (exposed++ == kMaxExposedDots) break;
        expose_rect("message/" + std::to_string(d.id), d.at.x - hit, d.at.y - hit, 2.0f * hit, 2.0f * hit);
    }
    return dots;
}

}  // namespace cs::ui
