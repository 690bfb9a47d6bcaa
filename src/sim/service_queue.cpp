// The queueing model: what makes CPU, queue depth and response time real measurements.
// ORDER, READ and REPLICATE wait in a server's queue and are served one at a time, each
// for its service time (the price list below); protocol messages are handled at once.
//
// Messages sent:    ORDER_REPLY / READ_REPLY (rejected, queue full), HEALTH_REPLY.
// Messages handled: ORDER, READ, REPLICATE (queued, then passed to orders.cpp and
//                   replication.cpp), HEALTH_CHECK.
// Timers:           ServiceDone (the request in service is finished).
// Metrics:          sampled once per simulated second by the world (sample_metrics).
#include <algorithm>

#include "server_internal.h"

namespace cs::server_internal {
namespace {

// The followers a write would be sent to (replication.cpp): quorum on asks every other
// server; quorum off skips those the leader has marked down.
int followers_asked(const Server& s, const Ctx& ctx) {
    int n = 0;
    for (NodeId to = 1; to <= ctx.server_count(); ++to)
        if (to != s.id && (ctx.config().quorum || s.peer_up[static_cast<std::size_t>(to - 1)])) ++n;
    return n;
}

// The queueing model's price list (docs/MODEL.md). A read, and a follower passing an order
// on to the leader, are cheap; the leader's write costs more, plus its replication work;
// a follower applying a replicated entry costs the replicate price. When the client's
// answer waits for the followers (sync replication, or quorum on), the leader also pays
// the commit's coordination, per follower it asks: that is what makes the leader the
// busiest server under load, and a synchronous write dearer than an asynchronous one.
// A server of weight w is w times faster; one made slow (`slow S F`) is F times slower.
TimeUs service_time(const Server& s, const Message& m, const Ctx& ctx) {
    const Config& cfg = ctx.config();
    TimeUs t = cfg.service_read_us;
    if (m.type == MsgType::Replicate) {
        t = cfg.service_replicate_us;
    } else if (m.type == MsgType::Order && s.role == Role::Leader) {
        t = cfg.service_write_us + cfg.service_replicate_us;
        if (cfg.quorum || cfg.replication == ReplicationMode::Sync) t += cfg.service_confirm_us * followers_asked(s, ctx);
    }
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

}  // namespace

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

// HEALTH_CHECK from the load balancer: answered at once (not queued) with the measured
// CPU, queue depth and health score.
void handle_health_check(Server& s, const Message& m, Ctx& ctx) {
    Message r = make(s, MsgType::HealthReply, m.from);
    r.order_id = m.order_id;  // the health round
    r.cpu = s.metrics.cpu;
    r.queue = static_cast<double>(s.queue.size());
    r.health = s.metrics.health;
    ctx.send(std::move(r));
}

}  // namespace cs::server_internal

namespace cs::server_logic {

using namespace server_internal;

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

}  // namespace cs::server_logic
