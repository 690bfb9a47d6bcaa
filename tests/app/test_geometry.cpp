#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "ui/geometry.h"

using namespace cs::ui;

namespace {
float distance(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Distance from p to the segment a-b.
float to_segment(Point p, Point a, Point b) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float len2 = dx * dx + dy * dy;
    float t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0f;
    t = std::fmax(0.0f, std::fmin(1.0f, t));
    return distance(p, Point{a.x + dx * t, a.y + dy * t});
}

bool inside(const Rect& outer, const Rect& inner) {
    return inner.x >= outer.x - 0.01f && inner.y >= outer.y - 0.01f && inner.x + inner.w <= outer.x + outer.w + 0.01f &&
           inner.y + inner.h <= outer.y + outer.h + 0.01f;
}

// The cluster view's drawing area in the layouts that matter: the page at
// 1280x720 and 1920x1080 (side panel on the right), and embedded at 800x600.
const Rect kLayouts[] = {{0, 68, 789, 590}, {0, 68, 1190, 950}, {0, 44, 800, 500}};
}  // namespace

TEST_CASE("servers sit on the ring, server 1 at the top, clockwise") {
    const ClusterGeometry g = cluster_geometry(Rect{0, 0, 1280, 660}, 6, 1.0f);
    for (int id = 1; id <= 6; ++id) CHECK(distance(node_position(g, id), g.ring_center) == doctest::Approx(g.ring_radius));
    CHECK(node_position(g, 1).y < g.ring_center.y);
    CHECK(node_position(g, 1).x == doctest::Approx(g.ring_center.x));
    CHECK(node_position(g, 2).x > g.ring_center.x);  // clockwise: next one to the right
}

TEST_CASE("the clients and load balancer are stacked left of the ring, in the area") {
    const Rect area{10, 20, 1280, 660};
    const ClusterGeometry g = cluster_geometry(area, 6, 1.0f);
    CHECK(g.clients.y < g.load_balancer.y);  // requests flow down from the clients to the balancer
    CHECK(g.load_balancer.x + g.box_half.x < g.ring_center.x - g.ring_radius - g.node_radius);
    CHECK(g.clients.x - g.box_half.x >= area.x);
    CHECK(node_position(g, cs::kClients).x == g.clients.x);
    CHECK(node_position(g, cs::kLoadBalancer).x == g.load_balancer.x);
}

TEST_CASE("neighbouring nodes never overlap, even with 64 servers") {
    for (int servers : {2, 6, 16, 64}) {
        const ClusterGeometry g = cluster_geometry(Rect{0, 0, 1280, 660}, servers, 1.0f);
        CHECK(distance(node_position(g, 1), node_position(g, 2)) > 2.0f * g.node_radius);
    }
}

TEST_CASE("the ring fits the area") {
    const Rect area{0, 0, 800, 500};
    const ClusterGeometry g = cluster_geometry(area, 6, 1.0f);
    CHECK(g.ring_center.y - g.ring_radius - g.node_radius >= area.y);
    CHECK(g.ring_center.y + g.ring_radius + g.node_radius <= area.y + area.h);
    CHECK(g.ring_center.x + g.ring_radius + g.node_radius <= area.x + area.w);
}

TEST_CASE("flight progress runs from 0 at send to 1 at delivery, clamped") {
    CHECK(flight_progress(1000, 1000, 2000) == 0.0f);
    CHECK(flight_progress(1500, 1000, 2000) == doctest::Approx(0.5f));
    CHECK(flight_progress(2000, 1000, 2000) == 1.0f);
    CHECK(flight_progress(500, 1000, 2000) == 0.0f);
    CHECK(flight_progress(9000, 1000, 2000) == 1.0f);
    CHECK(flight_progress(1000, 1000, 1000) == 1.0f);  // zero latency: already there
}

TEST_CASE("opposite directions on one link use opposite lanes") {
    const Point a{0, 0}, b{100, 0};
    const Point there = along_lane(a, b, 0.5f, 3.0f);
    const Point back = along_lane(b, a, 0.5f, 3.0f);
    CHECK(there.x == doctest::Approx(50.0f));
    CHECK(there.y == doctest::Approx(3.0f));  // screen y points down: right of travel going east
    CHECK(back.y == doctest::Approx(-3.0f));
}

TEST_CASE("every part of the view fits its area in each layout, for 2 to 64 servers") {
    for (const Rect& area : kLayouts)
        for (int servers : {2, 6, 16, 64}) {
            const ClusterGeometry g = cluster_geometry(area, servers, 1.0f);
            CAPTURE(area.w);
            CAPTURE(servers);
            CHECK(inside(area, box_rect(g, cs::kClients)));
            CHECK(inside(area, box_rect(g, cs::kLoadBalancer)));
            // The boxes are stacked, clients on top, in the left column.
            CHECK(box_rect(g, cs::kClients).y + box_rect(g, cs::kClients).h < box_rect(g, cs::kLoadBalancer).y);
            // The legend's room starts under the boxes and stays in the area.
            CHECK(g.legend.y > box_rect(g, cs::kLoadBalancer).y + box_rect(g, cs::kLoadBalancer).h);
            CHECK(g.legend.y + g.legend.h <= area.y + area.h + 0.01f);
            for (int id = 1; id <= servers; ++id) {
                const Rect r = server_rect(g, id);
                CHECK(inside(area, r));
                // No node reaches into the left column.
                CHECK(r.x > g.legend.x + g.legend.w);
            }
            // Room above the top node for the LEADER mark.
            CHECK(server_rect(g, 1).y - area.y >= 30.0f);
        }
}

TEST_CASE("the 1280x720 page keeps big, readable nodes for the default six servers") {
    const ClusterGeometry g = cluster_geometry(kLayouts[0], 6, 1.0f);
    CHECK(g.node_radius >= 24.0f);
    CHECK(g.ring_radius >= 180.0f);
}

TEST_CASE("hit-testing: a point on a node finds it, a point between nodes finds none") {
    const ClusterGeometry g = cluster_geometry(Rect{0, 0, 1280, 660}, 6, 1.0f);
    for (int id = 1; id <= 6; ++id) {
        const Point c = node_position(g, id);
        CHECK(server_at(g, c) == id);
        CHECK(server_at(g, Point{c.x + g.node_radius * 0.9f, c.y}) == id);
        CHECK(server_at(g, Point{c.x + g.node_radius + 2.0f, c.y}) == cs::kNoNode);
        CHECK(server_at(g, Point{c.x + g.node_radius + 2.0f, c.y}, 3.0f) == id);  // with slack
        const Rect r = server_rect(g, id);
        CHECK(r.contains(c));
        CHECK(r.w == doctest::Approx(2.0f * g.node_radius));
    }
    CHECK(server_at(g, g.ring_center) == cs::kNoNode);
    CHECK(server_at(g, g.load_balancer) == cs::kNoNode);
    CHECK(box_rect(g, cs::kLoadBalancer).contains(g.load_balancer));
}

TEST_CASE("hit-testing: with 64 servers every node is still found") {
    const ClusterGeometry g = cluster_geometry(kLayouts[0], 64, 1.0f);
    for (int id = 1; id <= 64; ++id) CHECK(server_at(g, node_position(g, id), 2.0f) == id);
}

TEST_CASE("hit-testing: the nearest message dot within the radius") {
    const std::vector<Dot> dots = {{7, {100, 100}}, {8, {106, 100}}, {9, {300, 300}}};
    CHECK(dot_at(dots, Point{101, 100}, 8.0f) == 7);
    CHECK(dot_at(dots, Point{105, 100}, 8.0f) == 8);
    CHECK(dot_at(dots, Point{200, 200}, 8.0f) == 0);
    CHECK(dot_at({}, Point{0, 0}, 8.0f) == 0);
}

TEST_CASE("a partition of two arcs is cut between them, through the centre") {
    const ClusterGeometry g = cluster_geometry(Rect{0, 0, 1280, 660}, 6, 1.0f);
    const auto cut = partition_cut(g, {0, 0, 0, 1, 1, 1}, 20.0f);
    REQUIRE(cut);
    CHECK(cut->centre.x == doctest::Approx(g.ring_center.x));
    CHECK(distance(cut->a, g.ring_center) == doctest::Approx(g.ring_radius + 20.0f));
    CHECK(distance(cut->b, g.ring_center) == doctest::Approx(g.ring_radius + 20.0f));
    // {1,2,3} | {4,5,6}: the cut leaves the ring between 3 and 4 and between 6 and 1.
    const Point between_3_4{(node_position(g, 3).x + node_position(g, 4).x) / 2, (node_position(g, 3).y + node_position(g, 4).y) / 2};
    CHECK(to_segment(between_3_4, cut->a, cut->centre) < 1.0f);
}

TEST_CASE("the partition cut never crosses a node, however the ring is split") {
    for (int n : {3, 6, 16}) {
        const ClusterGeometry g = cluster_geometry(kLayouts[0], n, 1.0f);
        for (int start = 0; start < n; ++start)
            for (int length = 1; length < n; ++length) {
                std::vector<int> sides(static_cast<std::size_t>(n), 1);
                for (int k = 0; k < length; ++k) sides[static_cast<std::size_t>((start + k) % n)] = 0;
                const auto cut = partition_cut(g, sides, 20.0f);
                REQUIRE(cut);
                for (int id = 1; id <= n; ++id) {
                    const Point c = node_position(g, id);
                    CHECK(to_segment(c, cut->a, cut->centre) > g.node_radius);
                    CHECK(to_segment(c, cut->centre, cut->b) > g.node_radius);
                }
            }
    }
}

TEST_CASE("no straight cut for interleaved sides or a server on neither side") {
    const ClusterGeometry g = cluster_geometry(Rect{0, 0, 1280, 660}, 6, 1.0f);
    CHECK(!partition_cut(g, {0, 1, 0, 1, 0, 1}, 20.0f));
    CHECK(!partition_cut(g, {0, 0, -1, 1, 1, 1}, 20.0f));
    CHECK(!partition_cut(g, {0, 0, 0, 0, 0, 0}, 20.0f));
    CHECK(!partition_cut(g, {0, 1}, 20.0f));  // wrong size for 6 servers
}

TEST_CASE("the page plan fits every size from 480x400 to 4K, and the cluster's parts fit the plan") {
    struct Size {
        float w, h, scale;
        bool embed;
        bool stacked;
    };
    const Size sizes[] = {{480, 400, 0.875f, true, false}, {800, 600, 1, true, false},   {640, 480, 1, false, false},
                          {390, 844, 1, false, true},      {1280, 800, 1, false, false}, {2560, 1440, 1.625f, false, false},
                          {3840, 2160, 2.5f, true, false}, {360, 640, 1, true, true}};
    for (const Size& size : sizes) {
        CAPTURE(size.w);
        CAPTURE(size.h);
        PageInput in;
        in.width = size.w;
        in.height = size.h;
        in.scale = size.scale;
        in.embed = size.embed;
        in.lesson = true;
        in.bar_h = (size.stacked && !size.embed ? 60.0f : 32.0f) * size.scale;
        in.timeline_h = 56.0f * size.scale;
        const PagePlan p = plan_page(in);
        CHECK(p.stacked == size.stacked);
        CHECK(p.phone == (size.stacked && !size.embed));
        CHECK(p.side_is_lesson == size.embed);
        const Rect screen{0, 0, size.w, size.h};
        const Rect parts[] = {p.bar, p.cluster, p.side, p.timeline};
        for (const Rect& r : parts) CHECK(inside(screen, r));
        for (int i = 0; i < 4; ++i)
            for (int j = i + 1; j < 4; ++j) CHECK_FALSE(overlaps(parts[i], parts[j]));
        // The six servers and the two boxes fit the cluster's region, apart.
        const ClusterGeometry g = cluster_geometry(p.cluster, 6, size.scale);
        const Rect boxes[] = {box_rect(g, cs::kClients), box_rect(g, cs::kLoadBalancer)};
        for (const Rect& b : boxes) CHECK(inside(p.cluster, b));
        for (int id = 1; id <= 6; ++id) {
            const Rect r = server_rect(g, id);
            CHECK(inside(p.cluster, r));
            for (const Rect& b : boxes) CHECK_FALSE(overlaps(r, b));
        }
        CHECK(g.node_radius >= 9.0f * size.scale);
    }
}

TEST_CASE("a tooltip moves off the control it explains and off the lesson's buttons") {
    const Rect screen{0, 0, 800, 600};
    const Rect control{100, 100, 60, 30}, lesson_button{140, 150, 120, 30};
    const Point mouse{130, 115};
    const Point tip{200, 80};
    const Point at = place_tooltip(tip, mouse, control, screen, {lesson_button}, 16.0f);
    const Rect placed{at.x, at.y, tip.x, tip.y};
    CHECK_FALSE(overlaps(placed, control));
    CHECK_FALSE(overlaps(placed, lesson_button));
    CHECK(inside(screen, placed));
    // Nothing to avoid: where ImGui would put it, below-right of the pointer.
    const Rect point{mouse.x - 1, mouse.y - 1, 2, 2};
    const Point plain = place_tooltip(tip, mouse, point, screen, {}, 16.0f);
    CHECK(plain.x == doctest::Approx(146.0f));
    CHECK(plain.y == doctest::Approx(131.0f));
}
