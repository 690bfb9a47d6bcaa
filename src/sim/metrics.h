#pragma once
// Measurements of the queueing model (docs/MODEL.md), sampled once per simulated
// second into bounded ring buffers. Every number here is computed from simulated
// events: nothing is drawn at random.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

#include "time.h"

namespace cs {

// A fixed-capacity ring buffer: the newest value overwrites the oldest.
template <typename T, std::size_t N>
class Ring {
public:
    void push(T value) {
        data_[head_] = value;
        head_ = (head_ + 1) % N;
        if (size_ < N) ++size_;
    }
    std::size_t size() const { return size_; }
    static constexpr std::size_t capacity() { return N; }
    // i = 0 is the oldest value kept.
    T at(std::size_t i) const { return data_[(head_ + N - size_ + i) % N]; }
    T back() const { return size_ ? at(size_ - 1) : T{}; }
    void clear() { head_ = size_ = 0; }

private:
    std::array<T, N> data_{};
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

constexpr std::size_t kSeriesSeconds = 600;  // 10 minutes at 1 s

// One client request the server finished: when, and how long it took (queue wait + service).
struct ResponseSample {
    TimeUs done_us = 0;
    float response_ms = 0;
};

struct ServerMetrics {
    // Running totals.
    std::uint64_t completed = 0;       // work items served (client requests and replication)
    std::uint64_t requests = 0;        // client requests (orders, reads) served
    std::uint64_t refused = 0;         // refused because the queue was full
    std::uint64_t errors = 0;          // server-side failures: refusals
    TimeUs busy_us_total = 0;          // time spent serving

    // The current sample interval, reset at every sample.
    TimeUs busy_us_window = 0;
    std::uint64_t completed_window = 0;
    std::uint64_t requests_window = 0;
    std::uint64_t errors_window = 0;
    // The latest client responses; mean and p95 use those of the last response window.
    Ring<ResponseSample, 256> recent_responses;

    // Latest values (what the UI and the state JSON show).
    double cpu = 0;               // busy fraction of the last sample interval, 0..1
    double response_mean_ms = 0;  // over the response window; 0 when nothing was served in it
    double response_p95_ms = 0;
    double throughput = 0;        // client requests completed per second
    double memory_mb = 0;
    double error_rate = 0;        // errors / (requests served + errors), last interval
    int queue_depth = 0;          // requests waiting, not counting the one in service
    int connections = 0;          // requests in service or waiting
    int health = 100;             // 0..100, as last computed by the server itself

    // Per-second history.
    Ring<float, kSeriesSeconds> cpu_series;
    Ring<float, kSeriesSeconds> queue_series;
    Ring<float, kSeriesSeconds> response_series;
    Ring<float, kSeriesSeconds> throughput_series;
    Ring<float, kSeriesSeconds> memory_series;
};

// Mean and p95 (nearest rank) of the responses finished at or after since_us; 0 and 0
// when there were none, so an idle server does not keep showing an old number.
inline void summarize_responses(ServerMetrics& mt, TimeUs since_us) {
    float values[decltype(mt.recent_responses)::capacity()];
    std::size_t n = 0;
    double sum = 0;
    for (std::size_t i = 0; i < mt.recent_responses.size(); ++i) {
        const ResponseSample r = mt.recent_responses.at(i);
        if (r.done_us < since_us) continue;
        values[n++] = r.response_ms;
        sum += r.response_ms;
    }
    if (n == 0) {
        mt.response_mean_ms = mt.response_p95_ms = 0;
        return;
    }
    std::sort(values, values + n);
    mt.response_mean_ms = sum / static_cast<double>(n);
    mt.response_p95_ms = values[(n * 95 + 99) / 100 - 1];
}

// The health score (docs/MODEL.md): 100 for an idle server, down to 0 as the CPU
// saturates, the queue fills and requests fail. The load balancer scores a server
// that did not answer its check 0 whatever this says.
inline int health_score(double cpu, double queue_fill, double error_rate) {
    const double score = 100.0 - 40.0 * std::clamp(cpu, 0.0, 1.0) - 30.0 * std::clamp(queue_fill, 0.0, 1.0) -
                         30.0 * std::clamp(error_rate, 0.0, 1.0);
    return std::clamp(static_cast<int>(score + 0.5), 0, 100);
}

// The memory model (docs/MODEL.md): a fixed footprint plus what the server holds:
// about 1 KB per stored order, 16 KB per request in its queue (buffers, a connection)
// and 2 KB per write or forwarded order it is still waiting on.
inline double memory_model_mb(std::size_t log_entries, std::size_t queued, std::size_t in_progress) {
    return 64.0 + static_cast<double>(log_entries) / 1024.0 + static_cast<double>(queued) / 64.0 +
           static_cast<double>(in_progress) / 512.0;
}

}  // namespace cs
