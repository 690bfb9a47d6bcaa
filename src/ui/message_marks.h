#pragma once
// The messages in flight in the cluster view: one mark each, in its family's
// colour and shape (theme.h), with a short trail behind it that shows which way
// it goes. Drawn above the servers, travelling from rim to rim, so a new message
// is never hidden under its sender. With reduced motion a mark does not travel:
// it stays near its receiver, its trail pointing back to the sender, and fades in
// as the message nears delivery.
#include <cstdint>
#include <vector>

#include <imgui.h>

#include "sim/simulation.h"
#include "ui/geometry.h"

namespace cs::ui {

// The radius of a message mark: at least 6 px at scale 1 (a 12 px dot), growing with the nodes.
float message_mark_radius(const ClusterGeometry& g, float scale);

// Draws every message in flight; returns where each one is (for hit-testing), and
// exposes the first few to tests as message/ID.
std::vector<Dot> draw_messages(ImDrawList* draw, const Simulation& sim, const ClusterGeometry& g,
                               std::uint64_t selected, float scale, bool reduced_motion);

}  // namespace cs::ui
