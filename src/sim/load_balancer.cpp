// The load balancer's routing algorithms and health checks.
#include <algorithm>

#include "context.h"

namespace cs {
namespace lb_logic {
namespace {

using Ctx = Simulation::Context;

LbServerView& view(LoadBalancer& lb, NodeId id) { return lb.servers_[static_cast<std::size_t>(id - 1)]; }

// How much a new response counts in the moving average: recent responses count most,
// and a server that turns slow is noticed within a handful of requests.
constexpr double kResponseEwmaWeight = 0.3;

int weight_of(const Ctx& ctx, NodeId id) { return ctx.config().weight_of(id); }

// Is a less loaded than b? Load is requests in flight per unit of weight: a server of
// weight 2 serves twice as fast, so it may hold twice as many.
bool less_loaded(LoadBalancer& lb, NodeId a, NodeId b, const Ctx& ctx) {
    return static_cast<std::int64_t>(view(lb, a).connections) * weight_of(ctx, b) <
           static_cast<std::int64_t>(view(lb, b).connections) * weight_of(ctx, a);
}

// The healthy servers in id order from `first` on, wrapping around.
std::vector<NodeId> healthy_from(const LoadBalancer& lb, std::size_t first) {
    const std::size_t n = lb.servers_.size();
    std::vector<NodeId> out;
    out.reserve(n);
    for (std::size_t k = 0; k < n; ++k) {
        const NodeId id = static_cast<NodeId>((first + k) % n) + 1;
        if (lb.servers_[static_cast<std::size_t>(id - 1)].healthy) out.push_back(id);
    }
    return out;
}

// The healthy servers, starting one further along at every request, so that among equals
// each gets its turn instead of the lowest id taking everything.
std::vector<NodeId> healthy_in_turn(LoadBalancer& lb) {
    std::vector<NodeId> out = healthy_from(lb, lb.tie_next_);
    lb.tie_next_ = (lb.tie_next_ + 1) % lb.servers_.size();
    return out;
}

NodeId pick_round_robin(LoadBalancer& lb) {
    const std::size_t n = lb.servers_.size();
    for (std::size_t k = 0; k < n; ++k) {
        const NodeId id = static_cast<NodeId>((lb.round_robin_next_ + k) % n) + 1;
        if (view(lb, id).healthy) {
            lb.round_robin_next_ = static_cast<std::size_t>(id) % n;
            return id;
        }
    }
    return kNoNode;
}

NodeId pick_least_connections(LoadBalancer& lb, const std::vector<NodeId>& healthy, const Ctx& ctx) {
    if (healthy.empty()) return kNoNode;
    NodeId best = healthy.front();
    for (NodeId id : healthy)
        if (less_loaded(lb, id, best, ctx)) best = id;
    return best;
}

// Smooth weighted round robin (as in nginx): deterministic, exactly proportional over a
// cycle of sum(weights) requests, and it spreads a heavy server's turns out instead of
// bunching them (weights 3:2:3 give A C B A C B A C).
NodeId pick_weighted(LoadBalancer& lb, const Ctx& ctx) {
    std::int64_t total = 0;
    NodeId best = kNoNode;
    for (NodeId id = 1; id <= static_cast<NodeId>(lb.servers_.size()); ++id) {
        auto& v = view(lb, id);
        if (!v.healthy) continue;
        const int w = weight_of(ctx, id);
        v.smooth_current += w;
        total += w;
        if (best == kNoNode || v.smooth_current > view(lb, best).smooth_current) best = id;
    }
    if (best != kNoNode) view(lb, best).smooth_current -= total;
    return best;
}

// Lowest expected time for one more request: the moving average of its response times
// times the requests already waiting on it, plus one. Ranking by the average alone sends
// a whole burst to whichever server was fastest a moment ago. A server with no recent
// measurement (never used, or avoided for a health interval) gets one request to measure
// it, so a server that has recovered is noticed again.
NodeId pick_least_response_time(LoadBalancer& lb, const std::vector<NodeId>& healthy, const Ctx& ctx) {
    NodeId best = kNoNode;
    double best_score = 0;
    for (NodeId id : healthy) {
        const auto& v = view(lb, id);
        const bool fresh = v.has_response && ctx.now() - v.response_at_us <= ctx.config().health_interval_us;
        if (!fresh && v.connections == 0) return id;
        if (!v.has_response) continue;  // its first request is still out: nothing to rank it by
        const double score = v.response_ewma_ms * (v.connections + 1);
        if (best == kNoNode || score < best_score) {
            best = id;
            best_score = score;
        }
    }
    return best != kNoNode ? best : pick_least_connections(lb, healthy, ctx);
}

// Two distinct random healthy servers; the less loaded wins (ties: the first drawn). The
// candidates are in id order, so the balancer's random stream alone decides the draw.
NodeId pick_power_of_two(LoadBalancer& lb, Ctx& ctx) {
    const std::vector<NodeId> healthy = healthy_from(lb, 0);
    if (healthy.size() <= 1) return healthy.empty() ? kNoNode : healthy.front();
    const auto a = static_cast<std::size_t>(ctx.lb_rng().uniform(0, static_cast<std::int64_t>(healthy.size()) - 1));
    auto b = static_cast<std::size_t>(ctx.lb_rng().uniform(0, static_cast<std::int64_t>(healthy.size()) - 2));
    if (b >= a) ++b;
    return less_loaded(lb, healthy[b], healthy[a], ctx) ? healthy[b] : healthy[a];
}

// Picks a server among those believed healthy, or kNoNode if there is none.
NodeId choose(LoadBalancer& lb, Ctx& ctx) {
    switch (lb.algorithm_) {
        case LbAlgorithm::RoundRobin: return pick_round_robin(lb);
        case LbAlgorithm::Weighted: return pick_weighted(lb, ctx);
        case LbAlgorithm::PowerOfTwo: return pick_power_of_two(lb, ctx);
        case LbAlgorithm::LeastConnections: return pick_least_connections(lb, healthy_in_turn(lb), ctx);
        case LbAlgorithm::LeastResponseTime: return pick_least_response_time(lb, healthy_in_turn(lb), ctx);
    }
    return kNoNode;
}

void forget(LoadBalancer& lb, std::uint64_t request) {
    auto it = lb.pending_.find(request);
    if (it == lb.pending_.end()) return;
    auto& v = view(lb, it->second.server);
    v.connections = std::max(0, v.connections - 1);
    lb.pending_.erase(it);
}

void route(LoadBalancer& lb, const Message& m, Ctx& ctx) {
    forget(lb, m.order_id);  // a client retry replaces the earlier attempt
    const NodeId target = choose(lb, ctx);
    if (target == kNoNode) {
        ++lb.no_healthy_;
        Message r;
        r.type = m.type == MsgType::Read ? MsgType::ReadReply : MsgType::OrderReply;
        r.from = kLoadBalancer;
        r.to = m.from;
        r.order_id = m.order_id;
        r.product = m.product;
        r.quantity = m.quantity;
        r.status = OrderStatus::Rejected;
        r.reason = Reason::NoHealthyServer;
        r.path = m.path;
        r.path_length = m.path_length;
        ctx.send(std::move(r));
        return;
    }
    auto& v = view(lb, target);
    ++v.connections;
    ++v.routed;
    lb.pending_[m.order_id] = {target, ctx.now()};
    Message fwd = m;
    fwd.id = 0;
    fwd.from = kLoadBalancer;
    fwd.to = target;
    ctx.send(std::move(fwd));
}

void observe_response(LbServerView& v, double observed_ms, const Ctx& ctx) {
    // A sample after the average went stale (the server was avoided for a while) starts it
    // afresh: the old history says how the server was, this says how it is.
    const bool stale = !v.has_response || ctx.now() - v.response_at_us > ctx.config().health_interval_us;
    v.response_ewma_ms = stale ? observed_ms : (1 - kResponseEwmaWeight) * v.response_ewma_ms + kResponseEwmaWeight * observed_ms;
    v.has_response = true;
    v.response_at_us = ctx.now();
}

void relay_reply(LoadBalancer& lb, const Message& m, Ctx& ctx) {
    auto it = lb.pending_.find(m.order_id);
    if (it != lb.pending_.end() && it->second.server == m.from) {
        auto& v = view(lb, m.from);
        const double observed_ms = ms_from_us(ctx.now() - it->second.sent_us);
        // A refusal comes back fast because no work was done: taken as a response time it
        // would make the busiest server look the quickest, and least-response-time would
        // pile onto it. It counts as bad as no answer at all (a client's timeout) instead,
        // so a server that keeps refusing ranks low until real answers bring it back.
        const bool refused = m.reason == Reason::QueueFull;
        observe_response(v, refused ? ms_from_us(ctx.config().client_timeout_us) : observed_ms, ctx);
        forget(lb, m.order_id);
    }
    Message relay = m;
    relay.id = 0;
    relay.from = kLoadBalancer;
    relay.to = kClients;
    ctx.send(std::move(relay));
}

void set_health(LoadBalancer& lb, NodeId id, bool healthy, Ctx& ctx) {
    auto& v = view(lb, id);
    if (v.healthy == healthy) return;
    v.healthy = healthy;
    LogRecord r;
    r.kind = LogKind::HealthChange;
    r.level = healthy ? LogLevel::Info : LogLevel::Warning;
    r.node = kLoadBalancer;
    r.other = id;
    r.a = healthy ? 1 : 0;
    ctx.log(r);
}

}  // namespace

void boot(LoadBalancer& lb, Ctx& ctx) {
    lb.servers_.assign(static_cast<std::size_t>(ctx.server_count()), LbServerView{});
    lb.algorithm_ = ctx.config().lb;
    ctx.timer(kLoadBalancer, TimerKind::HealthTick, ctx.config().health_interval_us);
}

void set_algorithm(LoadBalancer& lb, LbAlgorithm algorithm) {
    lb.algorithm_ = algorithm;
    for (auto& v : lb.servers_) v.smooth_current = 0;
}

void on_message(LoadBalancer& lb, const Message& m, Ctx& ctx) {
    switch (m.type) {
        case MsgType::Order:
        case MsgType::Read: route(lb, m, ctx); break;
        case MsgType::OrderReply:
        case MsgType::ReadReply: relay_reply(lb, m, ctx); break;
        case MsgType::HealthReply: {
            if (m.order_id != lb.health_round_) break;  // an answer to an older round
            auto& v = view(lb, m.from);
            v.answered_last = true;
            v.health_round_answered = lb.health_round_;
            v.health = m.health;
            v.reported_cpu = m.cpu;
            v.reported_queue = m.queue;
            set_health(lb, m.from, true, ctx);
            break;
        }
        default: break;
    }
}

void on_timer(LoadBalancer& lb, const Event& e, Ctx& ctx) {
    if (e.timer == TimerKind::HealthTick) {
        ++lb.health_round_;
        for (NodeId id = 1; id <= static_cast<NodeId>(lb.servers_.size()); ++id) {
            Message m;
            m.type = MsgType::HealthCheck;
            m.from = kLoadBalancer;
            m.to = id;
            m.order_id = lb.health_round_;
            ctx.send(std::move(m));
        }
        ctx.timer(kLoadBalancer, TimerKind::HealthTimeout, ctx.config().health_timeout_us, lb.health_round_);
        ctx.timer(kLoadBalancer, TimerKind::HealthTick, ctx.config().health_interval_us);
        // Requests that never got an answer (their server crashed) stop counting as connections.
        const TimeUs give_up = ctx.config().client_timeout_us * ctx.config().client_attempts;
        std::vector<std::uint64_t> stale;
        for (const auto& [id, p] : lb.pending_)
            if (ctx.now() - p.sent_us > give_up) stale.push_back(id);
        std::sort(stale.begin(), stale.end());  // deterministic order whatever the hash map does
        for (auto id : stale) forget(lb, id);
    } else if (e.timer == TimerKind::HealthTimeout) {
        if (e.token != lb.health_round_) return;
        for (NodeId id = 1; id <= static_cast<NodeId>(lb.servers_.size()); ++id) {
            auto& v = view(lb, id);
            if (v.health_round_answered == lb.health_round_) continue;
            v.answered_last = false;
            v.health = 0;
            set_health(lb, id, false, ctx);
        }
    }
}

}  // namespace lb_logic
}  // namespace cs
