// Replication: the leader's log reaches the followers, entry by entry (REPLICATE) or
// whole (SYNC_STATE, the resync), and orders are answered once enough servers hold them.
//
// Messages sent:    REPLICATE (leader -> follower: one entry, with the digest of the log
//                   before it), REPLICATE_ACK (ok, or ok=false: gap, mismatch or a stale
//                   epoch), SYNC_REQUEST (a restarted server to all), SYNC_STATE (the
//                   whole log; ok=false: a follower's non-authoritative copy), SYNC_ACK.
// Messages handled: REPLICATE, REPLICATE_ACK, SYNC_REQUEST, SYNC_STATE, SYNC_ACK.
// Timers:           ReplicationTimeout (a pending write's followers are late),
//                   RestartSyncTimeout (restarted, no leader sent data).
//
// The rules:
//   1. The leader appends the order, then sends REPLICATE to every follower (quorum
//      off: only those not marked down). A follower appends only if the entry extends
//      its log exactly (same length, same digest); otherwise it asks for a full sync.
//   2. A write commits, and the client is told "acknowledged", when every asked
//      follower holds it (quorum off, sync), at once (quorum off, async), or when a
//      majority holds it (quorum on).
//   3. Replication timeout, quorum off: late followers are marked down and skipped, and
//      the write commits anyway. Quorum on: the client is told "failed" (outcome
//      unknown); a new leader whose adopted log misses a majority steps down.
//   4. Resync: a follower whose log does not match gets the leader's whole log. A
//      restarted server asks everyone for data before it runs an election.
#include <algorithm>

#include "invariants.h"
#include "server_internal.h"

namespace cs::server_internal {
namespace {

bool majority_holds(const PendingWrite& w, const Ctx& ctx) { return w.acks >= ctx.majority(); }

void commit(Server& s, PendingWrite& w, Ctx& ctx) {
    s.commit_index = std::max(s.commit_index, w.index);
    if (w.order_id == 0) return;  // the quorum barrier of a new leader
    s.last_commit_us = ctx.now();
    // A leader's log only grows while it leads, so the write is still at its index.
    CS_INVARIANT(w.index >= 1 && w.index <= s.log.size() && s.log[w.index - 1].order_id == w.order_id,
                 "a leader commits a write at the index where it applied it");
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

// Newer means: its last entry is from a later epoch, or as recent and longer.
template <class LogA, class LogB>  // a std::vector or a Server's SharedChunks
bool newer_log(const LogA& a, const LogB& b) {
    const std::int64_t ea = a.empty() ? 0 : a.back().epoch, eb = b.empty() ? 0 : b.back().epoch;
    return ea != eb ? ea > eb : a.size() > b.size();
}

}  // namespace

// --- The leader sends, the followers append ---

// The leader applied entry `e` for the order `m`: send REPLICATE to the followers and
// answer the client once enough of them hold it (all asked, quorum off sync; a majority,
// quorum on; nobody, quorum off async).
void replicate(Server& s, const LogEntry& e, const Message& m, Ctx& ctx) {
    const Config& cfg = ctx.config();
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

// REPLICATE: append the entry if it extends our log exactly (same length, same digest);
// a duplicate is acknowledged again; a gap or mismatch asks for the whole log. Quorum on,
// an entry from an epoch older than our promise is refused.
void handle_replicate(Server& s, const Message& m, Ctx& ctx) {
    const bool quorum = ctx.config().quorum;
    if (quorum && m.epoch < s.promised_epoch) {
        refuse_stale_epoch(s, m, ctx);
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

// REPLICATE_ACK: count the holder; a refusal for a stale epoch makes this leader step
// down; a mismatch gets the whole log (resync on).
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
            // Not held by a majority in time. It is in this leader's log and may still commit,
            // so the outcome is unknown to the client: "failed" would be a lie
            // (tests/scenarios/regress_quorum_appended_order_is_unknown.scn).
            if (w.reply_to != kNoNode) reply_order(s, w.request, w.reply_to, OrderStatus::Unknown, Reason::NotReplicated, ctx);
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

// --- Resync: the whole log ---

void send_sync(const Server& s, NodeId to, Ctx& ctx) {
    Message m = make(s, MsgType::SyncState, to);
    m.entries = s.log.to_vector();
    ctx.send(std::move(m));
}

// SYNC_REQUEST: the leader sends its whole log. Quorum off, a server that is not the
// leader offers its copy as a fallback.
void handle_sync_request(Server& s, const Message& m, Ctx& ctx) {
    if (s.role == Role::Leader) {
        s.peer_up[static_cast<std::size_t>(m.from - 1)] = true;
        send_sync(s, m.from, ctx);
    } else if (!ctx.config().quorum) {
        // Not the leader (there may be none right now, mid-election): offer our copy
        // as a fallback, marked as not authoritative. Quorum on needs no such help:
        // its elections collect state from a majority.
        Message copy = make(s, MsgType::SyncState, m.from);
        copy.ok = false;
        copy.entries = s.log.to_vector();
        ctx.send(std::move(copy));
    }
}

// SYNC_STATE: install the leader's whole log. ok=false is a follower's copy offered while
// we restart, kept as a fallback in case no leader answers.
void handle_sync_state(Server& s, const Message& m, Ctx& ctx) {
    const bool quorum = ctx.config().quorum;
    if (!m.ok) {
        // A follower's copy, offered while we restart: keep the newest in case no leader answers.
        if (s.syncing_after_restart && newer_log(m.entries, s.best_log)) s.best_log = m.entries;
        return;
    }
    if (quorum && m.epoch < s.promised_epoch) return;
    if (s.role == Role::Leader && m.from < s.id) return;  // a lower leader cannot overwrite us
    if (quorum && stale_copy_of_this_epoch(s, m)) {
        ctx.send(make(s, MsgType::SyncAck, m.from));  // what we hold already covers it
        return;
    }
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

// SYNC_ACK: the follower now holds the leader's log up to m.log_length.
void handle_sync_ack(Server& s, const Message& m, Ctx& ctx) {
    if (s.role == Role::Leader) record_ack(s, m.from, m.log_length, ctx);
}

// A restarted server first asks everyone for data (whoever leads answers), then runs
// an election, so that a higher id never takes over with a stale copy.
void start_restart_sync(Server& s, Ctx& ctx) {
    s.syncing_after_restart = true;
    for (NodeId to = 1; to <= ctx.server_count(); ++to)
        if (to != s.id) ctx.send(make(s, MsgType::SyncRequest, to));
    ctx.timer(s.id, TimerKind::RestartSyncTimeout, ctx.config().restart_sync_timeout_us);
}

// RestartSyncTimeout: restarted and no leader sent data in time.
bool on_restart_sync_timeout(Server& s, Ctx& ctx) {
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
}

}  // namespace cs::server_internal
