#pragma once
// Internal to the server's files (server.cpp and one file per protocol): the small
// helpers they share and the handlers server.cpp dispatches to. Nothing outside
// those files includes this header; the simulation talks to a server only through
// server_logic (context.h).
//
//   server.cpp         message type / timer kind -> handler; boot, crash, restart; shared helpers
//   election.cpp       Bully: ELECTION, OK, COORDINATOR (quorum off), heartbeats, announce
//   view_change.cpp    quorum on: epochs, promises, STATE_REQUEST/STATE_REPLY, COORDINATOR with the log
//   replication.cpp    REPLICATE/ACK, pending writes and commits, SYNC_REQUEST/SYNC_STATE/SYNC_ACK
//   orders.cpp         ORDER: validation, deduplication, stock, forwarding; READ
//   service_queue.cpp  the queueing model: queue, service times, metrics sampling
#include <cstdint>
#include <vector>

#include "context.h"

namespace cs::server_internal {

using Ctx = Simulation::Context;

// --- Shared helpers (server.cpp) ---

// Digest of the first `length` entries of s's log (a fixed seed for the empty log).
std::uint64_t digest_at(const Server& s, std::uint64_t length);
inline bool is_server(const Ctx& ctx, NodeId n) { return n >= 1 && n <= ctx.sim.server_count(); }

// A message from s with its current view (epoch, leader, log length and digest) filled in.
Message make(const Server& s, MsgType type, NodeId to);
// Answers an order (or relays the answer) with s's current stock of its product.
void reply_order(const Server& s, const Message& request, NodeId to, OrderStatus status, Reason reason, Ctx& ctx);
void log_simple(Ctx& ctx, LogKind kind, LogLevel level, NodeId node, NodeId other = kNoNode, std::int64_t a = 0);

// Appends one entry to s's log and applies it to its stock.
void append(Server& s, const LogEntry& e, Ctx& ctx);
// Replaces s's log (a sync or a new leader's log) and rebuilds stock, digests and index.
void install_log(Server& s, const std::vector<LogEntry>& entries, Ctx& ctx);

// Role changes every protocol uses.
void abandon_pending_writes(Server& s, Reason reason, Ctx& ctx);
// Quorum on: a full copy (SYNC, COORDINATOR) from this epoch's leader that is shorter
// than what we already accepted in this epoch is an old, late or duplicated message:
// within its epoch a leader's log only grows, so installing it would drop entries a
// majority may already count on (found by the swarm fuzzer with duplicated and
// reordered messages: regress_swarm_stale_sync_not_installed.scn).
bool stale_copy_of_this_epoch(const Server& s, const Message& m);
// Quorum on: a message from an epoch older than our promise is answered with a NACK
// carrying the promised epoch, so that a stale leader learns it and stands down.
void refuse_stale_epoch(const Server& s, const Message& m, Ctx& ctx);
void become_follower(Server& s, NodeId leader, std::int64_t epoch, Ctx& ctx);
void take_leadership(Server& s, Ctx& ctx);

// --- election.cpp (Bully) ---
void start_election(Server& s, Ctx& ctx);
void announce(Server& s, Ctx& ctx);
void schedule_heartbeat(Server& s, Ctx& ctx, TimeUs delay);
void handle_election(Server& s, const Message& m, Ctx& ctx);
void handle_election_ok(Server& s, const Message& m, Ctx& ctx);
void handle_coordinator(Server& s, const Message& m, Ctx& ctx);
void handle_heartbeat(Server& s, const Message& m, Ctx& ctx);
void handle_heartbeat_ack(Server& s, const Message& m, Ctx& ctx);
void on_heartbeat_tick(Server& s, Ctx& ctx);
bool on_election_timeout(Server& s, std::uint64_t round, Ctx& ctx);
bool on_coordinator_timeout(Server& s, std::uint64_t round, Ctx& ctx);

// --- view_change.cpp (quorum on) ---
void start_view_change(Server& s, Ctx& ctx);
void handle_state_request(Server& s, const Message& m, Ctx& ctx);
void handle_state_reply(Server& s, const Message& m, Ctx& ctx);
void handle_coordinator_with_log(Server& s, const Message& m, Ctx& ctx);
bool on_recovery_timeout(Server& s, std::uint64_t round, Ctx& ctx);

// --- replication.cpp ---
// The leader has applied `e` (the order `request`): replicate it and answer when held.
void replicate(Server& s, const LogEntry& e, const Message& request, Ctx& ctx);
void send_sync(const Server& s, NodeId to, Ctx& ctx);
void start_restart_sync(Server& s, Ctx& ctx);
void handle_replicate(Server& s, const Message& m, Ctx& ctx);
void handle_replicate_ack(Server& s, const Message& m, Ctx& ctx);
void handle_sync_request(Server& s, const Message& m, Ctx& ctx);
void handle_sync_state(Server& s, const Message& m, Ctx& ctx);
void handle_sync_ack(Server& s, const Message& m, Ctx& ctx);
bool on_replication_timeout(Server& s, Ctx& ctx);
bool on_restart_sync_timeout(Server& s, Ctx& ctx);

// --- orders.cpp ---
void handle_order(Server& s, const Message& m, Ctx& ctx);
void handle_read(Server& s, const Message& m, Ctx& ctx);
void handle_order_reply(Server& s, const Message& m, Ctx& ctx);
bool on_forward_timeout(Server& s, std::uint64_t order_id, Ctx& ctx);

// --- service_queue.cpp ---
// Returns true if the message slot is kept (queued for service).
bool enqueue(Server& s, const Message& m, std::uint32_t slot, Ctx& ctx);
void finish_service(Server& s, Ctx& ctx);
void handle_health_check(Server& s, const Message& m, Ctx& ctx);

}  // namespace cs::server_internal
