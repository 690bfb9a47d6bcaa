#include "ui/fault_commands.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cs::ui {

std::string server_ids_text(const std::vector<NodeId>& ids) {
    std::string text;
    for (NodeId id : ids) {
        if (!text.empty()) text += ',';
        text += std::to_string(id);
    }
    return text;
}

namespace {
void split_sides(const std::vector<bool>& on_side_b, std::vector<NodeId>& a, std::vector<NodeId>& b) {
    for (std::size_t i = 0; i < on_side_b.size(); ++i) (on_side_b[i] ? b : a).push_back(static_cast<NodeId>(i + 1));
}
}  // namespace

std::string partition_problem(const std::vector<bool>& on_side_b) {
    std::vector<NodeId> a, b;
    split_sides(on_side_b, a, b);
    if (a.empty() && b.empty()) return "there are no servers";
    if (b.empty()) return "click servers to move them to side B";
    if (a.empty()) return "keep at least one server on side A";
    return {};
}

std::string partition_command(const std::vector<bool>& on_side_b) {
    if (!partition_problem(on_side_b).empty()) return {};
    std::vector<NodeId> a, b;
    split_sides(on_side_b, a, b);
    return "partition " + server_ids_text(a) + " | " + server_ids_text(b);
}

std::string partition_text(const Network& network) {
    if (!network.partitioned()) return {};
    std::vector<NodeId> a, b;
    for (NodeId id = 1; id <= network.servers(); ++id) {
        const int side = network.side_of(id);
        if (side == 0) a.push_back(id);
        else if (side == 1) b.push_back(id);
    }
    return server_ids_text(a) + " | " + server_ids_text(b);
}

std::string latency_command(int min_ms, int max_ms) {
    min_ms = std::max(0, min_ms);
    max_ms = std::max(0, max_ms);
    if (min_ms > max_ms) std::swap(min_ms, max_ms);
    return "latency " + std::to_string(min_ms) + "ms.." + std::to_string(max_ms) + "ms";
}

std::string factor_text(double factor) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", factor);
    std::string text = buffer;
    // "0.050" -> "0.05", "4.000" -> "4": the way a person writes it in a scenario.
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text.empty() || text == "-" ? "0" : text;
}

std::string loss_command(double loss) {
    if (!std::isfinite(loss)) loss = 0;
    return "loss " + factor_text(std::clamp(loss, 0.0, 1.0));
}

std::string drop_command(NodeId from, NodeId to) {
    if (from == to) return {};
    return "drop " + std::to_string(from) + "->" + std::to_string(to);
}

std::string slow_command(NodeId server, double factor) {
    if (!std::isfinite(factor) || factor < 1 || factor > 1000) return {};
    return "slow " + std::to_string(server) + " " + factor_text(factor);
}

std::string links_text(const std::vector<std::pair<NodeId, NodeId>>& links) {
    std::string text;
    for (const auto& [from, to] : links) {
        if (!text.empty()) text += ", ";
        text += std::to_string(from) + "->" + std::to_string(to);
    }
    return text;
}

const char* violation_explanation(ViolationKind kind) {
    switch (kind) {
        case ViolationKind::Oversell:
            return "more was sold than was in stock (stock below zero, or more acknowledged than there was)";
        case ViolationKind::LostOrder:
            return "a client was told its order succeeded, but the leader's data no longer holds it";
        case ViolationKind::Divergence:
            return "the faults are over and the cluster had time to settle, yet alive servers hold different data";
        case ViolationKind::SplitBrain:
            return "two servers acted as leader and accepted orders at the same time, or in the same epoch";
        case ViolationKind::NonLinearizable:
            return "what the clients were told fits no order of their operations: a read or an answer contradicts "
                   "an order that was acknowledged before it";
    }
    return "";
}

const char* replication_explanation(bool async, bool quorum) {
    // Quorum on, the leader always waits for a majority before it answers: async and
    // sync behave the same, and saying otherwise would teach something false.
    if (quorum)
        return async ? "Async has no effect while quorum is on: the leader still waits until a majority holds each "
                       "order before it answers (quorum decides). Turn quorum off to see async replication."
                     : "Sync, with quorum on: the leader waits until a majority holds each order (not every "
                       "follower) before it answers.";
    return async ? "Asynchronous: the leader answers the client first and replicates after. Faster, but only "
                   "eventually consistent: a read can see old stock, and a leader crash can lose acknowledged orders."
                 : "Synchronous (the course design): the leader replicates every order to all active followers and "
                   "waits for their acknowledgments before it answers the client. Strong consistency, slower writes.";
}

const char* quorum_explanation(bool on) {
    return on ? "On: CP done right. A new leader needs a majority, and an order is acknowledged only once a majority "
                "holds it. The minority side of a partition refuses orders: unavailable, but correct."
              : "Off (the course design): Bully alone picks the leader. Under a partition each side elects its own "
                "leader and keeps taking orders: split brain, and oversell of scarce stock.";
}

const char* resync_explanation(bool on) {
    return on ? "On (the course design): a restarted server syncs with the leader, and a follower that missed "
                "orders is caught up."
              : "Off shows what goes wrong without resync: restarted and lagging servers keep old data (divergence).";
}

std::string seconds_text(TimeUs t) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f s", static_cast<double>(t) / 1e6);
    return buffer;
}

}  // namespace cs::ui
