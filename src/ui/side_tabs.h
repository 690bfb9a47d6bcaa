#pragma once
// The side panel's tabs and their names. Header-only and free of ImGui, because
// the host layer (src/app/host.cmake: URL parameters, desktop arguments, lesson
// `## view:` lines) reads tab names too and is linked without the UI.
#include <cctype>
#include <cstdint>
#include <string>

namespace cs::ui {

enum class SideTab : std::uint8_t {
    Inspect, Shop, Data, Balancer, Metrics, Faults, Log, SpaceTime, History, Lesson, Count
};

inline const char* side_tab_name(SideTab tab) {
    switch (tab) {
        case SideTab::Inspect: return "Inspect";
        case SideTab::Shop: return "Shop";
        case SideTab::Data: return "Data";
        case SideTab::Balancer: return "Balancer";
        case SideTab::Metrics: return "Metrics";
        case SideTab::Faults: return "Faults";
        case SideTab::Log: return "Log";
        case SideTab::SpaceTime: return "Space-time";
        case SideTab::History: return "History";
        case SideTab::Lesson: return "Lesson";
        case SideTab::Count: break;
    }
    return "?";
}

// The tab a `view=` URL parameter names (its name in lower case, without the hyphen).
inline bool side_tab_from_view(const char* view, SideTab& out) {
    const std::string wanted = view ? view : "";
    for (int i = 0; i < static_cast<int>(SideTab::Count); ++i) {
        std::string name;
        for (const char* c = side_tab_name(static_cast<SideTab>(i)); *c; ++c)
            if (*c != '-') name += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
        if (name == wanted) {
            out = static_cast<SideTab>(i);
            return true;
        }
    }
    return false;
}

}  // namespace cs::ui
