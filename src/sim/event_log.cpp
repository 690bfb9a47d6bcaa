#include "event_log.h"

namespace cs {

std::string node_name(NodeId node) {
    if (node == kLoadBalancer) return "LB";
    if (node == kClients) return "clients";
    if (node == kNoNode) return "-";
    return "S" + std::to_string(node);
}

const char* log_kind_name(LogKind kind) {
    switch (kind) {
        case LogKind::Delivered: return "message";
        case LogKind::Dropped: return "drop";
        case LogKind::Crash: return "crash";
        case LogKind::Restart: return "restart";
        case LogKind::ElectionStart: return "election";
        case LogKind::Suspect: return "suspect";
        case LogKind::BecameLeader: return "leader";
        case LogKind::FollowLeader: return "follow";
        case LogKind::StepDown: return "step-down";
        case LogKind::OrderApplied: return "order";
        case LogKind::OrderRejected: return "reject";
        case LogKind::OrderDone: return "outcome";
        case LogKind::Synced: return "sync";
        case LogKind::PeerDown: return "peer";
        case LogKind::HealthChange: return "health";
        case LogKind::Fault: return "fault";
        case LogKind::Violation: return "violation";
        case LogKind::Count: break;
    }
    return "?";
}

std::string describe(const LogRecord& r, const std::vector<Product>* catalogue) {
    auto product = [&](std::int64_t p) {
        if (catalogue && p >= 0 && static_cast<std::size_t>(p) < catalogue->size()) return (*catalogue)[static_cast<std::size_t>(p)].sku;
        return std::string("unknown product");
    };
    const std::string from = node_name(r.node), to = node_name(r.other);
    switch (r.kind) {
        case LogKind::Delivered: return std::string(msg_type_name(r.msg)) + " " + from + " -> " + to;
        case LogKind::Dropped:
            return std::string(msg_type_name(r.msg)) + " " + from + " -> " + to + " lost (" +
                   drop_reason_name(static_cast<DropReason>(r.a)) + ")";
        case LogKind::Crash: return from + " crashed";
        case LogKind::Restart: return from + " restarted and asks for the current data";
        case LogKind::ElectionStart: return from + " starts an election (ELECTION to every higher id)";
        case LogKind::Suspect: return from + " missed its leader's heartbeats and suspects " + to + " is down";
        case LogKind::BecameLeader: return from + " is the new leader (epoch " + std::to_string(r.a) + ")";
        case LogKind::FollowLeader: return from + " accepts " + to + " as leader (epoch " + std::to_string(r.a) + ")";
        case LogKind::StepDown: return from + " stops leading" + (r.other != kNoNode ? ", " + to + " leads" : std::string());
        case LogKind::OrderApplied:
            return from + " applies order #" + std::to_string(r.a) + ": " + std::to_string(r.c) + " x " + product(r.b);
        case LogKind::OrderRejected: return from + " rejects order #" + std::to_string(r.a) + ": " + reason_text(r.reason);
        case LogKind::OrderDone:
            return "order #" + std::to_string(r.a) + " " + order_status_name(r.status) +
                   (r.reason != Reason::None ? std::string(": ") + reason_text(r.reason) : std::string());
        case LogKind::Synced: return from + " installed " + std::to_string(r.a) + " orders from " + to;
        case LogKind::PeerDown:
            return r.a ? from + " sees " + to + " again and replicates to it"
                       : from + " marks " + to + " down (no ACK in time) and skips it";
        case LogKind::HealthChange: return "LB: " + to + (r.a ? " is healthy again" : " failed its health check");
        case LogKind::Fault: return "fault injected";
        case LogKind::Violation: return "checker: violation";
        case LogKind::Count: break;
    }
    return "?";
}

}  // namespace cs
