#pragma once
// Measurements of the queueing model, sampled once per simulated second into
// bounded ring buffers. Every number here is computed from simulated events.
#include <array>
#include <cstddef>
#include <cstdint>

#include "sim/time.h"

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

struct ServerMetrics {
    // Running totals.
    std::uint64_t completed = 0;       // requests served
    std::uint64_t refused = 0;         // refused because the queue was full
    std::uint64_t errors = 0;          // answered with an error (rejected/failed)
    TimeUs busy_us_total = 0;          // time spent serving

    // Sliding windows (the last sample interval).
    TimeUs busy_us_window = 0;
    std::uint64_t completed_window = 0;
    std::uint64_t errors_window = 0;
    Ring<float, 256> recent_response_ms;  // last responses, for mean and p95

    // Latest values (what the UI and the state JSON show).
    double cpu = 0;               // busy fraction of the last second, 0..1
    double response_mean_ms = 0;
    double response_p95_ms = 0;
    double throughput = 0;        // completed requests per second
    double memory_mb = 0;
    double error_rate = 0;
    int connections = 0;          // requests in service or queued
    int health = 100;             // as last computed by the server itself

    // Per-second history.
    Ring<float, kSeriesSeconds> cpu_series;
    Ring<float, kSeriesSeconds> queue_series;
    Ring<float, kSeriesSeconds> response_series;
    Ring<float, kSeriesSeconds> throughput_series;
    Ring<float, kSeriesSeconds> memory_series;
};

}  // namespace cs
