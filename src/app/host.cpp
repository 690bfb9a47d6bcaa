#include "app/host.h"

#include <algorithm>
#include <cmath>

#include "app/scenario_loader.h"

namespace cs::app {

Host::Host(const StartOptions& options)
    : sim_(std::make_unique<Simulation>(options.config)) {
    if (options.seed_given) seed_override_ = options.config.seed;
    playback_.speed = options.speed;
    for (const std::string& notice : options.notices) notify(notice);
    if (!options.scenario.empty()) {
        const CommandResult result = load(options.scenario);
        if (!result.ok) notify("scenario not loaded: " + result.error);
    }
}

void Host::tick(double wall_dt_s) {
    if (playback_.paused) {
        behind_ = false;
        return;
    }
    behind_ = advance(*sim_, wall_dt_s, playback_.speed, limits_).behind;
}

CommandResult Host::command(std::string_view line) { return sim_->execute(line); }

CommandResult Host::load(std::string_view text) {
    LoadResult loaded = load_scenario(text, seed_override_);
    if (!loaded.sim) return CommandResult{false, loaded.error};
    sim_ = std::move(loaded.sim);
    return {};
}

bool Host::set_speed(double speed) {
    if (!std::isfinite(speed) || speed <= 0.0) return false;
    playback_.speed = std::clamp(speed, ui::kMinSpeed, ui::kMaxSpeed);
    return true;
}

void Host::apply(const ui::Actions& actions) {
    if (actions.dismiss_notices) clear_notices();
    playback_.paused = actions.playback.paused;
    set_speed(actions.playback.speed);
    for (const std::string& line : actions.commands) {
        const CommandResult result = command(line);
        if (!result.ok) notify(line + ": " + result.error);
    }
}

void Host::notify(std::string text) {
    notices_.push_back(std::move(text));
    if (notices_.size() > kMaxNotices) notices_.erase(notices_.begin());
}

}  // namespace cs::app
