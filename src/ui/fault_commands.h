#pragma once
// What the Faults tab says and sends, as plain functions: the scenario lines
// its controls turn into, the checks made before a line is sent, and the
// one-line explanations in the course text's words. No ImGui, so it can be
// unit-tested.
#include <string>
#include <utility>
#include <vector>

#include "sim/command.h"
#include "sim/message.h"
#include "sim/network.h"
#include "sim/time.h"

namespace cs::ui {

// "1,2,3" (no spaces: the scenario language's server lists).
std::string server_ids_text(const std::vector<NodeId>& ids);

// The partition editor: on_side_b[i] tells where server i + 1 goes.
// Empty when it cannot be sent; then partition_problem() says why.
std::string partition_command(const std::vector<bool>& on_side_b);  // "partition 1,2,3 | 4,5,6"
std::string partition_problem(const std::vector<bool>& on_side_b);

// The partition in force as "1,2,3 | 4,5,6", or "" when there is none.
std::string partition_text(const Network& network);

// "latency 5ms..20ms": the range is put in order, so min <= max always.
std::string latency_command(int min_ms, int max_ms);
// "loss 0.05": three decimals at most, trailing zeros dropped, clamped to 0..1.
std::string loss_command(double loss);
// "drop 5->3", or "" for a link from a server to itself.
std::string drop_command(NodeId from, NodeId to);
// "slow 2 4" (factor 1 is normal speed), "" when the factor is out of 1..1000.
std::string slow_command(NodeId server, double factor);
// "5->3, 1->2"
std::string links_text(const std::vector<std::pair<NodeId, NodeId>>& links);
// "4" or "2.5": a factor as the scenario language writes it.
std::string factor_text(double factor);

// One line on what each checker violation means, in plain words.
const char* violation_explanation(ViolationKind kind);
inline constexpr ViolationKind kViolationKinds[] = {ViolationKind::Oversell, ViolationKind::LostOrder,
                                                    ViolationKind::Divergence, ViolationKind::SplitBrain,
                                                    ViolationKind::NonLinearizable};

// The protocol modes, each setting explained in the course text's words.
const char* replication_explanation(bool async, bool quorum);
const char* quorum_explanation(bool on);
const char* resync_explanation(bool on);

// Simulated time as seconds with milliseconds: "12.345 s".
std::string seconds_text(TimeUs t);

}  // namespace cs::ui
