#pragma once
// The project's own PRNG (xoshiro256** seeded through splitmix64) and the few
// distributions it needs. std::*_distribution differ between libstdc++ and libc++,
// so native and wasm runs would drift apart; these do not.
#include <cstdint>

namespace cs {

class Rng {
public:
    explicit Rng(std::uint64_t seed = 1) { reseed(seed); }

    void reseed(std::uint64_t seed);
    std::uint64_t next_u64();
    // Uniform integer in [lo, hi] (inclusive); unbiased (rejection sampling).
    std::int64_t uniform(std::int64_t lo, std::int64_t hi);
    // Uniform double in [0, 1) with 53 random bits.
    double unit();
    // True with probability p (p <= 0 never, p >= 1 always).
    bool chance(double p);
    // An independent stream derived from this seed and a stream number, so that
    // adding draws to one stream (say, workload) never shifts another (say, latency).
    static Rng derive(std::uint64_t seed, std::uint64_t stream);

private:
    std::uint64_t s_[4]{};
};

}  // namespace cs
