#include <doctest/doctest.h>

#include <cmath>

#include "ui/geometry.h"

using namespace cs::ui;

namespace {
float distance(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }
}  // namespace

TEST_CASE("servers sit on the ring, server 1 at the top, clockwise") {
    const ClusterGeometry g = cluster_geometry(Rect{0, 0, 1280, 660}, 6, 1.0f);
    for (int id = 1; id <= 6; ++id) CHECK(distance(node_position(g, id), g.ring_center) == doctest::Approx(g.ring_radius));
    CHECK(node_position(g, 1).y < g.ring_center.y);
    CHECK(node_position(g, 1).x == doctest::Approx(g.ring_center.x));
    CHECK(node_position(g, 2).x > g.ring_center.x);  // clockwise: next one to the right
}

TEST_CASE("the clients and load balancer are left of the ring, in the area") {
    const Rect area{10, 20, 1280, 660};
    const ClusterGeometry g = cluster_geometry(area, 6, 1.0f);
    CHECK(g.clients.x < g.load_balancer.x);
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
