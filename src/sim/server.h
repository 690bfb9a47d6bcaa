#pragma once
// A server's state: plain values only. Its behaviour lives in server.cpp (dispatch,
// lifecycle) and one file per protocol: election, view_change, replication, orders,
// service_queue (.cpp).
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

#include "message.h"
#include "shared_chunks.h"
#include "metrics.h"

namespace cs {

enum class Role : std::uint8_t {
    Follower,
    Candidate,             // sent ELECTION to higher ids, waiting for OK
    AwaitingCoordinator,   // got OK, waiting for the winner's COORDINATOR
    Recovering,            // quorum on: won Bully, collecting state from a majority
    Leader,
};
const char* role_name(Role role);

// A client request waiting in the server's queue (the queueing model).
struct QueuedRequest {
    std::uint32_t message_slot = 0;  // the message being served, held until done
    TimeUs arrived_us = 0;
};

// An order the leader applied and is replicating; answered when enough followers hold it.
struct PendingWrite {
    std::uint64_t order_id = 0;
    std::uint64_t index = 0;          // 1-based log position
    std::vector<NodeId> waiting_for;  // followers whose ack is still missing
    int acks = 1;                     // holders, the leader included
    NodeId reply_to = kNoNode;
    Message request;                  // the order, for the reply
    TimeUs deadline_us = 0;
};

// An order a follower forwarded to the leader and must answer.
struct ForwardedOrder {
    std::uint64_t order_id = 0;
    NodeId reply_to = kNoNode;
    TimeUs deadline_us = 0;
};

struct Server {
    NodeId id = 0;
    bool alive = true;
    int weight = 1;
    std::uint32_t incarnation = 0;  // bumped on crash: timers of an earlier life are ignored

    // Bully.
    Role role = Role::Follower;
    NodeId leader = kNoNode;          // the leader this server believes in
    std::int64_t epoch = 0;           // highest epoch seen
    int missed_heartbeats = 0;
    std::uint64_t election_round = 0; // guards election timers
    std::uint64_t elections_started = 0;
    bool syncing_after_restart = false;
    bool reasserting = false;         // a leader answering ELECTION: asking higher ids, still serving

    // Quorum on: promises and the new leader's state collection.
    std::int64_t promised_epoch = 0;
    std::int64_t log_epoch = 0;
    std::vector<NodeId> state_from;   // who replied to StateRequest
    std::vector<LogEntry> best_log;   // quorum on: newest log offered; quorum off: newest copy while restarting
    std::int64_t best_log_epoch = -1;

    // Data: the order log is the replicated state; stock is derived from it.
    // The log, its digests and its index are shared between copies of the Simulation
    // until written (shared_chunks.h): the app's checkpoints cost little each.
    SharedChunks<LogEntry> log;
    SharedChunks<std::uint64_t> prefix_digest;  // prefix_digest[k] = digest of log[0..k)
    std::vector<std::int64_t> stock;
    SharedIndex<std::uint64_t, std::uint64_t> order_index;  // order id -> 1-based position
    std::uint64_t data_version = 0;  // bumped when the log is replaced (not appended to)

    // Leader bookkeeping.
    std::vector<bool> peer_up;                  // index id-1: followers it replicates to (quorum off)
    std::vector<PendingWrite> pending_writes;
    std::uint64_t commit_index = 0;
    TimeUs leader_since_us = 0;
    TimeUs last_commit_us = -1;
    // When the write it last committed was applied (accepted). The checker's split-brain
    // clock: a stale leader that only finishes committing a write it accepted before a
    // newer leader took over is not a second leader accepting writes.
    TimeUs last_commit_accepted_us = -1;

    // Follower bookkeeping.
    std::vector<ForwardedOrder> forwarded;

    // Queueing model.
    std::deque<QueuedRequest> queue;
    bool busy = false;
    TimeUs service_started_us = 0;
    TimeUs metrics_window_start_us = 0;
    ServerMetrics metrics;

    std::uint64_t log_length() const { return log.size(); }
    std::uint64_t digest() const { return prefix_digest.empty() ? 0 : prefix_digest.back(); }
    bool is_leader() const { return alive && role == Role::Leader; }
};

}  // namespace cs
