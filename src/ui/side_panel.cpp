#include "ui/side_panel.h"

#include <imgui.h>

#include <cctype>
#include <iterator>
#include <string>

#include "ui/balancer_panel.h"
#include "ui/data_panel.h"
#include "ui/faults_panel.h"
#include "ui/history_panel.h"
#include "ui/inspect_panel.h"
#include "ui/lesson_panel.h"
#include "ui/log_panel.h"
#include "ui/metrics_panel.h"
#include "ui/shop_panel.h"
#include "ui/spacetime_panel.h"
#include "ui/test_hooks.h"

namespace cs::ui {
namespace {

struct Tab {
    SideTab id;
    PanelFn draw;
};

// The tabs in display order. A window's file provides its PanelFn; add it here.
constexpr Tab kTabs[] = {
    {SideTab::Inspect, &inspect_panel},
    {SideTab::Shop, &shop_panel},
    {SideTab::Data, &data_panel},
    {SideTab::Balancer, &balancer_panel},
    {SideTab::Metrics, &metrics_panel},
    {SideTab::Faults, &faults_panel},
    {SideTab::Log, &log_panel},
    {SideTab::SpaceTime, &spacetime_panel},
    {SideTab::History, &history_panel},
    {SideTab::Lesson, &lesson_panel},
};

}  // namespace

const char* side_tab_name(SideTab tab) {
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

bool side_tab_from_view(const char* view, SideTab& out) {
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

void side_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    if (!ImGui::BeginTabBar("side-tabs", ImGuiTabBarFlags_FittingPolicyResizeDown)) return;
    for (const Tab& tab : kTabs) {
        if (!tab.draw) continue;
        const bool select = state.tab_requested && state.tab == tab.id;
        const bool open = ImGui::BeginTabItem(side_tab_name(tab.id), nullptr, select ? ImGuiTabItemFlags_SetSelected : 0);
        // The tab itself, before the open tab's contents become the last item.
        expose_last_item(std::string("tab/") + side_tab_name(tab.id));
        if (open) {
            if (!state.tab_requested) state.tab = tab.id;
            tab.draw(sim, in, state, out);
            ImGui::EndTabItem();
        }
    }
    state.tab_requested = false;
    ImGui::EndTabBar();
}

}  // namespace cs::ui
