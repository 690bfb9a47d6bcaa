#pragma once
// Owns the simulation and the playback state, and is the only place where
// anything changes: the UI's actions, the JS API and the command line all go
// through here. Platform-free; the GLFW/browser mains drive it.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/frame_clock.h"
#include "app/options.h"
#include "sim/simulation.h"
#include "ui/frame_io.h"

namespace cs::app {

class Host {
public:
    explicit Host(const StartOptions& options);

    const Simulation& sim() const { return *sim_; }
    const ui::Playback& playback() const { return playback_; }
    bool behind() const { return behind_; }
    const std::vector<std::string>& notices() const { return notices_; }

    // One frame of wall time: advance the simulation unless paused.
    void tick(double wall_dt_s);
    // Jump ahead to simulated time t (start-up only: no per-frame cap applies).
    void run_to(TimeUs t) {
        if (t > sim_->now_us()) sim_->run_until(t);
    }

    // One scenario line, now. Refused lines leave the simulation untouched.
    CommandResult command(std::string_view line);
    // Replaces the whole scenario (a fresh simulation). On error nothing changes.
    CommandResult load(std::string_view text);

    void pause() { playback_.paused = true; }
    void resume() { playback_.paused = false; }
    // Clamped to the slider's range; false (and no change) for a non-number.
    bool set_speed(double speed);

    // What the user asked for through the UI this frame.
    void apply(const ui::Actions& actions);

    void notify(std::string text);
    void clear_notices() { notices_.clear(); }

private:
    static constexpr std::size_t kMaxNotices = 4;  // newest kept; the strip is one line

    std::optional<std::uint64_t> seed_override_;
    std::unique_ptr<Simulation> sim_;
    ui::Playback playback_;
    ClockLimits limits_;
    bool behind_ = false;
    std::vector<std::string> notices_;
};

}  // namespace cs::app
