#include "app/frame_bench.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "app/host.h"
#include "sim/json_writer.h"

namespace cs::app {

std::vector<BenchWorkload> default_bench_workloads() {
    // Heavy load (10 orders/s for 20 s): every order is replicated to every
    // follower, so with 64 servers each one is 63 REPLICATE dots and 63 acks.
    return {
        {"servers6", "servers 6\nload heavy\n", us_from_s(3), 1.0, 300, 10},
        {"servers64", "servers 64\nload heavy\n", us_from_s(3), 1.0, 300, 10},
    };
}

FrameStats summarize_frames(std::vector<double> frame_ms) {
    FrameStats stats;
    stats.frames = static_cast<int>(frame_ms.size());
    if (frame_ms.empty()) return stats;
    std::sort(frame_ms.begin(), frame_ms.end());
    stats.mean_ms = std::accumulate(frame_ms.begin(), frame_ms.end(), 0.0) / static_cast<double>(frame_ms.size());
    // Nearest rank: the smallest sample with at least 95% of the samples at or below it.
    const auto rank = static_cast<std::size_t>(std::ceil(0.95 * static_cast<double>(frame_ms.size())));
    stats.p95_ms = frame_ms[std::clamp<std::size_t>(rank, 1, frame_ms.size()) - 1];
    stats.max_ms = frame_ms.back();
    return stats;
}

FrameBench::FrameBench(std::vector<BenchWorkload> workloads) : workloads_(std::move(workloads)) {}

void FrameBench::before_frame(Host& host) {
    if (done() || started_) return;
    const BenchWorkload& w = workloads_[current_];
    const CommandResult loaded = host.load(w.scenario);
    if (!loaded.ok) host.notify("frame benchmark: " + loaded.error);
    host.seek(w.warm_up_to_us);
    host.set_speed(w.speed);
    host.resume();
    samples_.clear();
    samples_.reserve(static_cast<std::size_t>(w.frames));
    warm_up_left_ = w.warm_up_frames;
    started_ = true;
}

void FrameBench::after_frame(const FrameSample& sample) {
    if (done() || !started_) return;
    if (warm_up_left_ > 0) {
        --warm_up_left_;
        return;
    }
    samples_.push_back(sample);
    if (static_cast<int>(samples_.size()) < workloads_[current_].frames) return;
    Result result;
    std::vector<double> totals;
    for (const FrameSample& s : samples_) {
        totals.push_back(s.total_ms);
        result.tick_ms += s.tick_ms;
        result.build_ms += s.build_ms;
        result.render_ms += s.render_ms;
    }
    const auto n = static_cast<double>(samples_.size());
    result.tick_ms /= n;
    result.build_ms /= n;
    result.render_ms /= n;
    result.total = summarize_frames(std::move(totals));
    results_.push_back(result);
    ++current_;
    started_ = false;
}

std::string FrameBench::results_json() const {
    JsonWriter json;
    json.begin_object();
    for (std::size_t i = 0; i < results_.size(); ++i) {
        const Result& r = results_[i];
        json.key(workloads_[i].name).begin_object();
        json.key("mean_ms").value(r.total.mean_ms, 3);
        json.key("p95_ms").value(r.total.p95_ms, 3);
        json.key("max_ms").value(r.total.max_ms, 3);
        json.key("frames").value(r.total.frames);
        json.key("parts_mean_ms").begin_object();
        json.key("tick").value(r.tick_ms, 3);
        json.key("build").value(r.build_ms, 3);
        json.key("render").value(r.render_ms, 3);
        json.end_object();
        json.end_object();
    }
    json.end_object();
    return json.take();
}

std::string FrameBench::summary() const {
    std::string text = "frame benchmark:";
    for (std::size_t i = 0; i < results_.size(); ++i) {
        char part[160];
        std::snprintf(part, sizeof part, "%s %s %.2f ms mean, %.2f ms p95", i == 0 ? "" : ";",
                      workloads_[i].name.c_str(), results_[i].total.mean_ms, results_[i].total.p95_ms);
        text += part;
    }
    return text;
}

bool take_bench_param(std::string& query) {
    const bool question = !query.empty() && query.front() == '?';
    std::string_view rest(query);
    if (question) rest.remove_prefix(1);
    std::string kept;
    bool found = false;
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        if (pair == "bench=1" || pair == "bench") {
            found = true;
            continue;
        }
        if (pair.substr(0, 6) == "bench=") continue;  // bench=0: off, and not an unknown parameter either
        if (!kept.empty()) kept += '&';
        kept += pair;
    }
    query = (question && !kept.empty() ? "?" : "") + kept;
    return found;
}

}  // namespace cs::app
