// A server: its lifecycle (boot, crash, restart) and the dispatch from message type and
// timer kind to the protocol that handles it. The protocols live one to a file:
//   election.cpp       Bully: ELECTION, OK, COORDINATOR (quorum off), heartbeats
//   view_change.cpp    quorum on: epochs, promises, STATE_REQUEST/STATE_REPLY, recovery
//   replication.cpp    REPLICATE/ACK, commits, SYNC_REQUEST/SYNC_STATE/SYNC_ACK
//   orders.cpp         ORDER (validation, deduplication, stock, forwarding), READ
//   service_queue.cpp  the queueing model and metrics
// Below the dispatch: the helpers they share (server_internal.h).
#include <algorithm>

#include "invariants.h"
#include "server_internal.h"

namespace cs {
namespace {

constexpr std::uint64_t kDigestSeed = 0x9E3779B97F4A7C15ull;

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
}

std::uint64_t entry_digest(std::uint64_t prev, const LogEntry& e) {
    std::uint64_t h = mix(prev, e.order_id);
    h = mix(h, static_cast<std::uint64_t>(e.product));
    h = mix(h, static_cast<std::uint64_t>(e.quantity));
    return mix(h, static_cast<std::uint64_t>(e.epoch));
}

}  // namespace

namespace server_logic {

using namespace server_internal;

namespace {

bool dispatch_message(Server& s, const Message& m, std::uint32_t slot, Ctx& ctx) {
    switch (m.type) {
        // Client-facing and replication work waits its turn in the queue.
        case MsgType::Order:
        case MsgType::Read:
        case MsgType::Replicate: return enqueue(s, m, slot, ctx);
        // election.cpp
        case MsgType::Heartbeat: handle_heartbeat(s, m, ctx); break;
        case MsgType::HeartbeatAck: handle_heartbeat_ack(s, m, ctx); break;
        case MsgType::Election: handle_election(s, m, ctx); break;
        case MsgType::ElectionOk: handle_election_ok(s, m, ctx); break;
        case MsgType::Coordinator: handle_coordinator(s, m, ctx); break;  // quorum on: view_change.cpp
        // view_change.cpp
        case MsgType::StateRequest: handle_state_request(s, m, ctx); break;
        case MsgType::StateReply: handle_state_reply(s, m, ctx); break;
        // replication.cpp
        case MsgType::ReplicateAck: handle_replicate_ack(s, m, ctx); break;
        case MsgType::SyncRequest: handle_sync_request(s, m, ctx); break;
        case MsgType::SyncState: handle_sync_state(s, m, ctx); break;
        case MsgType::SyncAck: handle_sync_ack(s, m, ctx); break;
        // orders.cpp
        case MsgType::OrderReply: handle_order_reply(s, m, ctx); break;
        // service_queue.cpp
        case MsgType::HealthCheck: handle_health_check(s, m, ctx); break;
        default: break;
    }
    return false;
}

bool dispatch_timer(Server& s, const Event& e, Ctx& ctx) {
    switch (e.timer) {
        case TimerKind::HeartbeatTick: on_heartbeat_tick(s, ctx); return true;
        case TimerKind::ElectionTimeout: return on_election_timeout(s, e.token, ctx);
        case TimerKind::CoordinatorTimeout: return on_coordinator_timeout(s, e.token, ctx);
        case TimerKind::RecoveryTimeout: return on_recovery_timeout(s, e.token, ctx);
        case TimerKind::RestartSyncTimeout: return on_restart_sync_timeout(s, ctx);
        case TimerKind::ReplicationTimeout: return on_replication_timeout(s, ctx);
        case TimerKind::ForwardTimeout: return on_forward_timeout(s, e.token, ctx);
        case TimerKind::ServiceDone: finish_service(s, ctx); return true;
        default: return false;
    }
}

// --- Invariants: what this code guarantees after every event, in every mode ---

// Values that never go back, taken before an event.
struct Watermarks {
    std::int64_t epoch;
    std::int64_t promised_epoch;
};

Watermarks watermarks(const Server& s) { return {s.epoch, s.promised_epoch}; }

void check_invariants(const Server& s, const Watermarks& before) {
    CS_INVARIANT(s.epoch >= before.epoch, "a server's epoch never goes back");
    CS_INVARIANT(s.promised_epoch >= before.promised_epoch, "a server's promised epoch never goes back");
    CS_INVARIANT(s.prefix_digest.size() == s.log.size(), "a server has one prefix digest per log entry");
    // With one index entry per log entry, no order id is in the log twice.
    CS_INVARIANT(s.order_index.size() == s.log.size(), "order_index has one entry per log entry (no order held twice)");
    CS_INVARIANT(!s.is_leader() || s.commit_index <= s.log.size(), "a leader commits only entries its log holds");
    CS_INVARIANT(!s.busy || !s.queue.empty(), "a busy server is serving a queued request");
}

}  // namespace

void rebuild_derived(Server& s, const std::vector<Product>& catalogue) {
    s.stock.resize(catalogue.size());
    for (std::size_t p = 0; p < catalogue.size(); ++p) s.stock[p] = catalogue[p].initial_stock;
    s.prefix_digest.clear();
    s.order_index.clear();
    std::uint64_t d = kDigestSeed;
    for (std::size_t i = 0; i < s.log.size(); ++i) {
        const LogEntry& e = s.log[i];
        d = entry_digest(d, e);
        s.prefix_digest.push_back(d);
        s.order_index.insert(e.order_id, i + 1);
        if (e.product >= 0 && static_cast<std::size_t>(e.product) < s.stock.size())
            s.stock[static_cast<std::size_t>(e.product)] -= e.quantity;
    }
}

void boot(Server& s, Ctx& ctx) {
    const int n = ctx.server_count();
    rebuild_derived(s, ctx.config().catalogue);
    s.weight = ctx.config().weight_of(s.id);
    // At start the highest id leads (the course text's initialisation), in epoch 1.
    s.epoch = s.promised_epoch = s.log_epoch = 1;
    s.peer_up.assign(static_cast<std::size_t>(n), true);
    if (s.id == n) {
        s.role = Role::Leader;
        s.leader = s.id;
    } else {
        s.role = Role::Follower;
        s.leader = n;
    }
    // Spread the heartbeats over the first interval so they do not all fire at once.
    schedule_heartbeat(s, ctx, ctx.config().heartbeat_interval_us * s.id / (n + 1));
}

bool on_message(Server& s, const Message& m, std::uint32_t slot, Ctx& ctx) {
    CS_INVARIANT(s.alive, "no message is delivered to a crashed server");
    const Watermarks before = watermarks(s);
    const bool kept = dispatch_message(s, m, slot, ctx);
    check_invariants(s, before);
    return kept;
}

bool on_timer(Server& s, const Event& e, Ctx& ctx) {
    CS_INVARIANT(s.alive, "no timer fires on a crashed server");
    const Watermarks before = watermarks(s);
    const bool acted = dispatch_timer(s, e, ctx);
    check_invariants(s, before);
    return acted;
}

void crash(Server& s, Ctx& ctx) {
    // Volatile state is lost; the data (log, epochs, promises) is on disk and survives.
    s.alive = false;
    ++s.incarnation;
    s.role = Role::Follower;
    s.leader = kNoNode;
    s.missed_heartbeats = 0;
    s.syncing_after_restart = false;
    s.reasserting = false;
    s.pending_writes.clear();
    s.forwarded.clear();
    s.state_from.clear();
    s.best_log.clear();
    for (const auto& q : s.queue) ctx.release(q.message_slot);
    s.queue.clear();
    s.busy = false;
    s.metrics.connections = 0;
}

void restart(Server& s, Ctx& ctx) {
    s.alive = true;
    ++s.incarnation;
    s.role = Role::Follower;
    s.leader = kNoNode;
    s.peer_up.assign(static_cast<std::size_t>(ctx.server_count()), true);
    // First sync from the current leader (whoever it is answers), then run an election.
    if (!ctx.config().resync) {
        start_election(s, ctx);
        schedule_heartbeat(s, ctx, ctx.config().heartbeat_interval_us);
        return;
    }
    start_restart_sync(s, ctx);
    schedule_heartbeat(s, ctx, ctx.config().heartbeat_interval_us);
}

}  // namespace server_logic

namespace server_internal {

// Digest of the first `length` entries of s's log.
std::uint64_t digest_at(const Server& s, std::uint64_t length) {
    return length == 0 ? kDigestSeed : s.prefix_digest[length - 1];
}

Message make(const Server& s, MsgType type, NodeId to) {
    Message m;
    m.type = type;
    m.from = s.id;
    m.to = to;
    m.epoch = s.epoch;
    m.leader = s.role == Role::Leader ? s.id : s.leader;
    m.log_length = s.log.size();
    m.digest = digest_at(s, s.log.size());
    m.log_epoch = s.log_epoch;
    return m;
}

void reply_order(const Server& s, const Message& request, NodeId to, OrderStatus status, Reason reason, Ctx& ctx) {
    Message r = make(s, MsgType::OrderReply, to);
    r.order_id = request.order_id;
    r.product = request.product;
    r.quantity = request.quantity;
    r.status = status;
    r.reason = reason;
    r.path = request.path;
    r.path_length = request.path_length;
    if (request.product >= 0 && static_cast<std::size_t>(request.product) < s.stock.size())
        r.stock = s.stock[static_cast<std::size_t>(request.product)];
    ctx.send(std::move(r));
}

void log_simple(Ctx& ctx, LogKind kind, LogLevel level, NodeId node, NodeId other, std::int64_t a) {
    LogRecord r;
    r.kind = kind;
    r.level = level;
    r.node = node;
    r.other = other;
    r.a = a;
    ctx.log(r);
}

void append(Server& s, const LogEntry& e, Ctx& ctx) {
    s.prefix_digest.push_back(entry_digest(digest_at(s, s.log.size()), e));
    s.log.push_back(e);
    s.order_index.insert(e.order_id, s.log.size());
    if (e.product >= 0 && static_cast<std::size_t>(e.product) < s.stock.size()) {
        s.stock[static_cast<std::size_t>(e.product)] -= e.quantity;
        ctx.checker().on_stock_change(s, e.product, ctx.now(), ctx.current_message());
    }
}

void install_log(Server& s, const std::vector<LogEntry>& entries, Ctx& ctx) {
    s.log = entries;
    server_logic::rebuild_derived(s, ctx.config().catalogue);
    ++s.data_version;
    for (std::size_t p = 0; p < s.stock.size(); ++p)
        ctx.checker().on_stock_change(s, static_cast<std::int32_t>(p), ctx.now(), ctx.current_message());
}

// A leader that stops leading answers its waiting writes: they are in its log and may yet
// be kept by the next leader, so their outcome is unknown, never "failed".
void abandon_pending_writes(Server& s, Reason reason, Ctx& ctx) {
    for (const auto& w : s.pending_writes)
        if (w.reply_to != kNoNode) reply_order(s, w.request, w.reply_to, OrderStatus::Unknown, reason, ctx);
    s.pending_writes.clear();
}

void refuse_stale_epoch(const Server& s, const Message& m, Ctx& ctx) {
    Message nack = make(s, MsgType::ReplicateAck, m.from);
    nack.ok = false;
    nack.epoch = s.promised_epoch;
    nack.reason = Reason::StaleEpoch;
    ctx.send(std::move(nack));
}

bool stale_copy_of_this_epoch(const Server& s, const Message& m) {
    return m.epoch == s.log_epoch && m.entries.size() < s.log.size();
}

void become_follower(Server& s, NodeId leader, std::int64_t epoch, Ctx& ctx) {
    if (s.role == Role::Leader && leader != s.id) {
        log_simple(ctx, LogKind::StepDown, LogLevel::Info, s.id, leader);
        abandon_pending_writes(s, Reason::NotReplicated, ctx);
    }
    ++s.election_round;  // cancels any election timer
    s.reasserting = false;
    const bool changed = s.leader != leader || s.role != Role::Follower;
    s.role = Role::Follower;
    s.leader = leader;
    s.epoch = std::max(s.epoch, epoch);
    s.missed_heartbeats = 0;
    if (changed && leader != kNoNode) log_simple(ctx, LogKind::FollowLeader, LogLevel::Info, s.id, leader, s.epoch);
}

void take_leadership(Server& s, Ctx& ctx) {
    s.role = Role::Leader;
    s.reasserting = false;
    s.leader = s.id;
    s.leader_since_us = ctx.now();
    s.missed_heartbeats = 0;
    s.peer_up.assign(static_cast<std::size_t>(ctx.server_count()), true);
    s.pending_writes.clear();
    log_simple(ctx, LogKind::BecameLeader, LogLevel::Info, s.id, kNoNode, s.epoch);
}

}  // namespace server_internal

const char* role_name(Role role) {
    switch (role) {
        case Role::Follower: return "follower";
        case Role::Candidate: return "candidate";
        case Role::AwaitingCoordinator: return "awaiting-coordinator";
        case Role::Recovering: return "recovering";
        case Role::Leader: return "leader";
    }
    return "?";
}

}  // namespace cs
