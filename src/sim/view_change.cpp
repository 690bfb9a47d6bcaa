// Quorum on: the view change a Bully winner runs before it leads, so that a leader
// always holds every write a majority acknowledged.
//
// Messages sent:    STATE_REQUEST (the would-be leader to all, for epoch e),
//                   STATE_REPLY (a promise for e, with the replier's log, or a refusal),
//                   COORDINATOR with the adopted log (to all), REPLICATE_ACK ok=false
//                   StaleEpoch (refusing a COORDINATOR of an older epoch), SYNC_ACK.
// Messages handled: STATE_REQUEST, STATE_REPLY, COORDINATOR (quorum on).
// Timers:           RecoveryTimeout (no majority replied: start the election again).
//
// The rules:
//   1. Epochs: the winner takes an epoch above every epoch it has seen or promised.
//   2. Promises: a server promises the highest epoch it is asked for and never goes
//      back; it refuses requests, COORDINATORs and replication from older epochs, and a
//      leader or recovering server that promises a newer epoch steps down.
//   3. Recovery: with promises from a majority (itself included), the winner adopts the
//      most recent log among them (the latest log epoch, then the longest), leads, and
//      sends that log with COORDINATOR. It commits nothing until a majority holds the
//      adopted log (the barrier write, committed in replication.cpp).
#include <algorithm>

#include "server_internal.h"

namespace cs::server_internal {
namespace {
void finish_recovery(Server& s, Ctx& ctx);
}  // namespace

// Bully found no higher id alive: before leading, collect state and a promise for a
// new epoch from a majority (a view change).
void start_view_change(Server& s, Ctx& ctx) {
    s.role = Role::Recovering;
    s.epoch = std::max(s.epoch, s.promised_epoch) + 1;
    s.promised_epoch = s.epoch;
    s.state_from.assign(1, s.id);
    s.best_log = s.log.to_vector();
    s.best_log_epoch = s.log_epoch;
    for (NodeId to = 1; to <= ctx.server_count(); ++to)
        if (to != s.id) ctx.send(make(s, MsgType::StateRequest, to));
    ctx.timer(s.id, TimerKind::RecoveryTimeout, ctx.config().coordinator_timeout_us, s.election_round);
}

// STATE_REQUEST for epoch e: promise e if it is newer than every promise so far (a
// leader or recovering server steps down) and send our log; otherwise refuse.
void handle_state_request(Server& s, const Message& m, Ctx& ctx) {
    Message r = make(s, MsgType::StateReply, m.from);
    if (m.epoch > s.promised_epoch) {
        s.promised_epoch = m.epoch;
        s.epoch = std::max(s.epoch, m.epoch);
        if (s.role == Role::Leader || s.role == Role::Recovering) become_follower(s, kNoNode, m.epoch, ctx);
        r.epoch = m.epoch;
        r.entries = s.log.to_vector();
    } else {
        r.ok = false;
        r.epoch = s.promised_epoch;
    }
    ctx.send(std::move(r));
}

// STATE_REPLY: count one promise per server for our epoch and keep the most recent
// log offered; with a majority, finish the view change.
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

namespace {

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
        m.entries = s.log.to_vector();
        ctx.send(std::move(m));
        barrier.waiting_for.push_back(to);
    }
    s.pending_writes.push_back(std::move(barrier));
    ctx.timer(s.id, TimerKind::ReplicationTimeout, ctx.config().replication_timeout_us, 0);
}

}  // namespace

// COORDINATOR, quorum on: the winner of a view change sends the log it adopted. A server
// that promised a newer epoch refuses; otherwise it follows and installs that log.
void handle_coordinator_with_log(Server& s, const Message& m, Ctx& ctx) {
    if (m.epoch < s.promised_epoch) {
        refuse_stale_epoch(s, m, ctx);
        return;
    }
    s.promised_epoch = m.epoch;
    become_follower(s, m.from, m.epoch, ctx);
    if (!stale_copy_of_this_epoch(s, m)) install_log(s, m.entries, ctx);
    s.log_epoch = m.epoch;
    Message ack = make(s, MsgType::SyncAck, m.from);
    ctx.send(std::move(ack));
}

// Not enough promises in time (a minority side, or a newer epoch elsewhere): start again.
bool on_recovery_timeout(Server& s, std::uint64_t round, Ctx& ctx) {
    if (round != s.election_round || s.role != Role::Recovering) return false;
    start_election(s, ctx);
    return true;
}

}  // namespace cs::server_internal
