#pragma once
// Where things sit in the cluster view. Plain arithmetic, no ImGui, so it can
// be unit-tested and reused by later views (timeline, details panel).
#include "sim/message.h"
#include "sim/time.h"

namespace cs::ui {

struct Point {
    float x = 0, y = 0;
};

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
};

struct ClusterGeometry {
    Point ring_center;
    float ring_radius = 0;
    float node_radius = 0;
    Point clients;       // centre of the clients box
    Point load_balancer; // centre of the load balancer box
    Point box_half;      // half size of those two boxes
    int servers = 0;
};

// Servers on a circle on the right, the clients and load balancer boxes in a
// column on the left (requests flow left to right). `scale` is the UI scale.
ClusterGeometry cluster_geometry(Rect area, int servers, float scale);

// Centre of any node: server ids 1..N, kLoadBalancer, kClients.
Point node_position(const ClusterGeometry& g, NodeId node);

// How far a message has travelled: 0 when sent, 1 when delivered (clamped).
float flight_progress(TimeUs now_us, TimeUs sent_us, TimeUs deliver_us);

// Point at fraction t of the way from a to b, shifted sideways by `lane` to the
// right of the direction of travel, so that messages going A->B and B->A on the
// same link do not sit on top of each other.
Point along_lane(Point a, Point b, float t, float lane);

}  // namespace cs::ui
