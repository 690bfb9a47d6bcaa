#pragma once
// The page's seek benchmark (?bench=1, after the frame benchmark): how long a jump in
// time takes inside a one-hour run under heavy load. For each run it plays the hour
// once (as a student who let it run would have: the same checkpoints), then seeks,
// one seek a frame, to fixed moments spread over the hour in a shuffled order,
// backwards and forwards, and times each Host::seek. Platform-free: the web main
// passes the clock.
#include <functional>
#include <string>
#include <vector>

#include "sim/time.h"

namespace cs::app {

class Host;

struct SeekWorkload {
    std::string name;      // key in the results
    std::string scenario;  // loaded fresh
};
// "heavy": the default cluster at 10 orders/s for an hour (sold out within minutes, as
// rows 2a-2c of docs/PERFORMANCE.md); "writes": the same with stock that never runs
// out, so every order is written on every replica (row 2d): the larger state to copy.
std::vector<SeekWorkload> default_seek_workloads();

struct SeekStats {
    double reach_ms = 0;  // playing the hour the first time (a seek from 0 to its end)
    double mean_ms = 0, p95_ms = 0, max_ms = 0;
    int seeks = 0;
    TimeUs worst_target_us = 0;  // the seek that took max_ms
};

class SeekBench {
public:
    static constexpr TimeUs kRunUs = 3'600'000'000;
    // The moments it seeks to, in the order it seeks (deterministic, spread over the hour).
    static std::vector<TimeUs> targets();

    SeekBench(std::vector<SeekWorkload> workloads, std::function<double()> now_ms);
    bool done() const { return current_ >= workloads_.size(); }
    // One step a frame: the first of a workload loads it and plays the hour, each later one is one seek.
    void frame(Host& host);
    const std::vector<SeekStats>& stats() const { return stats_; }
    // {"heavy":{"reach_ms":..,"mean_ms":..,"p95_ms":..,"max_ms":..,"seeks":..,"worst_target_s":..},...}
    std::string results_json() const;

private:
    std::vector<SeekWorkload> workloads_;
    std::function<double()> now_ms_;
    std::vector<TimeUs> targets_ = targets();
    std::size_t current_ = 0;
    std::size_t next_ = 0;  // 0: not loaded yet; k: targets_[k-1] is next
    std::vector<double> times_ms_;
    std::vector<SeekStats> stats_;
};

}  // namespace cs::app
