// A server: Bully election, orders through the leader, replication (sync or
// async; quorum off as in the course text, or quorum on: epochs, promises and
// majorities), crash/restart with resync, and the queueing model that makes
// CPU, queue depth and response time real measurements.
#include <algorithm>

#include "context.h"

namespace cs {
namespace server_logic {
namespace {

using Ctx = Simulation::Context;

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

// Digest of the first `length` entries of s's log.
std::uint64_t digest_at(const Server& s, std::uint64_t length) {
    return length == 0 ? kDigestSeed : s.prefix_digest[length - 1];
}

bool is_server(const Ctx& ctx, NodeId n) { return n >= 1 && n <= ctx.sim.server_count(); }

void append(Server& s, const LogEntry& e, Ctx& ctx) {
    s.prefix_digest.push_back(entry_digest(digest_at(s, s.log.size()), e));
    s.log.push_back(e);
    s.order_index[e.order_id] = s.log.size();
    if (e.product >= 0 && static_cast<std::size_t>(e.product) < s.stock.size()) {
        s.stock[static_cast<std::size_t>(e.product)] -= e.quantity;
        ctx.checker().on_stock_change(s, e.product, ctx.now(), ctx.current_message());
    }
}

void install_log(Server& s, const std::vector<LogEntry>& entries, Ctx& ctx) {
    s.log = entries;
    rebuild_derived(s, ctx.config().catalogue);
    ++s.data_version;
    for (std::size_t p = 0; p < s.stock.size(); ++p)
        ctx.checker().on_stock_change(s, static_cast<std::int32_t>(p), ctx.now(), ctx.current_message());
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

void log_simple(Ctx& ctx, LogKind kind, LogLevel level, NodeId node, NodeId other = kNoNode, std::int64_t a = 0) {
    LogRecord r;
    r.kind = kind;
    r.level = level;
    r.node = node;
    r.other = other;
    r.a = a;
    ctx.log(r);
}

void fail_pending_writes(Server& s, Reason reason, Ctx& ctx) {
    for (const auto& w : s.pending_writes)
        if (w.reply_to != kNoNode) reply_order(s, w.request, w.reply_to, OrderStatus::Failed, reason, ctx);
    s.pending_writes.clear();
}

void become_follower(Server& s, NodeId leader, std::int64_t epoch, Ctx& ctx) {
    if (s.role == Role::Leader && leader != s.id) {
        log_simple(ctx, LogKind::StepDown, LogLevel::Info, s.id, leader);
        fail_pending_writes(s, Reason::NoLeader, ctx);
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

void start_election(Server& s, Ctx& ctx);

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

// Bully, quorum off: no OK came back from a higher id, so this server leads.
void declare_victory(Server& s, Ctx& ctx) {
    if (!ctx.config().quorum) {
        s.epoch += 1;
        s.log_epoch = s.epoch;
        take_leadership(s, ctx);
        // No higher id answered ELECTION: replicate to them only once they are heard from again.
        for (NodeId higher = s.id + 1; higher <= ctx.server_count(); ++higher)
            s.peer_up[static_cast<std::size_t>(higher - 1)] = false;
        s.commit_index = s.log.size();
        // The course text: the winner sends COORDINATOR to every lower id.
        for (NodeId to = 1; to < s.id; ++to) ctx.send(make(s, MsgType::Coordinator, to));
        return;
    }
    // Quorum on: first collect state and promises from a majority (a view change).
    s.role = Role::Recovering;
    s.epoch = std::max(s.epoch, s.promised_epoch) + 1;
    s.promised_epoch = s.epoch;
    s.state_from.assign(1, s.id);
    s.best_log = s.log;
    s.best_log_epoch = s.log_epoch;
    for (NodeId to = 1; to <= ctx.server_count(); ++to)
        if (to != s.id) ctx.send(make(s, MsgType::StateRequest, to));
    ctx.timer(s.id, TimerKind::RecoveryTimeout, ctx.config().coordinator_timeout_us, s.election_round);
}

// Quorum on: a majority promised this epoch; adopt the most recent log among them.
void finish_recovery(Server& s, Ctx& ctx) {
    if (s.best_log_epoch > s.log_epoch || (s.best_log_epoch == s.log_epoch && s.best_log.size() > s.log.size()))
        install_log(s, s.best_log, ctx);
    s.best_log.clear();
    s.best_log.shrink_to_fit();
    s.log_epoch = s.epoch;
    take_leadership(s, ctx);
    s.commit_index = 0;
    // The adopted log counts as one write that must reach a majority before it is committed.
    PendingWrite barrier;
    barrier.index = s.log.size();
    barrier.deadline_us = ctx.now() + ctx.config().replication_timeout_us;
    for (NodeId to = 1; to <= ctx.server_count(); ++to) {
        if (to == s.id) continue;
        Message m = make(s, MsgType::Coordinator, to);
        m.entries = s.log;
        ctx.send(std::move(m));
        barrier.waiting_for.push_back(to);
    }
    s.pending_writes.push_back(std::move(barrier));
    ctx.timer(s.id, TimerKind::ReplicationTimeout, ctx.config().replication_timeout_us, 0);
}

void start_election(Server& s, Ctx& ctx) {
    ++s.election_round;
    s.reasserting = false;
    ++s.elections_started;
    if (s.role == Role::Leader) fail_pending_writes(s, Reason::NoLeader, ctx);
    s.role = Role::Candidate;
    s.leader = kNoNode;
    s.missed_heartbeats = 0;
    log_simple(ctx, LogKind::ElectionStart, LogLevel::Info, s.id, kNoNode, static_cast<std::int64_t>(s.election_round));
    if (s.id == ctx.server_count()) {
        declare_victory(s, ctx);
        return;
    }
    for (NodeId to = s.id + 1; to <= ctx.server_count(); ++to) ctx.send(make(s, MsgType::Election, to));
    ctx.timer(s.id, TimerKind::ElectionTimeout, ctx.config().election_ok_timeout_us, s.election_round);
}

void send_sync(const Server& s, NodeId to, Ctx& ctx) {
    Message m = make(s, MsgType::SyncState, to);
    m.entries = s.log;
    ctx.send(std::move(m));
}

bool majority_holds(const PendingWrite& w, const Ctx& ctx) { return w.acks >= ctx.majority(); }

void commit(Server& s, PendingWrite& w, Ctx& ctx) {
    s.commit_index = std::max(s.commit_index, w.index);
    if (w.order_id == 0) return;  // the quorum barrier of a new leader
    s.last_commit_us = ctx.now();
    // A leader's log only grows while it leads, so the write is still at its index.
    const bool held = w.index >= 1 && w.index <= s.log.size() && s.log[w.index - 1].order_id == w.order_id;
    s.last_commit_accepted_us = held ? s.log[w.index - 1].created_us : ctx.now();
    ctx.checker().on_commit(s, ctx.servers(), ctx.now(), w.order_id);
    if (w.reply_to != kNoNode) reply_order(s, w.request, w.reply_to, OrderStatus::Acknowledged, Reason::None, ctx);
}

// Answers every pending write that now has what it needs.
void settle_writes(Server& s, Ctx& ctx) {
    const bool quorum = ctx.config().quorum;
    auto& writes = s.pending_writes;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < writes.size(); ++i) {
        PendingWrite& w = writes[i];
        const bool done = quorum ? majority_holds(w, ctx) : w.waiting_for.empty();
        if (done) {
            commit(s, w, ctx);
        } else {
            if (kept != i) writes[kept] = std::move(w);
            ++kept;
        }
    }
    writes.resize(kept);
}

// `from` now holds the log up to `length` (an ack, or a sync ack).
void record_ack(Server& s, NodeId from, std::uint64_t length, Ctx& ctx) {
    if (is_server(ctx, from)) s.peer_up[static_cast<std::size_t>(from - 1)] = true;
    for (auto& w : s.pending_writes) {
        if (w.index > length) continue;
        auto it = std::find(w.waiting_for.begin(), w.waiting_for.end(), from);
        if (it == w.waiting_for.end()) continue;
        w.waiting_for.erase(it);
        ++w.acks;
    }
    settle_writes(s, ctx);
}

// The leader validates, applies, replicates; the answer follows when enough followers hold it.
void leader_order(Server& s, const Message& m, Ctx& ctx) {
    const Config& cfg = ctx.config();
    auto found = s.order_index.find(m.order_id);
    if (found != s.order_index.end()) {
        // A retry of an order this leader already holds: never apply it twice.
        if (!cfg.quorum || found->second <= s.commit_index)
            reply_order(s, m, m.from, OrderStatus::Acknowledged, Reason::None, ctx);
        return;  // still replicating: the first answer will come when it is held
    }
    Reason reason = Reason::None;
    if (m.product < 0 || static_cast<std::size_t>(m.product) >= s.stock.size()) reason = Reason::UnknownProduct;
    else if (m.quantity <= 0) reason = Reason::BadQuantity;
    else if (s.stock[static_cast<std::size_t>(m.product)] < m.quantity) reason = Reason::OutOfStock;
    if (reason != Reason::None) {
        LogRecord r;
        r.kind = LogKind::OrderRejected;
        r.node = s.id;
        r.reason = reason;
        r.a = static_cast<std::int64_t>(m.order_id);
        ctx.log(r);
        reply_order(s, m, m.from, OrderStatus::Rejected, reason, ctx);
        return;
    }

    LogEntry e;
    e.order_id = m.order_id;
    e.product = m.product;
    e.quantity = m.quantity;
    e.epoch = s.epoch;
    e.created_us = ctx.now();
    append(s, e, ctx);
    {
        LogRecord r;
        r.kind = LogKind::OrderApplied;
        r.node = s.id;
        r.a = static_cast<std::int64_t>(m.order_id);
        r.b = m.product;
        r.c = m.quantity;
        ctx.log(r);
    }

    PendingWrite w;
    w.order_id = m.order_id;
    w.index = s.log.size();
    w.reply_to = m.from;
    w.request = m;
    w.deadline_us = ctx.now() + cfg.replication_timeout_us;
    for (NodeId to = 1; to <= ctx.server_count(); ++to) {
        if (to == s.id) continue;
        // Quorum off skips followers marked down, as the course text does; quorum on asks everyone.
        if (!cfg.quorum && !s.peer_up[static_cast<std::size_t>(to - 1)]) continue;
        Message r = make(s, MsgType::Replicate, to);
        r.entry = e;
        r.log_length = w.index;
        r.digest = digest_at(s, w.index - 1);  // what the follower's log must end with
        ctx.send(std::move(r));
        w.waiting_for.push_back(to);
    }
    if (cfg.replication == ReplicationMode::Async && !cfg.quorum) {
        // Answer first, replicate after: nobody waits for the followers.
        w.waiting_for.clear();
    }
    s.pending_writes.push_back(std::move(w));
    settle_writes(s, ctx);
    if (!s.pending_writes.empty())
        ctx.timer(s.id, TimerKind::ReplicationTimeout, cfg.replication_timeout_us, m.order_id);
}

void handle_order(Server& s, const Message& m, Ctx& ctx) {
    if (s.role == Role::Leader) {
        leader_order(s, m, ctx);
        return;
    }
    const bool leader_known = s.role == Role::Follower && s.leader != kNoNode && s.leader != s.id;
    if (!leader_known) {
        // Quorum on, a server without a leader is on a side that has not (yet) formed a majority.
        const Reason reason = ctx.config().quorum ? Reason::NoQuorum : Reason::NoLeader;
        LogRecord r;
        r.kind = LogKind::OrderRejected;
        r.node = s.id;
        r.reason = reason;
        r.a = static_cast<std::int64_t>(m.order_id);
        ctx.log(r);
        reply_order(s, m, m.from, OrderStatus::Rejected, reason, ctx);
        return;
    }
    // A follower forwards writes to the leader and relays the answer.
    for (const auto& f : s.forwarded)
        if (f.order_id == m.order_id) return;  // already forwarded; one answer will come
    Message fwd = m;
    fwd.id = 0;
    fwd.from = s.id;
    fwd.to = s.leader;
    fwd.epoch = s.epoch;
    fwd.entries.clear();
    ctx.send(std::move(fwd));
    s.forwarded.push_back({m.order_id, m.from, ctx.now() + ctx.config().forward_timeout_us});
    ctx.timer(s.id, TimerKind::ForwardTimeout, ctx.config().forward_timeout_us, m.order_id);
}

void handle_read(Server& s, const Message& m, Ctx& ctx) {
    Message r = make(s, MsgType::ReadReply, m.from);
    r.order_id = m.order_id;
    r.product = m.product;
    r.path = m.path;
    r.path_length = m.path_length;
    if (m.product >= 0 && static_cast<std::size_t>(m.product) < s.stock.size()) {
        r.stock = s.stock[static_cast<std::size_t>(m.product)];
        r.status = OrderStatus::Acknowledged;
    } else {
        r.status = OrderStatus::Rejected;
        r.reason = Reason::UnknownProduct;
    }
    ctx.send(std::move(r));
}

void handle_replicate(Server& s, const Message& m, Ctx& ctx) {
    const bool quorum = ctx.config().quorum;
    if (quorum && m.epoch < s.promised_epoch) {
        Message nack = make(s, MsgType::ReplicateAck, m.from);
        nack.ok = false;
        nack.epoch = s.promised_epoch;
        nack.reason = Reason::StaleEpoch;
        ctx.send(std::move(nack));
        return;
    }
    if (s.role == Role::Leader && m.from != s.id) {
        // Two leaders (quorum off, split brain): the lower one gives way to the higher.
        if (m.from < s.id && !quorum) {
            Message nack = make(s, MsgType::ReplicateAck, m.from);
            nack.ok = false;
            nack.reason = Reason::StaleEpoch;
            ctx.send(std::move(nack));
            return;
        }
        become_follower(s, m.from, m.epoch, ctx);
    } else if (s.leader != m.from || s.role != Role::Follower) {
        become_follower(s, m.from, m.epoch, ctx);
    }
    if (quorum) s.promised_epoch = std::max(s.promised_epoch, m.epoch);
    s.missed_heartbeats = 0;

    const std::uint64_t index = m.log_length;
    Message ack = make(s, MsgType::ReplicateAck, m.from);
    if (index == s.log.size() + 1 && digest_at(s, s.log.size()) == m.digest) {
        append(s, m.entry, ctx);
        if (quorum) s.log_epoch = m.epoch;
        ack.log_length = s.log.size();
    } else if (index >= 1 && index <= s.log.size() && s.log[index - 1].order_id == m.entry.order_id &&
               digest_at(s, index - 1) == m.digest) {
        ack.log_length = index;  // a duplicate: already held
    } else {
        ack.ok = false;  // gap or mismatch: ask for the whole log
    }
    ack.order_id = m.entry.order_id;
    ctx.send(std::move(ack));
}

void handle_replicate_ack(Server& s, const Message& m, Ctx& ctx) {
    if (s.role != Role::Leader) return;
    if (!m.ok && m.reason == Reason::StaleEpoch) {
        // Someone has promised a newer epoch (quorum on) or is a higher leader: stand down.
        const NodeId hint = m.leader != s.id ? m.leader : kNoNode;
        become_follower(s, hint, m.epoch, ctx);
        return;
    }
    if (!m.ok) {
        if (ctx.config().resync) send_sync(s, m.from, ctx);
        return;
    }
    record_ack(s, m.from, m.log_length, ctx);
}

void handle_heartbeat(Server& s, const Message& m, Ctx& ctx) {
    Message ack = make(s, MsgType::HeartbeatAck, m.from);
    ack.ok = s.role == Role::Leader;
    ctx.send(std::move(ack));
    if (s.role != Role::Leader || !is_server(ctx, m.from)) return;
    if (m.from > s.id) return;  // a probe answer will tell us; nothing to sync
    if (m.leader != s.id) return;  // not one of our followers
    if (!s.peer_up[static_cast<std::size_t>(m.from - 1)]) {
        s.peer_up[static_cast<std::size_t>(m.from - 1)] = true;
        log_simple(ctx, LogKind::PeerDown, LogLevel::Info, s.id, m.from, 1);
    }
    // Catch a follower up: its log must be a prefix of ours, and not behind by entries
    // older than a replication timeout (newer ones may simply still be on the wire).
    const bool prefix = m.log_length <= s.log.size() && digest_at(s, m.log_length) == m.digest;
    const bool stale = m.log_length < s.log.size() &&
                       s.log[m.log_length].created_us + ctx.config().replication_timeout_us < ctx.now();
    if ((!prefix || stale) && ctx.config().resync) send_sync(s, m.from, ctx);
}

void handle_heartbeat_ack(Server& s, const Message& m, Ctx& ctx) {
    if (s.role == Role::Leader) {
        // The answer to a probe: a higher server is alive and reachable, so by Bully it should lead.
        s.epoch = std::max(s.epoch, m.epoch);
        if (m.from > s.id) start_election(s, ctx);
        return;
    }
    if (m.from != s.leader) return;
    if (m.ok) {
        s.missed_heartbeats = 0;
        s.epoch = std::max(s.epoch, m.epoch);
    } else if (s.role == Role::Follower) {
        // Our leader says it no longer leads.
        start_election(s, ctx);
    }
}

// The leader re-announces itself: COORDINATOR to every lower id (quorum on: to all, with its log).
void announce(Server& s, Ctx& ctx) {
    const bool quorum = ctx.config().quorum;
    for (NodeId to = 1; to <= ctx.server_count(); ++to) {
        if (to == s.id || (!quorum && to > s.id)) continue;
        Message m = make(s, MsgType::Coordinator, to);
        if (quorum) m.entries = s.log;
        ctx.send(std::move(m));
    }
}

void handle_election(Server& s, const Message& m, Ctx& ctx) {
    ctx.send(make(s, MsgType::ElectionOk, m.from));
    if (s.role == Role::Leader) {
        // Bully: whoever gets ELECTION holds an election too. The leader keeps serving
        // while it does (a restarted server may be waiting for its data), and re-announces
        // itself if no higher id answers.
        if (s.reasserting) return;
        if (s.id == ctx.server_count()) {
            announce(s, ctx);
            return;
        }
        s.reasserting = true;
        ++s.election_round;
        for (NodeId to = s.id + 1; to <= ctx.server_count(); ++to) ctx.send(make(s, MsgType::Election, to));
        ctx.timer(s.id, TimerKind::ElectionTimeout, ctx.config().election_ok_timeout_us, s.election_round);
        return;
    }
    if (s.role == Role::Candidate || s.role == Role::AwaitingCoordinator || s.role == Role::Recovering) return;
    // Restarted and still waiting for data: the election comes once the data is in, so
    // that a higher id never takes over with a stale copy.
    if (s.syncing_after_restart) return;
    start_election(s, ctx);
}

void handle_coordinator(Server& s, const Message& m, Ctx& ctx) {
    const bool quorum = ctx.config().quorum;
    if (quorum) {
        if (m.epoch < s.promised_epoch) {
            Message nack = make(s, MsgType::ReplicateAck, m.from);
            nack.ok = false;
            nack.epoch = s.promised_epoch;
            nack.reason = Reason::StaleEpoch;
            ctx.send(std::move(nack));
            return;
        }
        s.promised_epoch = m.epoch;
        become_follower(s, m.from, m.epoch, ctx);
        install_log(s, m.entries, ctx);
        s.log_epoch = m.epoch;
        Message ack = make(s, MsgType::SyncAck, m.from);
        ctx.send(std::move(ack));
        return;
    }
    if (m.from < s.id) {
        // A lower id claims to lead: Bully says the higher one takes over.
        start_election(s, ctx);
        return;
    }
    become_follower(s, m.from, m.epoch, ctx);
}

void handle_state_request(Server& s, const Message& m, Ctx& ctx) {
    Message r = make(s, MsgType::StateReply, m.from);
    if (m.epoch > s.promised_epoch) {
        s.promised_epoch = m.epoch;
        s.epoch = std::max(s.epoch, m.epoch);
        if (s.role == Role::Leader || s.role == Role::Recovering) become_follower(s, kNoNode, m.epoch, ctx);
        r.epoch = m.epoch;
        r.entries = s.log;
    } else {
        r.ok = false;
        r.epoch = s.promised_epoch;
    }
    ctx.send(std::move(r));
}

void handle_state_reply(Server& s, const Message& m, Ctx& ctx) {
    if (s.role != Role::Recovering) return;
    if (!m.ok) {
        s.epoch = std::max(s.epoch, m.epoch);  // the retry will use a newer epoch
        return;
    }
    if (m.epoch != s.epoch) return;
    if (std::find(s.state_from.begin(), s.state_from.end(), m.from) != s.state_from.end()) return;
    s.state_from.push_back(m.from);
    if (m.log_epoch > s.best_log_epoch || (m.log_epoch == s.best_log_epoch && m.entries.size() > s.best_log.size())) {
        s.best_log = m.entries;
        s.best_log_epoch = m.log_epoch;
    }
    if (static_cast<int>(s.state_from.size()) >= ctx.majority()) finish_recovery(s, ctx);
}

// Newer means: its last entry is from a later epoch, or as recent and longer.
bool newer_log(const std::vector<LogEntry>& a, const std::vector<LogEntry>& b) {
    const std::int64_t ea = a.empty() ? 0 : a.back().epoch, eb = b.empty() ? 0 : b.back().epoch;
    return ea != eb ? ea > eb : a.size() > b.size();
}

void handle_sync_state(Server& s, const Message& m, Ctx& ctx) {
    const bool quorum = ctx.config().quorum;
    if (!m.ok) {
        // A follower's copy, offered while we restart: keep the newest in case no leader answers.
        if (s.syncing_after_restart && newer_log(m.entries, s.best_log)) s.best_log = m.entries;
        return;
    }
    if (quorum && m.epoch < s.promised_epoch) return;
    if (s.role == Role::Leader && m.from < s.id) return;  // a lower leader cannot overwrite us
    if (s.role != Role::Follower || s.leader != m.from) become_follower(s, m.from, m.epoch, ctx);
    if (quorum) s.promised_epoch = std::max(s.promised_epoch, m.epoch);
    install_log(s, m.entries, ctx);
    if (quorum) s.log_epoch = m.epoch;
    log_simple(ctx, LogKind::Synced, LogLevel::Info, s.id, m.from, static_cast<std::int64_t>(s.log.size()));
    ctx.send(make(s, MsgType::SyncAck, m.from));
    if (s.syncing_after_restart) {
        // Restarted and now up to date: run an election (a higher id bullies its way back in).
        s.syncing_after_restart = false;
        start_election(s, ctx);
    }
}

void handle_order_reply(Server& s, const Message& m, Ctx& ctx) {
    auto it = std::find_if(s.forwarded.begin(), s.forwarded.end(),
                           [&](const ForwardedOrder& f) { return f.order_id == m.order_id; });
    if (it == s.forwarded.end()) return;
    Message relay = m;
    relay.id = 0;
    relay.from = s.id;
    relay.to = it->reply_to;
    s.forwarded.erase(it);
    ctx.send(std::move(relay));
}

// The queueing model's price list (docs/MODEL.md). A read, and a follower passing an order
// on to the leader, are cheap; the leader's write costs more, plus its replication work;
// a follower applying a replicated entry costs the replicate price. A server of weight w
// is w times faster; one made slow (`slow S F`) is F times slower.
TimeUs service_time(const Server& s, const Message& m, const Ctx& ctx) {
    const Config& cfg = ctx.config();
    TimeUs t = cfg.service_read_us;
    if (m.type == MsgType::Replicate) t = cfg.service_replicate_us;
    else if (m.type == MsgType::Order && s.role == Role::Leader) t = cfg.service_write_us + cfg.service_replicate_us;
    const double scaled = static_cast<double>(t) * cfg.slow_factor_of(s.id) / std::max(1, s.weight);
    return std::max<TimeUs>(1, static_cast<TimeUs>(scaled + 0.5));
}

void start_service(Server& s, Ctx& ctx) {
    if (s.busy || s.queue.empty()) return;
    s.busy = true;
    s.service_started_us = ctx.now();
    const Message& m = ctx.held(s.queue.front().message_slot);
    ctx.timer(s.id, TimerKind::ServiceDone, service_time(s, m, ctx), s.queue.front().message_slot);
}

void finish_service(Server& s, Ctx& ctx) {
    if (!s.busy || s.queue.empty()) return;
    const QueuedRequest q = s.queue.front();
    s.queue.pop_front();
    s.busy = false;
    auto& mt = s.metrics;
    mt.busy_us_window += ctx.now() - std::max(s.service_started_us, s.metrics_window_start_us);
    mt.busy_us_total += ctx.now() - s.service_started_us;
    ++mt.completed;
    ++mt.completed_window;
    const Message m = ctx.held(q.message_slot);
    ctx.release(q.message_slot);
    if (m.type != MsgType::Replicate) {
        // The server's own response time: its queue wait plus its service.
        ++mt.requests;
        ++mt.requests_window;
        mt.recent_responses.push({ctx.now(), static_cast<float>(ms_from_us(ctx.now() - q.arrived_us))});
    }
    switch (m.type) {
        case MsgType::Order: handle_order(s, m, ctx); break;
        case MsgType::Read: handle_read(s, m, ctx); break;
        case MsgType::Replicate: handle_replicate(s, m, ctx); break;
        default: break;
    }
    start_service(s, ctx);
}

// Client-facing and replication work waits in the queue; protocol messages do not.
// The bounds count the requests waiting, not the one in service.
bool enqueue(Server& s, const Message& m, std::uint32_t slot, Ctx& ctx) {
    const int waiting = static_cast<int>(s.queue.size()) - (s.busy ? 1 : 0);
    const bool replicate = m.type == MsgType::Replicate;
    if (waiting >= (replicate ? ctx.config().replicate_queue_limit : ctx.config().queue_limit)) {
        ++s.metrics.refused;
        ++s.metrics.errors;
        ++s.metrics.errors_window;
        // Dropped as if lost: the leader's replication timeout and the resync deal with it.
        if (replicate) return false;
        if (m.type == MsgType::Order) {
            reply_order(s, m, m.from, OrderStatus::Rejected, Reason::QueueFull, ctx);
        } else {
            Message r = make(s, MsgType::ReadReply, m.from);
            r.order_id = m.order_id;
            r.product = m.product;
            r.status = OrderStatus::Rejected;
            r.reason = Reason::QueueFull;
            r.path = m.path;
            r.path_length = m.path_length;
            ctx.send(std::move(r));
        }
        return false;
    }
    s.queue.push_back({slot, ctx.now()});
    start_service(s, ctx);
    return true;
}

void schedule_heartbeat(Server& s, Ctx& ctx, TimeUs delay) { ctx.timer(s.id, TimerKind::HeartbeatTick, delay); }

void on_heartbeat_tick(Server& s, Ctx& ctx) {
    const Config& cfg = ctx.config();
    schedule_heartbeat(s, ctx, cfg.heartbeat_interval_us);
    if (s.role == Role::Leader) {
        // Probe higher ids: after a partition heals, this is how two leaders meet.
        for (NodeId to = s.id + 1; to <= ctx.server_count(); ++to) ctx.send(make(s, MsgType::Heartbeat, to));
        return;
    }
    if (s.role != Role::Follower || s.syncing_after_restart) return;
    if (s.leader == kNoNode || s.leader == s.id) {
        start_election(s, ctx);
        return;
    }
    if (s.missed_heartbeats >= cfg.missed_heartbeats_to_suspect) {
        log_simple(ctx, LogKind::Suspect, LogLevel::Warning, s.id, s.leader);
        start_election(s, ctx);
        return;
    }
    ctx.send(make(s, MsgType::Heartbeat, s.leader));
    ++s.missed_heartbeats;
}

// Returns true if any write was past its deadline.
bool on_replication_timeout(Server& s, Ctx& ctx) {
    if (s.role != Role::Leader) return false;
    const bool quorum = ctx.config().quorum;
    const TimeUs now = ctx.now();
    std::size_t kept = 0;
    bool acted = false;
    auto& writes = s.pending_writes;
    for (std::size_t i = 0; i < writes.size(); ++i) {
        PendingWrite& w = writes[i];
        if (w.deadline_us > now) {
            if (kept != i) writes[kept] = std::move(w);
            ++kept;
            continue;
        }
        acted = true;
        if (quorum) {
            if (w.order_id == 0) {
                // The new leader's log did not reach a majority: it cannot lead.
                writes.resize(kept);  // drop the rest: step down fails them
                become_follower(s, kNoNode, s.epoch, ctx);
                return true;
            }
            // Not held by a majority in time: the outcome is unknown to the client.
            if (w.reply_to != kNoNode) reply_order(s, w.request, w.reply_to, OrderStatus::Failed, Reason::NoQuorum, ctx);
            continue;
        }
        // Quorum off (the course text): a follower that does not answer is marked down and skipped.
        for (NodeId late : w.waiting_for) {
            auto up = s.peer_up[static_cast<std::size_t>(late - 1)];
            if (up) log_simple(ctx, LogKind::PeerDown, LogLevel::Warning, s.id, late, 0);
            s.peer_up[static_cast<std::size_t>(late - 1)] = false;
        }
        commit(s, w, ctx);
    }
    writes.resize(kept);
    if (!quorum) {
        // Forget the marked-down followers in writes still waiting on them.
        for (auto& w : writes)
            w.waiting_for.erase(std::remove_if(w.waiting_for.begin(), w.waiting_for.end(),
                                               [&](NodeId n) { return !s.peer_up[static_cast<std::size_t>(n - 1)]; }),
                                w.waiting_for.end());
        settle_writes(s, ctx);
    }
    return acted;
}

bool on_forward_timeout(Server& s, std::uint64_t order_id, Ctx& ctx) {
    auto it = std::find_if(s.forwarded.begin(), s.forwarded.end(),
                           [&](const ForwardedOrder& f) { return f.order_id == order_id; });
    if (it == s.forwarded.end() || it->deadline_us > ctx.now()) return false;
    Message fake;  // the reply needs only the order's identity
    fake.order_id = order_id;
    const NodeId to = it->reply_to;
    s.forwarded.erase(it);
    reply_order(s, fake, to, OrderStatus::Rejected, Reason::LeaderUnreachable, ctx);
    return true;
}

}  // namespace

void rebuild_derived(Server& s, const std::vector<Product>& catalogue) {
    s.stock.resize(catalogue.size());
    for (std::size_t p = 0; p < catalogue.size(); ++p) s.stock[p] = catalogue[p].initial_stock;
    s.prefix_digest.clear();
    s.prefix_digest.reserve(s.log.size());
    s.order_index.clear();
    std::uint64_t d = kDigestSeed;
    for (std::size_t i = 0; i < s.log.size(); ++i) {
        const LogEntry& e = s.log[i];
        d = entry_digest(d, e);
        s.prefix_digest.push_back(d);
        s.order_index[e.order_id] = i + 1;
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
    switch (m.type) {
        case MsgType::Order:
        case MsgType::Read:
        case MsgType::Replicate: return enqueue(s, m, slot, ctx);
        case MsgType::Heartbeat: handle_heartbeat(s, m, ctx); break;
        case MsgType::HeartbeatAck: handle_heartbeat_ack(s, m, ctx); break;
        case MsgType::Election: handle_election(s, m, ctx); break;
        case MsgType::ElectionOk:
            if (s.role == Role::Leader && s.reasserting) {
                // A higher id is alive: it will lead. Stand down and wait for its COORDINATOR.
                become_follower(s, kNoNode, s.epoch, ctx);
                s.role = Role::AwaitingCoordinator;
                ctx.timer(s.id, TimerKind::CoordinatorTimeout, ctx.config().coordinator_timeout_us, s.election_round);
            } else if (s.role == Role::Candidate) {
                s.role = Role::AwaitingCoordinator;
                ctx.timer(s.id, TimerKind::CoordinatorTimeout, ctx.config().coordinator_timeout_us, s.election_round);
            }
            break;
        case MsgType::Coordinator: handle_coordinator(s, m, ctx); break;
        case MsgType::StateRequest: handle_state_request(s, m, ctx); break;
        case MsgType::StateReply: handle_state_reply(s, m, ctx); break;
        case MsgType::ReplicateAck: handle_replicate_ack(s, m, ctx); break;
        case MsgType::SyncRequest:
            if (s.role == Role::Leader) {
                s.peer_up[static_cast<std::size_t>(m.from - 1)] = true;
                send_sync(s, m.from, ctx);
            } else if (!ctx.config().quorum) {
                // Not the leader (there may be none right now, mid-election): offer our copy
                // as a fallback, marked as not authoritative. Quorum on needs no such help:
                // its elections collect state from a majority.
                Message copy = make(s, MsgType::SyncState, m.from);
                copy.ok = false;
                copy.entries = s.log;
                ctx.send(std::move(copy));
            }
            break;
        case MsgType::SyncState: handle_sync_state(s, m, ctx); break;
        case MsgType::SyncAck:
            if (s.role == Role::Leader) record_ack(s, m.from, m.log_length, ctx);
            break;
        case MsgType::OrderReply: handle_order_reply(s, m, ctx); break;
        case MsgType::HealthCheck: {
            Message r = make(s, MsgType::HealthReply, m.from);
            r.order_id = m.order_id;  // the health round
            r.cpu = s.metrics.cpu;
            r.queue = static_cast<double>(s.queue.size());
            r.health = s.metrics.health;
            ctx.send(std::move(r));
            break;
        }
        default: break;
    }
    return false;
}

bool on_timer(Server& s, const Event& e, Ctx& ctx) {
    switch (e.timer) {
        case TimerKind::HeartbeatTick: on_heartbeat_tick(s, ctx); return true;
        case TimerKind::ElectionTimeout:
            if (e.token != s.election_round) return false;
            if (s.role == Role::Candidate) {
                declare_victory(s, ctx);
                return true;
            }
            if (s.role == Role::Leader && s.reasserting) {
                s.reasserting = false;
                announce(s, ctx);
                return true;
            }
            return false;
        case TimerKind::CoordinatorTimeout:
            if (e.token != s.election_round || s.role != Role::AwaitingCoordinator) return false;
            start_election(s, ctx);
            return true;
        case TimerKind::RecoveryTimeout:
            if (e.token != s.election_round || s.role != Role::Recovering) return false;
            start_election(s, ctx);
            return true;
        case TimerKind::RestartSyncTimeout:
            if (!s.syncing_after_restart) return false;
            // No leader answered: take the newest copy the others offered, if newer than ours.
            s.syncing_after_restart = false;
            if (newer_log(s.best_log, s.log)) {
                install_log(s, s.best_log, ctx);
                log_simple(ctx, LogKind::Synced, LogLevel::Info, s.id, kNoNode, static_cast<std::int64_t>(s.log.size()));
            }
            s.best_log.clear();
            start_election(s, ctx);
            return true;
        case TimerKind::ReplicationTimeout: return on_replication_timeout(s, ctx);
        case TimerKind::ForwardTimeout: return on_forward_timeout(s, e.token, ctx);
        case TimerKind::ServiceDone: finish_service(s, ctx); return true;
        default: return false;
    }
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
    s.syncing_after_restart = true;
    for (NodeId to = 1; to <= ctx.server_count(); ++to)
        if (to != s.id) ctx.send(make(s, MsgType::SyncRequest, to));
    ctx.timer(s.id, TimerKind::RestartSyncTimeout, ctx.config().restart_sync_timeout_us);
    schedule_heartbeat(s, ctx, ctx.config().heartbeat_interval_us);
}

void sample_metrics(Server& s, TimeUs interval_us, Ctx& ctx) {
    auto& mt = s.metrics;
    const Config& cfg = ctx.config();
    const TimeUs now = ctx.now();
    if (s.busy) mt.busy_us_window += now - std::max(s.service_started_us, s.metrics_window_start_us);
    s.metrics_window_start_us = now;
    const double seconds = static_cast<double>(interval_us) / 1e6;
    mt.cpu = std::min(1.0, static_cast<double>(mt.busy_us_window) / static_cast<double>(interval_us));
    mt.throughput = static_cast<double>(mt.requests_window) / seconds;
    const double handled = static_cast<double>(mt.requests_window + mt.errors_window);
    mt.error_rate = handled > 0 ? static_cast<double>(mt.errors_window) / handled : 0.0;
    mt.connections = static_cast<int>(s.queue.size());
    mt.queue_depth = static_cast<int>(s.queue.size()) - (s.busy ? 1 : 0);
    mt.memory_mb = s.alive ? memory_model_mb(s.log.size(), s.queue.size(), s.pending_writes.size() + s.forwarded.size()) : 0.0;
    summarize_responses(mt, now - cfg.response_window_us);
    const double queue_fill = static_cast<double>(mt.queue_depth) / std::max(1, cfg.queue_limit);
    mt.health = s.alive ? health_score(mt.cpu, queue_fill, mt.error_rate) : 0;
    mt.cpu_series.push(static_cast<float>(mt.cpu));
    mt.queue_series.push(static_cast<float>(mt.queue_depth));
    mt.response_series.push(static_cast<float>(mt.response_mean_ms));
    mt.throughput_series.push(static_cast<float>(mt.throughput));
    mt.memory_series.push(static_cast<float>(mt.memory_mb));
    mt.busy_us_window = 0;
    mt.completed_window = 0;
    mt.requests_window = 0;
    mt.errors_window = 0;
}

}  // namespace server_logic

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
