#pragma once
// Messages between actors. Plain values: the whole simulation can be copied.
#include <array>
#include <cstdint>
#include <vector>

#include "time.h"

namespace cs {

using NodeId = std::int32_t;
constexpr NodeId kLoadBalancer = 0;  // the load balancer actor
constexpr NodeId kClients = -1;      // every client (shop user, load generator) is one actor
constexpr NodeId kNoNode = -2;

enum class MsgType : std::uint8_t {
    Heartbeat,       // follower -> leader (and leader -> higher ids, to notice a healed partition)
    HeartbeatAck,    // carries the sender's view: leader, epoch, data digest
    Election,        // Bully: to every higher id
    ElectionOk,      // Bully: "I am alive and higher, stand down"
    Coordinator,     // Bully: the winner to every lower id (quorum on: to all, with the adopted log)
    StateRequest,    // quorum on: a new leader asks for state and a promise for its epoch
    StateReply,      // quorum on: the promise, with the replier's log
    Replicate,       // leader -> follower: one order entry
    ReplicateAck,    // ok=false means "my log does not match, send me a full sync"
    SyncRequest,     // follower -> leader (or broadcast after restart): send me your data
    SyncState,       // leader -> follower: the whole log
    SyncAck,         // follower -> leader: now at this length
    Order,           // client -> LB -> server -> leader
    OrderReply,
    Read,            // stock of one product, served by whichever server gets it
    ReadReply,
    HealthCheck,     // LB -> server every health interval
    HealthReply,
    Count
};
const char* msg_type_name(MsgType type);

// Where a message sits in the course text, for colouring and filtering.
enum class MsgFamily : std::uint8_t { Heartbeat, Election, Replication, Client, Health };
MsgFamily msg_family(MsgType type);

// One applied order: the unit of replicated data. Stock is derived from the log.
struct LogEntry {
    std::uint64_t order_id = 0;
    std::int32_t product = 0;
    std::int32_t quantity = 0;
    std::int64_t epoch = 0;   // leader epoch that created it
    TimeUs created_us = 0;    // when the leader applied it (the checker's settle clock)
};

// A client's outcomes, as Jepsen records them: Acknowledged (ok: applied), Rejected (fail:
// certainly not applied) and Unknown (info: may or may not have been applied, e.g. the
// leader appended it and then lost its majority, or no answer came back).
enum class OrderStatus : std::uint8_t { Pending, Acknowledged, Rejected, Unknown };
const char* order_status_name(OrderStatus status);

// Why an order was not acknowledged. Shown to the user in the words of reason_text().
enum class Reason : std::uint8_t {
    None,
    UnknownProduct,
    BadQuantity,
    OutOfStock,
    NoLeader,          // no leader known (election in progress)
    NoQuorum,          // quorum on: this side cannot reach a majority
    LeaderUnreachable, // forwarded to the leader, no answer in time
    QueueFull,         // the server's request queue is at its bound
    NoHealthyServer,   // the load balancer has nowhere to send it
    Timeout,           // the client gave up after its retries
    StaleEpoch,        // quorum on: a leader from an older epoch
    NotReplicated,     // the leader took it, then could not get it held in time: outcome unknown
    Contended,         // quorum on: short only because of orders not yet committed: try again
    kCount             // not a reason: the number of reasons
};
const char* reason_text(Reason reason);

constexpr int kMaxPath = 6;

struct Message {
    std::uint64_t id = 0;
    MsgType type = MsgType::Heartbeat;
    NodeId from = kNoNode;
    NodeId to = kNoNode;
    TimeUs sent_us = 0;
    TimeUs deliver_us = 0;

    // Protocol fields; which ones matter depends on type.
    std::int64_t epoch = 0;
    NodeId leader = kNoNode;         // the sender's current leader belief
    bool ok = true;
    std::uint64_t log_length = 0;
    std::uint64_t digest = 0;        // digest of the sender's whole log
    std::int64_t log_epoch = 0;      // quorum on: epoch whose log the sender last accepted

    // Order / read fields.
    std::uint64_t order_id = 0;
    std::int32_t product = -1;
    std::int32_t quantity = 0;
    std::int64_t stock = 0;          // ReadReply and OrderReply: stock as the server saw it
    OrderStatus status = OrderStatus::Pending;
    Reason reason = Reason::None;
    std::array<NodeId, kMaxPath> path{};  // nodes an order passed through, for the UI
    std::uint8_t path_length = 0;

    // Health reply: the server's own measurements.
    double cpu = 0, queue = 0;
    int health = 0;

    // Replicate carries one entry; SyncState, StateReply and Coordinator (quorum on) the whole log.
    LogEntry entry{};
    std::vector<LogEntry> entries;

    void add_hop(NodeId node) {
        if (path_length < kMaxPath) path[path_length++] = node;
    }
};

}  // namespace cs
