// The load balancer's routing algorithms and health checks.
#include <algorithm>

#include "sim/context.h"

namespace cs {
namespace lb_logic {
namespace {

using Ctx = Simulation::Context;

LbServerView& view(LoadBalancer& lb, NodeId id) { return lb.servers_[static_cast<std::size_t>(id - 1)]; }

// Picks a server among those believed healthy, or kNoNode if there is none.
NodeId choose(LoadBalancer& lb, Ctx& ctx) {
    const int n = static_cast<int>(lb.servers_.size());
    std::vector<NodeId> healthy;
    healthy.reserve(static_cast<std::size_t>(n));
    for (NodeId id = 1; id <= n; ++id)
        if (view(lb, id).healthy) healthy.push_back(id);
    if (healthy.empty()) return kNoNode;

    switch (lb.algorithm_) {
        case LbAlgorithm::RoundRobin: {
            // Walk the ring from the cursor to the next healthy server.
            for (int k = 0; k < n; ++k) {
                const NodeId id = static_cast<NodeId>((lb.round_robin_next_ + static_cast<std::size_t>(k)) % static_cast<std::size_t>(n)) + 1;
                if (view(lb, id).healthy) {
                    lb.round_robin_next_ = static_cast<std::size_t>(id) % static_cast<std::size_t>(n);
                    return id;
                }
            }
            return kNoNode;
        }
        case LbAlgorithm::LeastConnections: {
            NodeId best = healthy.front();
            for (NodeId id : healthy)
                if (view(lb, id).connections < view(lb, best).connections) best = id;
            return best;
        }
        case LbAlgorithm::Weighted: {
            // Smooth weighted round robin (as in nginx): deterministic, exactly proportional
            // over a cycle, and spreads a heavy server's turns out instead of bunching them.
            std::int64_t total = 0;
            NodeId best = kNoNode;
            for (NodeId id : healthy) {
                const int w = ctx.config().weight_of(id);
                auto& v = view(lb, id);
                v.smooth_current += w;
                total += w;
                if (best == kNoNode || v.smooth_current > view(lb, best).smooth_current) best = id;
            }
            view(lb, best).smooth_current -= total;
            return best;
        }
        case LbAlgorithm::LeastResponseTime: {
            // Servers never measured yet go first, so every server gets a measurement.
            NodeId best = kNoNode;
            for (NodeId id : healthy) {
                const auto& v = view(lb, id);
                if (!v.has_response) return id;
                if (best == kNoNode || v.response_ewma_ms < view(lb, best).response_ewma_ms) best = id;
            }
            return best;
        }
        case LbAlgorithm::PowerOfTwo: {
            // Two distinct random healthy servers; the one with fewer connections wins.
            if (healthy.size() == 1) return healthy.front();
            const auto a = static_cast<std::size_t>(ctx.lb_rng().uniform(0, static_cast<std::int64_t>(healthy.size()) - 1));
            auto b = static_cast<std::size_t>(ctx.lb_rng().uniform(0, static_cast<std::int64_t>(healthy.size()) - 2));
            if (b >= a) ++b;
            const NodeId x = healthy[a], y = healthy[b];
            return view(lb, y).connections < view(lb, x).connections ? y : x;
        }
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

void relay_reply(LoadBalancer& lb, const Message& m, Ctx& ctx) {
    auto it = lb.pending_.find(m.order_id);
    if (it != lb.pending_.end() && it->second.server == m.from) {
        auto& v = view(lb, m.from);
        const double observed_ms = ms_from_us(ctx.now() - it->second.sent_us);
        // Exponential moving average: recent responses count most, old ones fade.
        v.response_ewma_ms = v.has_response ? 0.7 * v.response_ewma_ms + 0.3 * observed_ms : observed_ms;
        v.has_response = true;
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
            v.health = static_cast<int>(m.stock);
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
