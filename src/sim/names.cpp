// Names of enums, as shown to users and written to JSON.
#include "config.h"
#include "message.h"

namespace cs {

const char* msg_type_name(MsgType type) {
    switch (type) {
        case MsgType::Heartbeat: return "HEARTBEAT";
        case MsgType::HeartbeatAck: return "HEARTBEAT_ACK";
        case MsgType::Election: return "ELECTION";
        case MsgType::ElectionOk: return "OK";
        case MsgType::Coordinator: return "COORDINATOR";
        case MsgType::StateRequest: return "STATE_REQUEST";
        case MsgType::StateReply: return "STATE_REPLY";
        case MsgType::Replicate: return "REPLICATE";
        case MsgType::ReplicateAck: return "ACK";
        case MsgType::SyncRequest: return "SYNC_REQUEST";
        case MsgType::SyncState: return "SYNC";
        case MsgType::SyncAck: return "SYNC_ACK";
        case MsgType::Order: return "ORDER";
        case MsgType::OrderReply: return "ORDER_REPLY";
        case MsgType::Read: return "READ";
        case MsgType::ReadReply: return "READ_REPLY";
        case MsgType::HealthCheck: return "HEALTH_CHECK";
        case MsgType::HealthReply: return "HEALTH_REPLY";
        case MsgType::Count: break;
    }
    return "?";
}

MsgFamily msg_family(MsgType type) {
    switch (type) {
        case MsgType::Heartbeat:
        case MsgType::HeartbeatAck: return MsgFamily::Heartbeat;
        case MsgType::Election:
        case MsgType::ElectionOk:
        case MsgType::Coordinator:
        case MsgType::StateRequest:
        case MsgType::StateReply: return MsgFamily::Election;
        case MsgType::Replicate:
        case MsgType::ReplicateAck:
        case MsgType::SyncRequest:
        case MsgType::SyncState:
        case MsgType::SyncAck: return MsgFamily::Replication;
        case MsgType::HealthCheck:
        case MsgType::HealthReply: return MsgFamily::Health;
        default: return MsgFamily::Client;
    }
}

const char* order_status_name(OrderStatus status) {
    switch (status) {
        case OrderStatus::Pending: return "pending";
        case OrderStatus::Acknowledged: return "acknowledged";
        case OrderStatus::Rejected: return "rejected";
        case OrderStatus::Unknown: return "unknown";
    }
    return "?";
}

const char* reason_text(Reason reason) {
    switch (reason) {
        case Reason::None: return "";
        case Reason::UnknownProduct: return "unknown product";
        case Reason::BadQuantity: return "quantity must be at least 1";
        case Reason::OutOfStock: return "not enough stock";
        case Reason::NoLeader: return "no leader: an election is in progress";
        case Reason::NoQuorum: return "unavailable: no leader with a majority on this side (quorum on)";
        case Reason::LeaderUnreachable: return "the leader did not answer in time";
        case Reason::QueueFull: return "server busy: its request queue is full";
        case Reason::NoHealthyServer: return "the load balancer has no healthy server";
        case Reason::Timeout: return "no answer after every retry";
        case Reason::StaleEpoch: return "a newer leader exists";
        case Reason::NotReplicated: return "the leader took it but lost its followers before they held it: it may or may not be applied";
        case Reason::Contended: return "not enough stock unless orders still in flight fail: try again";
        case Reason::kCount: break;
    }
    return "?";
}

const char* lb_algorithm_name(LbAlgorithm algorithm) {
    switch (algorithm) {
        case LbAlgorithm::RoundRobin: return "round-robin";
        case LbAlgorithm::LeastConnections: return "least-connections";
        case LbAlgorithm::Weighted: return "weighted";
        case LbAlgorithm::LeastResponseTime: return "least-response-time";
        case LbAlgorithm::PowerOfTwo: return "power-of-two";
    }
    return "?";
}

bool parse_lb_algorithm(const std::string& text, LbAlgorithm& out) {
    for (auto a : {LbAlgorithm::RoundRobin, LbAlgorithm::LeastConnections, LbAlgorithm::Weighted,
                   LbAlgorithm::LeastResponseTime, LbAlgorithm::PowerOfTwo})
        if (text == lb_algorithm_name(a)) {
            out = a;
            return true;
        }
    return false;
}

std::vector<Product> default_catalogue() {
    // Eight products with modest stock, so that selling out (and overselling) is reachable.
    return {
        {"PRD-1", 100, 2500}, {"PRD-2", 50, 4999}, {"PRD-3", 200, 999},  {"PRD-4", 20, 12900},
        {"PRD-5", 75, 3450},  {"PRD-6", 10, 59900}, {"PRD-7", 150, 1575}, {"PRD-8", 5, 99900},
    };
}

}  // namespace cs
