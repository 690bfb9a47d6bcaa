// Bully election (the course text), and the heartbeats that detect a dead leader.
//
// Messages sent:    ELECTION (to every higher id), OK (ElectionOk, to a lower sender),
//                   COORDINATOR (quorum off: the winner to every lower id),
//                   HEARTBEAT (follower -> leader; leader -> higher ids), HEARTBEAT_ACK.
// Messages handled: ELECTION, OK, COORDINATOR (quorum off; quorum on it carries a log and
//                   is handled in view_change.cpp), HEARTBEAT, HEARTBEAT_ACK.
// Timers:           HeartbeatTick (every heartbeat interval), ElectionTimeout (no OK came),
//                   CoordinatorTimeout (an OK came, no COORDINATOR followed).
//
// The rules, in the order this file reads:
//   1. A server that suspects its leader (missed heartbeats) or has none starts an
//      election: ELECTION to every higher id. The highest id wins at once.
//   2. A server that gets ELECTION answers OK and, unless already electing, starts its
//      own election. A leader keeps serving while it asks the higher ids (reasserting).
//   3. A candidate that gets OK waits for COORDINATOR; if none comes it starts again.
//   4. A candidate that gets no OK in time wins: quorum off it leads at once (new epoch,
//      COORDINATOR to every lower id); quorum on it first runs a view change.
//   5. COORDINATOR from a higher id: follow it. From a lower id: start an election.
//   6. A leader probes higher ids with heartbeats; an answer means a higher server is
//      up (a healed partition), so it starts an election and the higher one wins.
#include <algorithm>

#include "server_internal.h"

namespace cs::server_internal {
namespace {
void declare_victory(Server& s, Ctx& ctx);
}  // namespace

// --- Starting an election ---

void start_election(Server& s, Ctx& ctx) {
    ++s.election_round;
    s.reasserting = false;
    ++s.elections_started;
    if (s.role == Role::Leader) abandon_pending_writes(s, Reason::NotReplicated, ctx);
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

// OK: a higher id answered our ELECTION, so it will lead, not us.
void handle_election_ok(Server& s, const Message& /*ok*/, Ctx& ctx) {
    if (s.role == Role::Leader && s.reasserting) {
        // A higher id is alive: it will lead. Stand down and wait for its COORDINATOR.
        become_follower(s, kNoNode, s.epoch, ctx);
        s.role = Role::AwaitingCoordinator;
        ctx.timer(s.id, TimerKind::CoordinatorTimeout, ctx.config().coordinator_timeout_us, s.election_round);
    } else if (s.role == Role::Candidate) {
        s.role = Role::AwaitingCoordinator;
        ctx.timer(s.id, TimerKind::CoordinatorTimeout, ctx.config().coordinator_timeout_us, s.election_round);
    }
}

// No OK within the election timeout: a candidate wins; a leader that was asking
// higher ids (reasserting) keeps leading and says so again.
bool on_election_timeout(Server& s, std::uint64_t round, Ctx& ctx) {
    if (round != s.election_round) return false;
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
}

// An OK came but no COORDINATOR followed: the higher id died meanwhile; start again.
bool on_coordinator_timeout(Server& s, std::uint64_t round, Ctx& ctx) {
    if (round != s.election_round || s.role != Role::AwaitingCoordinator) return false;
    start_election(s, ctx);
    return true;
}

// --- Winning ---

namespace {

// No OK came back from a higher id, so this server leads. Quorum on, it must first
// collect state and promises from a majority (view_change.cpp).
void declare_victory(Server& s, Ctx& ctx) {
    if (ctx.config().quorum) {
        start_view_change(s, ctx);
        return;
    }
    s.epoch += 1;
    s.log_epoch = s.epoch;
    take_leadership(s, ctx);
    // No higher id answered ELECTION: replicate to them only once they are heard from again.
    for (NodeId higher = s.id + 1; higher <= ctx.server_count(); ++higher)
        s.peer_up[static_cast<std::size_t>(higher - 1)] = false;
    s.commit_index = s.log.size();
    // The course text: the winner sends COORDINATOR to every lower id.
    for (NodeId to = 1; to < s.id; ++to) ctx.send(make(s, MsgType::Coordinator, to));
}

}  // namespace

// COORDINATOR, quorum off: the sender leads, unless it is lower than us (then Bully says
// we take over). Quorum on, COORDINATOR carries the new leader's log (view_change.cpp).
void handle_coordinator(Server& s, const Message& m, Ctx& ctx) {
    const bool quorum = ctx.config().quorum;
    if (quorum) {
        handle_coordinator_with_log(s, m, ctx);
        return;
    }
    if (m.from < s.id) {
        // A lower id claims to lead: Bully says the higher one takes over.
        start_election(s, ctx);
        return;
    }
    become_follower(s, m.from, m.epoch, ctx);
}

// The leader re-announces itself: COORDINATOR to every lower id (quorum on: to all, with its log).
void announce(Server& s, Ctx& ctx) {
    const bool quorum = ctx.config().quorum;
    for (NodeId to = 1; to <= ctx.server_count(); ++to) {
        if (to == s.id || (!quorum && to > s.id)) continue;
        Message m = make(s, MsgType::Coordinator, to);
        if (quorum) m.entries = s.log.to_vector();
        ctx.send(std::move(m));
    }
}

// --- Heartbeats: noticing a dead leader, and two leaders meeting ---

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
        if (ctx.config().quorum) {
            // A leader's epoch is the one it won. A newer epoch means a majority has promised
            // it to someone else: stand down, never adopt it (adopting it let a stale leader
            // announce itself in an epoch it did not win and overwrite that epoch's orders:
            // tests/scenarios/regress_quorum_leader_never_adopts_epoch.scn).
            if (m.epoch > s.epoch) {
                become_follower(s, kNoNode, s.epoch, ctx);
                return;
            }
        } else {
            s.epoch = std::max(s.epoch, m.epoch);
        }
        // The answer to a probe: a higher server is alive and reachable, so by Bully it should lead.
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

}  // namespace cs::server_internal
