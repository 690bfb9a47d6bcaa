// Orders and reads as a server sees them: the leader validates and applies, a follower
// forwards to the leader and relays the answer.
//
// Messages sent:    ORDER_REPLY (acknowledged, rejected or failed, with the stock),
//                   ORDER (a follower forwarding to its leader), READ_REPLY.
// Messages handled: ORDER and READ (after their turn in the queue, service_queue.cpp),
//                   ORDER_REPLY (the leader's answer to a forwarded order).
// Timers:           ForwardTimeout (the leader did not answer a forwarded order).
//
// The rules:
//   1. Deduplication by order id: an order the leader already holds is never applied
//      twice; it is acknowledged again once committed (quorum off: at once).
//   2. Validation: unknown product, a quantity <= 0, or more than the leader's stock is
//      rejected. Stock is derived from the log, so an applied order takes it at once.
//   3. The leader appends the order and replicates it (replication.cpp); the answer
//      comes when enough followers hold it.
//   4. A follower that knows a leader forwards the order (once per order id) and relays
//      the answer; with no leader it rejects (quorum on: no quorum). No answer in time:
//      rejected, leader unreachable.
//   5. A read is served by whichever server gets it, from its own stock.
#include <algorithm>

#include "invariants.h"
#include "server_internal.h"

namespace cs::server_internal {
namespace {

// A refusal: nothing was appended, so the client may count on "not applied".
void refuse(const Server& s, const Message& m, Reason reason, Ctx& ctx) {
    LogRecord r;
    r.kind = LogKind::OrderRejected;
    r.node = s.id;
    r.reason = reason;
    r.a = static_cast<std::int64_t>(m.order_id);
    ctx.log(r);
    reply_order(s, m, m.from, OrderStatus::Rejected, reason, ctx);
}

// Quorum on: the stock the committed part of the log leaves. Entries past the commit
// index may still be lost (the leader can be deposed before a majority holds them).
std::int64_t committed_stock(const Server& s, std::int32_t product) {
    std::int64_t stock = s.stock[static_cast<std::size_t>(product)];
    for (std::size_t i = static_cast<std::size_t>(std::min<std::uint64_t>(s.commit_index, s.log.size())); i < s.log.size(); ++i)
        if (s.log[i].product == product) stock += s.log[i].quantity;
    return stock;
}

// The leader validates, applies, replicates; the answer follows when enough followers hold it.
void leader_order(Server& s, const Message& m, Ctx& ctx) {
    const Config& cfg = ctx.config();
    const std::uint64_t* found = s.order_index.find(m.order_id);
    if (found != nullptr) {
        // A retry of an order this leader already holds: never apply it twice.
        if (!cfg.quorum || *found <= s.commit_index)
            reply_order(s, m, m.from, OrderStatus::Acknowledged, Reason::None, ctx);
        return;  // still replicating: the first answer will come when it is held
    }
    Reason reason = Reason::None;
    if (m.product < 0 || static_cast<std::size_t>(m.product) >= s.stock.size()) reason = Reason::UnknownProduct;
    else if (m.quantity <= 0) reason = Reason::BadQuantity;
    else if (s.stock[static_cast<std::size_t>(m.product)] < m.quantity) {
        // "Out of stock" is an answer about the stock, so it must hold whatever happens
        // to the entries not yet committed. Quorum on, if only those uncommitted entries
        // make it short, the honest answer is "try again", not "out of stock": if they
        // are lost the stock was there all along (found by the fuzzer: a refusal based
        // on orders that were never applied made the client history non-linearizable).
        reason = cfg.quorum && committed_stock(s, m.product) >= m.quantity ? Reason::Contended : Reason::OutOfStock;
    }
    if (reason != Reason::None) {
        refuse(s, m, reason, ctx);
        return;
    }

    LogEntry e;
    e.order_id = m.order_id;
    e.product = m.product;
    e.quantity = m.quantity;
    e.epoch = s.epoch;
    e.created_us = ctx.now();
    append(s, e, ctx);
    ctx.checker().on_leader_write(s, cfg.quorum, ctx.now(), m.order_id);
    CS_INVARIANT(s.stock[static_cast<std::size_t>(m.product)] >= 0,
                 "the leader applies an order only if its own stock covers it");
    {
        LogRecord r;
        r.kind = LogKind::OrderApplied;
        r.node = s.id;
        r.a = static_cast<std::int64_t>(m.order_id);
        r.b = m.product;
        r.c = m.quantity;
        ctx.log(r);
    }

    replicate(s, e, m, ctx);
}

}  // namespace

void handle_order(Server& s, const Message& m, Ctx& ctx) {
    if (s.role == Role::Leader) {
        leader_order(s, m, ctx);
        return;
    }
    const bool leader_known = s.role == Role::Follower && s.leader != kNoNode && s.leader != s.id;
    if (!leader_known) {
        // Quorum on, a server without a leader is on a side that has not (yet) formed a majority.
        const Reason reason = ctx.config().quorum ? Reason::NoQuorum : Reason::NoLeader;
        refuse(s, m, reason, ctx);
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

bool on_forward_timeout(Server& s, std::uint64_t order_id, Ctx& ctx) {
    auto it = std::find_if(s.forwarded.begin(), s.forwarded.end(),
                           [&](const ForwardedOrder& f) { return f.order_id == order_id; });
    if (it == s.forwarded.end() || it->deadline_us > ctx.now()) return false;
    Message fake;  // the reply needs only the order's identity
    fake.order_id = order_id;
    const NodeId to = it->reply_to;
    s.forwarded.erase(it);
    // The leader may have applied it and its answer been lost: the outcome is unknown.
    reply_order(s, fake, to, OrderStatus::Unknown, Reason::LeaderUnreachable, ctx);
    return true;
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

}  // namespace cs::server_internal
