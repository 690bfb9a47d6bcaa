#pragma once
// Downloads for teachers and curious students: the full event trace of the run
// so far (JSON lines, the format of `clustersim-cli run --trace`) and the
// per-second metrics of every server (CSV).
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/causal_cone.h"
#include "sim/simulation.h"

namespace cs::app {

class Host;

struct TraceExport {
    std::string text;         // one JSON object a line
    std::uint64_t lines = 0;
    bool truncated = false;   // the size bound was reached: the trace stops early
    std::string error;
};

// The trace is not kept while the page plays (it would grow without end), so the
// run is simulated again from its start with a trace attached, from the same
// scenario and journal a shared link carries, up to the moment shown. Bounded:
// beyond max_bytes the trace stops and says so in its last line.
TraceExport export_trace(const Host& host, std::size_t max_bytes = 32u << 20);

// time_s,server,cpu_percent,queue,response_ms,throughput_rps,memory_mb: one row per
// server per simulated second the metrics ring buffers still hold.
std::string export_metrics_csv(const Simulation& sim);

// The client history so far, Jepsen-style EDN (as `clustersim-cli run --history`).
std::string export_history_edn(const Simulation& sim);

// Every kept event with its vector clock, as a ShiViz log (sim/shiviz.h; as `run --shiviz`).
std::string export_shiviz(const Simulation& sim);

// window.clustersim.spacetime(): the events in [from_us, to_us] (at most `limit`, the
// earliest), each with its id, lane, kind, message and vector clock, and how the
// diagram's selection (if any) relates to it. See docs/ARCHITECTURE.md.
std::string spacetime_json(const Simulation& sim, TimeUs from_us, TimeUs to_us, std::size_t limit,
                           const CausalCone* selection);

}  // namespace cs::app
