// The clients: orders and reads with timeouts and retries, and the load generator.
#include <algorithm>
#include <cmath>

#include "context.h"

namespace cs {

NodeId ClientOrder::entry_server() const {
    for (std::uint8_t i = 0; i < path_length; ++i)
        if (path[i] >= 1) return path[i];
    return kNoNode;
}

NodeId ClientOrder::leader() const {
    return path_length > 0 && path[path_length - 1] >= 1 ? path[path_length - 1] : kNoNode;
}

namespace client_logic {
namespace {

using Ctx = Simulation::Context;

// Answers that mean "not now, try again": the leader is changing or unreachable, or the
// order's fate is not known yet. A retry carries the same order id, so it is never
// applied twice.
bool transient(const Message& m) {
    return m.status == OrderStatus::Unknown || m.reason == Reason::NoLeader || m.reason == Reason::LeaderUnreachable ||
           m.reason == Reason::NoQuorum || m.reason == Reason::Contended;
}

// An answer after which the order may have been applied somewhere.
bool may_have_applied(const Message& m) {
    return m.status == OrderStatus::Unknown || m.reason == Reason::LeaderUnreachable;
}

std::uint64_t retry_token(const ClientOrder& o) { return (o.id << 8) | static_cast<std::uint64_t>(o.attempts & 0xff); }

std::int32_t product_index(const Config& cfg, const std::string& sku) {
    for (std::size_t i = 0; i < cfg.catalogue.size(); ++i)
        if (cfg.catalogue[i].sku == sku) return static_cast<std::int32_t>(i);
    return -1;
}

void send_attempt(ClientOrder& o, Ctx& ctx) {
    ++o.attempts;
    Message m;
    m.type = o.is_read ? MsgType::Read : MsgType::Order;
    m.from = kClients;
    m.to = o.via;
    m.order_id = o.id;
    m.product = o.product;
    m.quantity = o.quantity;
    m.add_hop(kClients);
    ctx.send(std::move(m));
    ctx.timer(kClients, TimerKind::ClientRetry, ctx.config().client_timeout_us, retry_token(o));
}

// Nearest-rank percentiles: p99 of 200 latencies is the 198th smallest.
void percentiles(LoadTestSummary& t) {
    auto& v = t.latencies_us;
    if (v.empty()) return;
    std::sort(v.begin(), v.end());
    auto at = [&](std::size_t percent) {
        const std::size_t rank = (v.size() * percent + 99) / 100;  // ceil(n * p / 100), at least 1
        return ms_from_us(v[std::max<std::size_t>(rank, 1) - 1]);
    };
    t.p50_ms = at(50);
    t.p95_ms = at(95);
    t.p99_ms = at(99);
}

void record_latency(LoadTestSummary& t, std::int64_t latency_us) {
    if (t.latencies_seen++ % t.latency_stride != 0) return;
    if (t.latencies_us.size() >= Clients::kMaxLatencySamples) {
        std::size_t kept = 0;
        for (std::size_t i = 0; i < t.latencies_us.size(); i += 2) t.latencies_us[kept++] = t.latencies_us[i];
        t.latencies_us.resize(kept);
        t.latency_stride *= 2;
        if ((t.latencies_seen - 1) % t.latency_stride != 0) return;
    }
    t.latencies_us.push_back(latency_us);
}

void maybe_finish_load(Clients& c) {
    auto& t = c.load_test_;
    if (!t.running && !t.finished && c.load_outstanding_ == 0) {
        t.finished = true;
        percentiles(t);
        // Kept for the comparison table, without its latency sample (the percentiles stay).
        LoadTestSummary done = t;
        done.latencies_us = {};
        if (c.load_tests_.size() >= Clients::kMaxLoadTestsKept) c.load_tests_.erase(c.load_tests_.begin());
        c.load_tests_.push_back(std::move(done));
    }
}

// The history records what the client was told, in Jepsen's terms.
void record_outcome(const ClientOrder& o, Ctx& ctx) {
    Outcome outcome = Outcome::Unknown;
    FailKind fail_kind = FailKind::None;
    if (o.status == OrderStatus::Acknowledged) {
        outcome = Outcome::Ok;
    } else if (o.status == OrderStatus::Rejected) {
        outcome = Outcome::Fail;
        fail_kind = o.reason == Reason::OutOfStock ? FailKind::OutOfStock : FailKind::Other;
    }
    ctx.history().complete(o.history_index, outcome, fail_kind, o.stock_seen, ctx.now());
}

void finish(Clients& c, ClientOrder o, Ctx& ctx) {
    o.finished_us = ctx.now();
    record_outcome(o, ctx);
    c.pending_.erase(o.id);
    if (o.product >= 0 && o.stock_seen >= 0) {
        c.stock_seen_[static_cast<std::size_t>(o.product)] = o.stock_seen;
        // The last server on the path answered: the leader for an order, the entry server for a read.
        c.stock_seen_from_[static_cast<std::size_t>(o.product)] = o.leader();
    }
    if (!o.is_read) {
        auto& tot = c.totals_;
        switch (o.status) {
            case OrderStatus::Acknowledged: {
                ++tot.acknowledged;
                const auto& catalogue = ctx.config().catalogue;
                tot.revenue_cents += catalogue[static_cast<std::size_t>(o.product)].price_cents * o.quantity;
                ctx.checker().on_client_ack({o.id, o.product, o.quantity}, o.leader(), ctx.now());
                break;
            }
            case OrderStatus::Rejected: ++tot.rejected; break;
            default: ++tot.unknown; break;
        }
        LogRecord r;
        r.kind = LogKind::OrderDone;
        r.level = o.status == OrderStatus::Acknowledged ? LogLevel::Info : LogLevel::Warning;
        r.node = kClients;
        r.other = o.leader();
        r.status = o.status;
        r.reason = o.reason;
        r.a = static_cast<std::int64_t>(o.id);
        r.b = o.product;
        r.c = o.quantity;
        ctx.log(r);
    }
    if (o.load_test && o.load_generation == c.load_generation_) {
        auto& t = c.load_test_;
        switch (o.status) {
            case OrderStatus::Acknowledged:
                ++t.acknowledged;
                record_latency(t, o.finished_us - o.submitted_us);
                break;
            case OrderStatus::Rejected:
                ++t.rejected;
                ++t.rejected_by_reason[static_cast<std::size_t>(o.reason)];
                break;
            default:
                ++t.unknown;
                ++t.unknown_by_reason[static_cast<std::size_t>(o.reason)];
                break;
        }
        const NodeId entry = o.entry_server();
        if (entry >= 1 && static_cast<std::size_t>(entry) <= t.per_server.size()) ++t.per_server[static_cast<std::size_t>(entry - 1)];
        if (c.load_outstanding_ > 0) --c.load_outstanding_;
        maybe_finish_load(c);
    }
    c.recent_.push_back(std::move(o));
    if (c.recent_.size() > Clients::kRecentOrders) c.recent_.pop_front();
}

// Out of attempts. Rejected only if no attempt can have been applied; otherwise the
// outcome is unknown, and the client says so rather than guess.
void give_up(Clients& c, ClientOrder& o, Ctx& ctx) {
    o.status = o.maybe_applied || o.last_transient == Reason::None ? OrderStatus::Unknown : OrderStatus::Rejected;
    o.reason = o.last_transient != Reason::None ? o.last_transient : Reason::Timeout;
    finish(c, o, ctx);
}

// The k-th order of a test (k = 0, 1, ...) goes out at a moment drawn uniformly from the
// k-th slot [k, k+1) x (1 / rate): exactly rate x duration orders at the rate on average,
// jittered so they do not march in lockstep, and never more than two within one gap.
TimeUs arrival_time(const LoadTestSummary& t, std::uint64_t k, Rng& rng) {
    const double gap_us = 1e6 / t.rate;
    const auto slot_start = static_cast<std::int64_t>(static_cast<double>(k) * gap_us);
    const auto slot_end = std::max(slot_start + 1, static_cast<std::int64_t>(static_cast<double>(k + 1) * gap_us));
    return t.started_us + rng.uniform(slot_start, slot_end - 1);
}

// A product drawn in proportion to its initial stock: the shop stocks most of what sells
// most, so a heavy test takes about the same share of every product and the default
// catalogue lasts through it (docs/MODEL.md). Uniform when nothing is stocked.
std::size_t pick_product(const std::vector<Product>& catalogue, Rng& rng) {
    std::int64_t total = 0;
    for (const Product& p : catalogue) total += std::max<std::int64_t>(0, p.initial_stock);
    if (total <= 0) return static_cast<std::size_t>(rng.uniform(0, static_cast<std::int64_t>(catalogue.size()) - 1));
    std::int64_t draw = rng.uniform(0, total - 1);
    for (std::size_t i = 0; i < catalogue.size(); ++i) {
        draw -= std::max<std::int64_t>(0, catalogue[i].initial_stock);
        if (draw < 0) return i;
    }
    return catalogue.size() - 1;
}

void schedule_next(Clients& c, Ctx& ctx) {
    const auto& t = c.load_test_;
    const TimeUs at = arrival_time(t, t.submitted, ctx.workload_rng());
    ctx.timer(kClients, TimerKind::LoadTick, at - ctx.now(), c.load_generation_);
}

void load_tick(Clients& c, std::uint64_t generation, Ctx& ctx) {
    auto& t = c.load_test_;
    if (generation != c.load_generation_ || !t.running) return;
    const auto& catalogue = ctx.config().catalogue;
    Rng& rng = ctx.workload_rng();
    const std::size_t product = pick_product(catalogue, rng);
    const auto quantity = static_cast<std::int32_t>(rng.uniform(1, 3));
    ++c.load_outstanding_;
    ++t.submitted;
    submit(c, catalogue[product].sku, quantity, kLoadBalancer, false, true, ctx);
    if (t.submitted < t.planned) {
        schedule_next(c, ctx);
        return;
    }
    t.running = false;
    maybe_finish_load(c);
}

}  // namespace

std::uint64_t submit(Clients& c, const std::string& sku, std::int32_t quantity, NodeId via, bool is_read, bool load_test,
                     Ctx& ctx) {
    if (c.stock_seen_.size() != ctx.config().catalogue.size()) {
        c.stock_seen_.assign(ctx.config().catalogue.size(), -1);
        c.stock_seen_from_.assign(ctx.config().catalogue.size(), kNoNode);
    }
    ClientOrder o;
    o.id = c.next_order_id_++;
    o.sku = sku;
    o.product = product_index(ctx.config(), sku);
    o.quantity = quantity;
    o.via = via;
    o.is_read = is_read;
    o.load_test = load_test;
    o.load_generation = c.load_generation_;
    o.submitted_us = ctx.now();
    if (!is_read) ++c.totals_.submitted;
    o.history_index = ctx.history().invoke(o.id, is_read ? OpKind::Read : OpKind::Order, o.product, quantity, ctx.now());
    send_attempt(o, ctx);
    const std::uint64_t id = o.id;
    c.pending_.emplace(id, std::move(o));
    return id;
}

void on_message(Clients& c, const Message& m, Ctx& ctx) {
    if (m.type != MsgType::OrderReply && m.type != MsgType::ReadReply) return;
    auto it = c.pending_.find(m.order_id);
    if (it == c.pending_.end()) return;  // a late answer to an order already settled
    ClientOrder& o = it->second;
    o.path = m.path;
    o.path_length = m.path_length;
    o.stock_seen = m.status == OrderStatus::Acknowledged || m.type == MsgType::ReadReply ? m.stock : -1;
    if (!o.is_read && may_have_applied(m)) o.maybe_applied = true;
    if (transient(m)) {
        // Try again soon rather than waiting out the full timeout.
        o.last_transient = m.reason;
        if (o.attempts >= ctx.config().client_attempts) {
            give_up(c, o, ctx);
            return;
        }
        ctx.timer(kClients, TimerKind::ClientRetry, ctx.config().client_timeout_us / 4, retry_token(o) | (1ull << 7));
        return;
    }
    o.status = m.status;
    o.reason = m.reason;
    // A refusal now does not undo an earlier attempt that may have been applied.
    if (o.status == OrderStatus::Rejected && o.maybe_applied) o.status = OrderStatus::Unknown;
    ClientOrder done = std::move(o);
    finish(c, std::move(done), ctx);
}

void on_timer(Clients& c, const Event& e, Ctx& ctx) {
    if (e.timer == TimerKind::LoadTick) {
        load_tick(c, e.token, ctx);
        return;
    }
    if (e.timer != TimerKind::ClientRetry) return;
    auto it = c.pending_.find(e.token >> 8);
    if (it == c.pending_.end()) return;
    ClientOrder& o = it->second;
    if ((e.token & 0x7f) != static_cast<std::uint64_t>(o.attempts & 0x7f)) return;  // an older attempt's timer
    // No answer in time (not a "try again"): the attempt may have been applied.
    if (!(e.token & (1ull << 7)) && !o.is_read) o.maybe_applied = true;
    if (o.attempts >= ctx.config().client_attempts) {
        give_up(c, o, ctx);
        return;
    }
    send_attempt(o, ctx);
}

void start_load(Clients& c, const std::string& preset, double rate, TimeUs duration_us, Ctx& ctx) {
    LoadTestSummary t;
    t.preset = preset;
    t.rate = rate;
    t.duration_us = duration_us;
    t.started_us = ctx.now();
    t.algorithm = lb_algorithm_name(ctx.lb().algorithm());
    t.number = ++c.load_tests_started_;
    t.planned = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::llround(rate * static_cast<double>(duration_us) / 1e6)));
    t.running = true;
    t.rejected_by_reason.assign(static_cast<std::size_t>(Reason::kCount), 0);
    t.unknown_by_reason.assign(static_cast<std::size_t>(Reason::kCount), 0);
    t.per_server.assign(static_cast<std::size_t>(ctx.server_count()), 0);
    c.load_test_ = std::move(t);
    c.load_test_ever_ = true;
    c.load_outstanding_ = 0;
    ++c.load_generation_;
    schedule_next(c, ctx);
}

void stop_load(Clients& c, Ctx&) {
    c.load_test_.running = false;
    maybe_finish_load(c);
}

}  // namespace client_logic
}  // namespace cs
