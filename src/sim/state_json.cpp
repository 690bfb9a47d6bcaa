// The state JSON of docs/ARCHITECTURE.md (CLI --json, the page's state()) and the trace lines.
#include <algorithm>

#include "json_writer.h"
#include "simulation.h"

namespace cs {
namespace {

void write_node(JsonWriter& w, NodeId n) {
    if (n == kNoNode) w.null();
    else w.value(static_cast<std::int64_t>(n));
}

void write_ids(JsonWriter& w, const std::vector<NodeId>& ids) {
    w.begin_array();
    for (NodeId id : ids) w.value(static_cast<std::int64_t>(id));
    w.end_array();
}

void write_load_test(JsonWriter& w, const LoadTestSummary& t) {
    w.begin_object();
    w.key("number").value(t.number);
    w.key("preset").value(t.preset);
    w.key("algorithm").value(t.algorithm);
    w.key("rate").value(t.rate, 2);
    w.key("duration_ms").value(static_cast<std::int64_t>(t.duration_us / 1000));
    w.key("started_ms").value(static_cast<std::int64_t>(t.started_us / 1000));
    w.key("planned").value(t.planned);
    // Orders sent out of those planned; 1 once generation is over (done or stopped).
    w.key("progress").value(t.running && t.planned > 0 ? static_cast<double>(t.submitted) / static_cast<double>(t.planned) : 1.0, 3);
    w.key("running").value(t.running);
    w.key("finished").value(t.finished);
    w.key("submitted").value(t.submitted);
    w.key("acknowledged").value(t.acknowledged);
    w.key("rejected").value(t.rejected);
    w.key("unknown").value(t.unknown);
    w.key("outstanding").value(t.submitted - t.outcomes());
    auto by_reason = [&](const char* key, const std::vector<std::uint64_t>& counts) {
        w.key(key).begin_object();
        for (std::size_t r = 0; r < counts.size(); ++r)
            if (counts[r]) w.key(reason_text(static_cast<Reason>(r))).value(counts[r]);
        w.end_object();
    };
    by_reason("rejected_by_reason", t.rejected_by_reason);
    by_reason("unknown_by_reason", t.unknown_by_reason);
    w.key("latency_ms").begin_object();
    w.key("p50").value(t.p50_ms, 3).key("p95").value(t.p95_ms, 3).key("p99").value(t.p99_ms, 3);
    w.end_object();
    w.key("per_server").begin_object();
    for (std::size_t i = 0; i < t.per_server.size(); ++i) w.key(std::to_string(i + 1)).value(t.per_server[i]);
    w.end_object();
    w.end_object();
}

}  // namespace

std::string Simulation::state_json() const {
    JsonWriter w;
    w.begin_object();
    w.key("time_ms").value(static_cast<std::int64_t>(now_us_ / 1000));
    w.key("seed").value(config_.seed);
    w.key("events").value(events_processed_);
    w.key("leader");
    write_node(w, agreed_leader());
    w.key("replication").value(config_.replication == ReplicationMode::Sync ? "sync" : "async");
    w.key("quorum").value(config_.quorum);

    w.key("servers").begin_array();
    for (const Server& s : servers_) {
        const auto& m = s.metrics;
        w.begin_object();
        w.key("id").value(static_cast<std::int64_t>(s.id));
        w.key("alive").value(s.alive);
        w.key("role").value(s.alive ? role_name(s.role) : "crashed");
        w.key("leader");
        write_node(w, s.alive ? (s.role == Role::Leader ? s.id : s.leader) : kNoNode);
        w.key("epoch").value(s.epoch);
        w.key("stock").begin_object();
        for (std::size_t p = 0; p < config_.catalogue.size(); ++p) w.key(config_.catalogue[p].sku).value(s.stock[p]);
        w.end_object();
        w.key("orders").value(static_cast<std::uint64_t>(s.log.size()));
        // Live: requests waiting (queue) and waiting or in service (connections).
        w.key("queue").value(static_cast<std::int64_t>(s.queue.size()) - (s.busy ? 1 : 0));
        w.key("cpu").value(m.cpu, 4);
        w.key("health").value(static_cast<std::int64_t>(m.health));
        w.key("memory_mb").value(m.memory_mb, 3);
        w.key("response_ms").value(m.response_mean_ms, 3);
        w.key("response_p95_ms").value(m.response_p95_ms, 3);
        w.key("connections").value(static_cast<std::uint64_t>(s.queue.size()));
        w.key("throughput").value(m.throughput, 3);
        w.key("error_rate").value(m.error_rate, 4);
        w.key("completed").value(m.completed);
        w.key("requests").value(m.requests);
        w.key("refused").value(m.refused);
        w.key("errors").value(m.errors);
        w.key("busy_ms").value(static_cast<std::int64_t>(m.busy_us_total / 1000));
        w.key("weight").value(static_cast<std::int64_t>(s.weight));
        w.key("slow").value(config_.slow_factor_of(s.id), 3);
        w.key("isolated").value(network_.isolated(s.id));
        w.key("side").value(static_cast<std::int64_t>(network_.side_of(s.id)));
        w.end_object();
    }
    w.end_array();

    const auto& t = clients_.totals();
    w.key("orders").begin_object();
    w.key("submitted").value(t.submitted);
    w.key("acknowledged").value(t.acknowledged);
    w.key("rejected").value(t.rejected);
    w.key("unknown").value(t.unknown);
    w.key("pending").value(static_cast<std::uint64_t>(clients_.pending().size()));
    w.key("revenue_cents").value(t.revenue_cents);
    w.end_object();

    w.key("lb").begin_object();
    w.key("algorithm").value(lb_algorithm_name(lb_.algorithm()));
    w.key("health_round").value(lb_.health_round());
    w.key("no_healthy").value(lb_.no_healthy_rejections());  // requests it had nowhere to send
    w.key("routed").begin_object();
    for (std::size_t i = 0; i < lb_.servers().size(); ++i) w.key(std::to_string(i + 1)).value(lb_.servers()[i].routed);
    w.end_object();
    w.key("healthy").begin_array();
    for (std::size_t i = 0; i < lb_.servers().size(); ++i)
        if (lb_.servers()[i].healthy) w.value(static_cast<std::int64_t>(i + 1));
    w.end_array();
    w.key("health").begin_object();
    for (std::size_t i = 0; i < lb_.servers().size(); ++i) w.key(std::to_string(i + 1)).value(static_cast<std::int64_t>(lb_.servers()[i].health));
    w.end_object();
    w.key("connections").begin_object();
    for (std::size_t i = 0; i < lb_.servers().size(); ++i)
        w.key(std::to_string(i + 1)).value(static_cast<std::int64_t>(lb_.servers()[i].connections));
    w.end_object();
    w.key("response_ms").begin_object();
    for (std::size_t i = 0; i < lb_.servers().size(); ++i) w.key(std::to_string(i + 1)).value(lb_.servers()[i].response_ewma_ms, 3);
    w.end_object();
    w.end_object();

    w.key("load_test");
    if (clients_.load_test_ever()) write_load_test(w, clients_.load_test());
    else w.null();
    // Every finished load test, in the order they ran: the comparison table.
    w.key("load_tests").begin_array();
    for (const LoadTestSummary& done : clients_.load_tests()) write_load_test(w, done);
    w.end_array();

    w.key("network").begin_object();
    w.key("partition");
    if (network_.partitioned()) {
        std::vector<NodeId> a, b;
        for (const Server& s : servers_) (network_.side_of(s.id) == 0 ? a : b).push_back(s.id);
        w.begin_array();
        write_ids(w, a);
        write_ids(w, b);
        w.end_array();
    } else {
        w.null();
    }
    std::vector<NodeId> isolated;
    for (const Server& s : servers_)
        if (network_.isolated(s.id)) isolated.push_back(s.id);
    w.key("isolated");
    write_ids(w, isolated);
    w.key("latency_ms").begin_array().value(ms_from_us(network_.latency_us_min()), 3).value(ms_from_us(network_.latency_us_max()), 3).end_array();
    w.key("loss").value(network_.loss(), 4);
    w.end_object();

    w.key("elections").begin_object();
    w.key("total").value(elections_total_);
    w.key("last_messages").value(last_election().messages);
    w.key("in_progress").value(election_active_);
    w.end_object();

    // The election that ended last, message by message (docs/PROTOCOLS.md); null before the first.
    w.key("last_election");
    if (last_election().ended_us < 0) {
        w.null();
    } else {
        const ElectionCount& e = last_election();
        w.begin_object();
        w.key("messages").value(e.messages);
        w.key("election").value(e.election);
        w.key("ok").value(e.ok);
        w.key("coordinator").value(e.coordinator);
        w.key("state").value(e.state);
        w.key("started_ms").value(static_cast<std::int64_t>(e.started_us / 1000));
        w.key("ended_ms").value(static_cast<std::int64_t>(e.ended_us / 1000));
        w.key("winner");
        write_node(w, e.winner);
        w.end_object();
    }

    // The client history's linearizability: true, false (with a witness) or "unknown".
    const LinearizabilityResult lin = history_.verdict();
    if (lin.verdict == Verdict::Unknown) w.key("linearizable").value("unknown");
    else w.key("linearizable").value(lin.verdict == Verdict::Linearizable);
    if (lin.verdict == Verdict::NotLinearizable) {
        w.key("linearizable_witness").begin_object();
        w.key("product").value(lin.product >= 0 && static_cast<std::size_t>(lin.product) < config_.catalogue.size()
                                   ? config_.catalogue[static_cast<std::size_t>(lin.product)].sku
                                   : std::string("?"));
        w.key("reason").value(lin.reason);
        w.key("operations").begin_array();
        for (const Operation& op : lin.witness) w.value(op.id);
        w.end_array();
        w.end_object();
    }
    w.key("violations").begin_array();
    for (const Violation& v : checker_.violations()) {
        w.begin_object();
        w.key("kind").value(violation_kind_name(v.kind));
        w.key("time_ms").value(static_cast<std::int64_t>(v.time_us / 1000));
        w.key("detail").value(v.detail);
        w.key("servers");
        write_ids(w, v.servers);
        w.key("orders").begin_array();
        for (auto id : v.orders) w.value(id);
        w.end_array();
        w.key("messages").begin_array();
        for (auto id : v.messages) w.value(id);
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.take();
}

void Simulation::trace_event(const char* kind, const Message* m, const Event* e, const char* detail) {
    JsonWriter w;
    w.begin_object();
    w.key("t_us").value(static_cast<std::int64_t>(now_us_));
    w.key("kind").value(kind);
    if (m) {
        w.key("id").value(m->id);
        w.key("from").value(node_name(m->from));
        w.key("to").value(node_name(m->to));
        w.key("type").value(msg_type_name(m->type));
        w.key("deliver_us").value(static_cast<std::int64_t>(m->deliver_us));
        w.key("epoch").value(m->epoch);
        if (m->order_id) w.key("order").value(m->order_id);
        if (m->product >= 0) w.key("product").value(static_cast<std::int64_t>(m->product));
        if (m->quantity) w.key("quantity").value(static_cast<std::int64_t>(m->quantity));
        if (m->type == MsgType::OrderReply || m->type == MsgType::ReadReply) {
            w.key("status").value(order_status_name(m->status));
            if (m->reason != Reason::None) w.key("reason").value(reason_text(m->reason));
        }
        w.key("log_length").value(m->log_length);
        if (!m->entries.empty()) w.key("entries").value(static_cast<std::uint64_t>(m->entries.size()));
        if (!m->ok) w.key("ok").value(false);
    }
    if (e) {
        w.key("node").value(node_name(e->node));
        w.key("timer").value(static_cast<std::int64_t>(e->timer));
        w.key("token").value(e->token);
    }
    if (detail) w.key("detail").value(detail);
    w.end_object();
    trace_->write_line(w.str());
}

}  // namespace cs
