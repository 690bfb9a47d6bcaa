#include "ui/spacetime_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cs::ui {

float SpaceTimeFrame::time_y(TimeUs t) const {
    const double f = static_cast<double>(t - from_us) / static_cast<double>(std::max<TimeUs>(1, to_us - from_us));
    return top + static_cast<float>(f * static_cast<double>(height));
}

TimeUs SpaceTimeFrame::time_at(float y) const {
    const double f = static_cast<double>(y - top) / static_cast<double>(std::max(1.0f, height));
    return from_us + static_cast<TimeUs>(std::llround(f * static_cast<double>(to_us - from_us)));
}

int SpaceTimeFrame::lane_at(float x) const {
    const int lane = static_cast<int>(std::floor((x - left) / lane_width()));
    return std::clamp(lane, 0, lanes - 1);
}

TimeUs zoom_about(TimeUs from_us, TimeUs& span_us, double factor, TimeUs anchor_us) {
    const TimeUs old_span = span_us;
    span_us = std::clamp<TimeUs>(static_cast<TimeUs>(std::llround(static_cast<double>(old_span) * factor)), kMinSpanUs,
                                 kMaxSpanUs);
    const double at = static_cast<double>(anchor_us - from_us) / static_cast<double>(std::max<TimeUs>(1, old_span));
    return anchor_us - static_cast<TimeUs>(std::llround(at * static_cast<double>(span_us)));
}

float distance_to_segment(float px, float py, float ax, float ay, float bx, float by) {
    const float dx = bx - ax, dy = by - ay;
    const float length2 = dx * dx + dy * dy;
    float t = length2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / length2 : 0.0f;
    t = std::clamp(t, 0.0f, 1.0f);
    const float cx = ax + t * dx - px, cy = ay + t * dy - py;
    return std::sqrt(cx * cx + cy * cy);
}

const char* format_span(TimeUs span_us, char* buffer, int size) {
    if (span_us < 1000000) std::snprintf(buffer, static_cast<std::size_t>(size), "%g ms", static_cast<double>(span_us) / 1000.0);
    else if (span_us < 120000000) std::snprintf(buffer, static_cast<std::size_t>(size), "%.3g s", static_cast<double>(span_us) / 1e6);
    else std::snprintf(buffer, static_cast<std::size_t>(size), "%.3g min", static_cast<double>(span_us) / 6e7);
    return buffer;
}

}  // namespace cs::ui
