#include "app/seek_bench.h"

#include <algorithm>

#include "app/frame_bench.h"
#include "app/host.h"
#include "sim/json_writer.h"

namespace cs::app {

std::vector<SeekWorkload> default_seek_workloads() {
    return {
        {"heavy", "load rate=10 duration=1h\n"},
        {"writes", "product PLENTY-A stock=100000000 price=1\nproduct PLENTY-B stock=100000000 price=2\n"
                   "load rate=10 duration=1h\n"},
    };
}

std::vector<TimeUs> SeekBench::targets() {
    // 40 moments: k * 37 minutes modulo the hour (37 and 60 share no factor, so the
    // order jumps back and forth), at k * 23 seconds past that minute and some milliseconds.
    std::vector<TimeUs> out;
    for (int k = 1; k <= 40; ++k) {
        const TimeUs minute = static_cast<TimeUs>((k * 37) % 60);
        const TimeUs second = static_cast<TimeUs>((k * 23) % 60);
        out.push_back(us_from_s(minute * 60 + second) + static_cast<TimeUs>(k * 7919 % 1000) * 1000);
    }
    return out;
}

SeekBench::SeekBench(std::vector<SeekWorkload> workloads, std::function<double()> now_ms)
    : workloads_(std::move(workloads)), now_ms_(std::move(now_ms)) {}

void SeekBench::frame(Host& host) {
    if (done()) return;
    if (next_ == 0) {
        const CommandResult loaded = host.load(workloads_[current_].scenario);
        if (!loaded.ok) host.notify("seek benchmark: " + loaded.error);
        host.pause();
        stats_.emplace_back();
        times_ms_.clear();
        const double start = now_ms_();
        host.seek(kRunUs);
        stats_.back().reach_ms = now_ms_() - start;
        next_ = 1;
        return;
    }
    SeekStats& stats = stats_.back();
    const TimeUs target = targets_[next_ - 1];
    const double start = now_ms_();
    host.seek(target);
    const double took = now_ms_() - start;
    // Compared with the slowest so far: stats.max_ms is only filled in at the end.
    if (times_ms_.empty() || took > *std::max_element(times_ms_.begin(), times_ms_.end())) stats.worst_target_us = target;
    times_ms_.push_back(took);
    if (++next_ <= targets_.size()) return;
    const FrameStats s = summarize_frames(times_ms_);
    stats.mean_ms = s.mean_ms;
    stats.p95_ms = s.p95_ms;
    stats.max_ms = s.max_ms;
    stats.seeks = s.frames;
    ++current_;
    next_ = 0;
}

std::string SeekBench::results_json() const {
    JsonWriter json;
    json.begin_object();
    for (std::size_t i = 0; i < stats_.size(); ++i) {
        const SeekStats& s = stats_[i];
        json.key(workloads_[i].name).begin_object();
        json.key("reach_ms").value(s.reach_ms, 1);
        json.key("mean_ms").value(s.mean_ms, 2);
        json.key("p95_ms").value(s.p95_ms, 2);
        json.key("max_ms").value(s.max_ms, 2);
        json.key("seeks").value(s.seeks);
        json.key("worst_target_s").value(static_cast<double>(s.worst_target_us) / 1e6, 3);
        json.end_object();
    }
    json.end_object();
    return json.take();
}

}  // namespace cs::app
