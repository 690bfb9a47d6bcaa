#pragma once
// Where things sit in the cluster view, and what is under the mouse. Plain
// arithmetic, no ImGui, so it can be unit-tested and reused by other views.
#include <optional>
#include <vector>

#include "sim/message.h"
#include "sim/time.h"

namespace cs::ui {

struct Point {
    float x = 0, y = 0;
};

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    bool contains(Point p) const { return p.x >= x && p.x <= x + w && p.y >= y && p.y <= y + h; }
};

struct ClusterGeometry {
    Point ring_center;
    float ring_radius = 0;
    float node_radius = 0;
    Point clients;       // centre of the clients box
    Point load_balancer; // centre of the load balancer box
    Point box_half;      // half size of those two boxes
    Rect legend;         // room for the legend, under the two boxes (may be empty)
    int servers = 0;
    int box_lines = 4;   // text lines each box has room for (1 in a compact view: its name)
    bool compact = false;  // a small view: one-line boxes, less room kept around the nodes
};

// ---- the page ----------------------------------------------------------

// What the page layout needs to know (layout.cpp measures the strips with ImGui).
struct PageInput {
    float width = 0, height = 0;  // the whole canvas
    float scale = 1;              // UI scale
    bool embed = false;           // embed=1: no tabs
    bool lesson = false;          // a lesson is running
    float bar_h = 0, timeline_h = 0, notices_h = 0;  // notices_h: 0 when there are none
    // How tall the lesson's contents were last frame, at what width (0: not known yet).
    float lesson_content_h = 0, lesson_width = 0;
    float side_extra = 0;  // stacked: this much more for the side than its default share
};

// Where each part of the page goes. The side region holds the tabs, or, when
// embedded, the lesson alone; it sits beside the cluster, or under it in the
// stacked form (a phone, or a frame too narrow for two columns).
struct PagePlan {
    bool stacked = false;       // one column: controls, cluster, side, timeline
    bool phone = false;         // the full page stacked: touch-sized controls, tabs as a drop-down
    bool has_side = false;
    bool side_is_lesson = false;  // embedded lesson: the side holds its narration and buttons
    Rect bar, notices, cluster, side, timeline;
};

// Whether a page of this size (in pixels, at this UI scale) is laid out in one column.
bool page_is_stacked(float width, float height, float scale);
PagePlan plan_page(const PageInput& in);

// ---- the cluster view ----------------------------------------------------

// Servers on a circle on the right; on the left a column with the clients box,
// the load balancer box under it (level with the ring's upper half, so its
// links fan out to the servers) and room for the legend at the bottom.
// A small area (an embed, a phone) gets the compact form: one-line boxes, in a
// narrow column when the area is wide, or side by side above the ring (legend
// under it) when it is tall; the nodes take the rest. `scale` is the UI scale.
ClusterGeometry cluster_geometry(Rect area, int servers, float scale);

// Centre of any node: server ids 1..N, kLoadBalancer, kClients.
Point node_position(const ClusterGeometry& g, NodeId node);

// Bounding box of a server's circle, of the clients / load balancer box.
Rect server_rect(const ClusterGeometry& g, NodeId server);
Rect box_rect(const ClusterGeometry& g, NodeId box);

// The server whose circle (grown by `slack` pixels) holds p, or kNoNode.
NodeId server_at(const ClusterGeometry& g, Point p, float slack = 0.0f);

// How far a message has travelled: 0 when sent, 1 when delivered (clamped).
float flight_progress(TimeUs now_us, TimeUs sent_us, TimeUs deliver_us);

// Point at fraction t of the way from a to b, shifted sideways by `lane` to the
// right of the direction of travel, so that messages going A->B and B->A on the
// same link do not sit on top of each other.
Point along_lane(Point a, Point b, float t, float lane);

// A message dot as drawn this frame, for hit-testing.
struct Dot {
    std::uint64_t id = 0;
    Point at;
};

// Where to put a tooltip of size `tip` for the pointer at `mouse` over `anchor`
// (the control it belongs to; a point-sized rect when none): beside them, inside
// `screen`, covering neither them nor any of `avoid` (the lesson's buttons) if
// some place does that, else the place that covers the fewest.
Point place_tooltip(Point tip, Point mouse, Rect anchor, Rect screen, const std::vector<Rect>& avoid, float offset);

// Whether two rectangles share any area (touching edges do not count).
bool overlaps(const Rect& a, const Rect& b);

// The id of the dot nearest to p within `radius`, or 0 when none is that close.
std::uint64_t dot_at(const std::vector<Dot>& dots, Point p, float radius);

// Where to draw a partition as a cut across the ring. sides[i] is the side of
// server i+1 (0, 1; -1 for a server on neither side). When each side is one
// unbroken arc of the ring, the cut runs in from outside the ring through one
// gap where the sides meet, to the centre, and out through the other gap: along
// radii between neighbours, so it never crosses a node. It reaches `overhang`
// beyond the ring. Sides interleaved on the ring have no such cut (nullopt);
// the view marks the sides otherwise.
struct Cut {
    Point a, centre, b;
};
std::optional<Cut> partition_cut(const ClusterGeometry& g, const std::vector<int>& sides, float overhang);

}  // namespace cs::ui
