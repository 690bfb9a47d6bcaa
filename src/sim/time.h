#pragma once
// Simulated time. Integer microseconds everywhere, so runs are exact and identical
// on every platform; never mixed with wall-clock time inside src/sim.
#include <cstdint>

namespace cs {

using TimeUs = std::int64_t;

constexpr TimeUs us_from_ms(std::int64_t ms) { return ms * 1000; }
constexpr TimeUs us_from_s(std::int64_t s) { return s * 1000000; }
constexpr double ms_from_us(TimeUs t) { return static_cast<double>(t) / 1000.0; }

}  // namespace cs
