#include "app/exports.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "app/frame_clock.h"
#include "app/host.h"
#include "app/share_link.h"
#include "sim/history_edn.h"
#include "sim/json_writer.h"
#include "sim/scenario.h"
#include "sim/shiviz.h"

namespace cs::app {
namespace {

class BoundedTrace : public TraceSink {
public:
    explicit BoundedTrace(std::size_t max_bytes) : max_bytes_(max_bytes) {}
    void write_line(std::string_view line) override {
        if (full()) return;
        if (out_.text.size() + line.size() + 1 > max_bytes_) {
            out_.truncated = true;
            return;
        }
        out_.text.append(line);
        out_.text += '\n';
        ++out_.lines;
    }
    bool full() const { return out_.truncated; }
    TraceExport take() { return std::move(out_); }

private:
    std::size_t max_bytes_;
    TraceExport out_;
};

// Advances in slices so a full trace stops the work early.
void advance_traced(Simulation& sim, TimeUs target_us, const BoundedTrace& sink) {
    constexpr TimeUs kSliceUs = 1000000;
    while (sim.now_us() < target_us && !sink.full())
        advance_to(sim, std::min(target_us, sim.now_us() + kSliceUs), std::numeric_limits<std::uint64_t>::max());
}

}  // namespace

TraceExport export_trace(const Host& host, std::size_t max_bytes) {
    std::string error;
    const std::string text = reproducing_scenario(host, error);
    SharedScenario shared;
    Scenario base;
    if (text.empty() || !split_shared_scenario(text, shared, error) ||
        !parse_scenario(shared.base, "scenario", base, error)) {
        TraceExport failed;
        failed.error = error.empty() ? "the run could not be rebuilt" : error;
        return failed;
    }

    BoundedTrace sink(max_bytes);
    Simulation sim(base.config);
    sim.set_trace(&sink);
    // The base has no run lines: each command applies now or is scheduled at its time, as when loaded.
    for (const ScenarioLine& line : base.commands)
        if (line.command.verb != Verb::Expect) sim.apply(line.command);
    const TimeUs end_us = host.sim().now_us();
    for (const TimedLine& entry : shared.journal) {
        if (entry.at_us > end_us || sink.full()) break;
        advance_traced(sim, entry.at_us, sink);
        advance_to(sim, entry.at_us, std::numeric_limits<std::uint64_t>::max());
        sim.execute(entry.line);
    }
    advance_traced(sim, end_us, sink);
    sim.set_trace(nullptr);

    TraceExport out = sink.take();
    if (out.truncated) {
        char note[160];
        std::snprintf(note, sizeof note,
                      "{\"kind\":\"truncated\",\"detail\":\"trace stopped at %zu bytes; use clustersim-cli run --trace for all\"}\n",
                      max_bytes);
        out.text += note;
    }
    return out;
}

std::string export_metrics_csv(const Simulation& sim) {
    std::string out = "time_s,server,cpu_percent,queue,response_ms,throughput_rps,memory_mb\n";
    // Samples are taken every whole simulated second; the newest is at floor(now).
    const long long newest_s = static_cast<long long>(sim.now_us() / 1000000);
    std::size_t rows = 0;
    for (const Server& s : sim.servers()) rows = std::max(rows, s.metrics.cpu_series.size());
    char row[160];
    for (std::size_t i = 0; i < rows; ++i) {
        for (const Server& s : sim.servers()) {
            const ServerMetrics& m = s.metrics;
            const std::size_t n = m.cpu_series.size();
            if (i < rows - n) continue;  // this server holds fewer samples: its newest line up with the others'
            const std::size_t k = i - (rows - n);
            const long long t = newest_s - static_cast<long long>(rows - 1 - i);
            std::snprintf(row, sizeof row, "%lld,%d,%.1f,%.0f,%.2f,%.2f,%.2f\n", t, s.id, m.cpu_series.at(k) * 100.0,
                          static_cast<double>(m.queue_series.at(k)), static_cast<double>(m.response_series.at(k)),
                          static_cast<double>(m.throughput_series.at(k)), static_cast<double>(m.memory_series.at(k)));
            out += row;
        }
    }
    return out;
}

std::string export_history_edn(const Simulation& sim) {
    return to_edn(sim.client_history().history(), sim.client_history().product_names());
}

std::string export_shiviz(const Simulation& sim) { return shiviz_log(sim.causality()); }

std::string spacetime_json(const Simulation& sim, TimeUs from_us, TimeUs to_us, std::size_t limit,
                           const CausalCone* selection) {
    const CausalStore& store = sim.causality();
    JsonWriter json;
    json.begin_object();
    json.key("lanes").value(static_cast<std::int64_t>(store.lanes()));
    json.key("hosts").begin_array();
    for (int lane = 0; lane < store.lanes(); ++lane) json.value(shiviz_host_name(lane));
    json.end_array();
    json.key("now_us").value(static_cast<std::int64_t>(sim.now_us()));
    json.key("first_id").value(static_cast<std::int64_t>(store.first_index()));
    json.key("end_id").value(static_cast<std::int64_t>(store.end_index()));
    const bool selected = selection && selection->active();
    json.key("selected");
    if (selected) json.value(static_cast<std::int64_t>(selection->selected()));
    else json.null();
    json.key("events").begin_array();
    const std::uint64_t first = store.index_at_or_after(from_us);
    const std::uint64_t last = store.index_at_or_after(to_us + 1);
    std::size_t written = 0;
    bool truncated = false;
    store.decode(first, last, [&](const CausalEvent& e, const std::uint32_t* clock) {
        if (written++ >= limit) {
            truncated = true;
            return false;
        }
        json.begin_object();
        json.key("id").value(static_cast<std::int64_t>(e.index));
        json.key("t_us").value(static_cast<std::int64_t>(e.time_us));
        json.key("lane").value(static_cast<std::int64_t>(e.lane));
        json.key("kind").value(causal_kind_name(e.kind));
        if (is_message_kind(e.kind)) {
            json.key("type").value(msg_type_name(e.type));
            json.key("peer").value(static_cast<std::int64_t>(e.peer));
            json.key("msg").value(static_cast<std::int64_t>(e.message_id));
            json.key("sent_us").value(static_cast<std::int64_t>(e.sent_us));
            json.key("arrives_us").value(static_cast<std::int64_t>(e.arrives_us));
            if (e.lost != DropReason::None) json.key("lost").value(drop_reason_name(e.lost));
            if (e.order_id != 0) json.key("order").value(static_cast<std::int64_t>(e.order_id));
        }
        json.key("vc").begin_array();
        for (int k = 0; k < store.lanes(); ++k) json.value(static_cast<std::int64_t>(clock[k]));
        json.end_array();
        if (selected) json.key("rel").value(causal_relation_name(selection->relation(e)));
        json.end_object();
        return true;
    });
    json.end_array();
    json.key("truncated").value(truncated);
    json.end_object();
    return json.take();
}

}  // namespace cs::app
