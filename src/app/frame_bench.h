#pragma once
// The page's frame-time benchmark (?bench=1): fixed workloads, a few hundred
// frames each, the CPU time of every frame (host tick + UI build + render
// submission) summarised as mean and 95th percentile. Platform-free: the web
// main measures the time and hands it over; this decides what runs when and
// does the statistics (unit-tested in tests/app/test_frame_bench.cpp).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/time.h"

namespace cs::app {

class Host;

struct BenchWorkload {
    std::string name;       // key in the results: "servers6", "servers64"
    std::string scenario;   // loaded fresh at the start of the workload
    TimeUs warm_up_to_us;   // simulated before measuring (not measured): the leader is settled, the load running
    double speed;           // simulated seconds per frame of 1/60 s x 60
    int frames;             // measured frames
    int warm_up_frames = 0; // drawn first and not measured (the page's first frame compiles shaders)
};

// 6 servers under heavy load and 64 servers under heavy load, at 1x.
std::vector<BenchWorkload> default_bench_workloads();

struct FrameStats {
    double mean_ms = 0;
    double p95_ms = 0;
    double max_ms = 0;
    int frames = 0;
};

// One frame's CPU time and its parts.
struct FrameSample {
    double total_ms = 0;
    double tick_ms = 0;    // Host::tick: simulating
    double build_ms = 0;   // building the UI (every window) up to ImGui::Render
    double render_ms = 0;  // submitting the draw lists to WebGL
};
FrameStats summarize_frames(std::vector<double> frame_ms);

class FrameBench {
public:
    explicit FrameBench(std::vector<BenchWorkload> workloads);

    bool done() const { return current_ >= workloads_.size(); }
    // Before a frame: loads the next workload into the host when one starts.
    void before_frame(Host& host);
    // After the frame, with its CPU time.
    void after_frame(const FrameSample& sample);
    // {"servers6":{"mean_ms":..,"p95_ms":..,"max_ms":..,"frames":..,
    //              "parts_mean_ms":{"tick":..,"build":..,"render":..}},...}
    std::string results_json() const;
    // One line for the notice strip: "frame benchmark: servers6 1.2 ms mean, 2.0 ms p95; ..."
    std::string summary() const;
    // The wall time each benchmark frame stands for (fixed, so runs compare).
    static constexpr double kFrameS = 1.0 / 60.0;

private:
    std::vector<BenchWorkload> workloads_;
    struct Result {
        FrameStats total;
        double tick_ms = 0, build_ms = 0, render_ms = 0;  // means
    };
    std::vector<Result> results_;
    std::size_t current_ = 0;
    bool started_ = false;
    std::vector<FrameSample> samples_;
    int warm_up_left_ = 0;
};

// Removes a `bench=1` pair from a URL query string (it is the page's business,
// not the simulation's) and says whether it was there.
bool take_bench_param(std::string& query);

}  // namespace cs::app
