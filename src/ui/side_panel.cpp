#include "ui/side_panel.h"

#include <imgui.h>

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

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
// The lessons come first: it is where a newcomer starts.
constexpr Tab kTabs[] = {
    {SideTab::Lesson, &lesson_panel},
    {SideTab::Inspect, &inspect_panel},
    {SideTab::Shop, &shop_panel},
    {SideTab::Data, &data_panel},
    {SideTab::Balancer, &balancer_panel},
    {SideTab::Metrics, &metrics_panel},
    {SideTab::Faults, &faults_panel},
    {SideTab::Log, &log_panel},
    {SideTab::SpaceTime, &spacetime_panel},
    {SideTab::History, &history_panel},
};

}  // namespace

namespace {

// Tab labels in rows of buttons: all of them whole, never cut to "Inspe...".
// A row is filled greedily and its buttons stretched to the panel's width.
// False when they would need more than `max_rows` rows.
bool tab_rows(UiState& state, float width, int max_rows, float scale) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float gap = 2.0f * scale;
    std::vector<std::vector<int>> rows(1);
    float used = 0.0f;
    std::vector<float> widths;
    for (int i = 0; i < static_cast<int>(std::size(kTabs)); ++i) {
        const float w = ImGui::CalcTextSize(side_tab_name(kTabs[i].id)).x + style.FramePadding.x * 2.0f;
        widths.push_back(w);
        if (!rows.back().empty() && used + gap + w > width) {
            rows.emplace_back();
            used = 0.0f;
        }
        used += (rows.back().empty() ? 0.0f : gap) + w;
        rows.back().push_back(i);
    }
    if (static_cast<int>(rows.size()) > max_rows) return false;
    // Even rows (5 and 5 rather than 9 and 1) when they fit.
    if (rows.size() > 1) {
        const std::size_t per_row = (widths.size() + rows.size() - 1) / rows.size();
        std::vector<std::vector<int>> even;
        bool fits = true;
        for (std::size_t start = 0; start < widths.size(); start += per_row) {
            even.emplace_back();
            float row_w = 0.0f;
            for (std::size_t i = start; i < std::min(start + per_row, widths.size()); ++i) {
                row_w += (even.back().empty() ? 0.0f : gap) + widths[i];
                even.back().push_back(static_cast<int>(i));
            }
            fits = fits && row_w <= width;
        }
        if (fits) rows = std::move(even);
    }
    for (const std::vector<int>& row : rows) {
        float row_w = gap * static_cast<float>(row.size() - 1);
        for (int i : row) row_w += widths[static_cast<std::size_t>(i)];
        const float extra = (width - row_w) / static_cast<float>(row.size());
        bool first = true;
        for (int i : row) {
            if (!first) ImGui::SameLine(0, gap);
            first = false;
            const SideTab id = kTabs[i].id;
            const bool selected = state.tab == id;
            ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(selected ? ImGuiCol_TabActive : ImGuiCol_Tab));
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::GetStyleColorVec4(ImGuiCol_TabHovered));
            if (ImGui::Button(side_tab_name(id), ImVec2(widths[static_cast<std::size_t>(i)] + extra, 0))) state.tab = id;
            ImGui::PopStyleColor(2);
            expose_last_item(std::string("tab/") + side_tab_name(id));
            // The label's own width, for the test that no tab is too narrow for its name.
            const ImVec2 at = ImGui::GetItemRectMin();
            expose_rect(std::string("tab-label/") + side_tab_name(id), at.x, at.y,
                        ImGui::CalcTextSize(side_tab_name(id)).x, ImGui::GetItemRectSize().y);
        }
    }
    return true;
}

// A narrow column (a phone): one drop-down instead of the tabs.
void tab_menu(UiState& state) {
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::BeginCombo("##tabs", side_tab_name(state.tab), ImGuiComboFlags_HeightLargest)) {
        for (const Tab& tab : kTabs) {
            if (ImGui::Selectable(side_tab_name(tab.id), state.tab == tab.id)) state.tab = tab.id;
            expose_last_item(std::string("tab/") + side_tab_name(tab.id));
        }
        ImGui::EndCombo();
    }
    expose_last_item("tabs/menu");
}

}  // namespace

void side_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out, bool dropdown) {
    state.tab_requested = false;  // the tabs below show state.tab as it is
    const float width = ImGui::GetContentRegionAvail().x;
    if (dropdown || !tab_rows(state, width, 2, in.scale)) tab_menu(state);
    ImGui::Separator();
    for (const Tab& tab : kTabs) {
        if (tab.id != state.tab || !tab.draw) continue;
        ImGui::PushID(side_tab_name(tab.id));
        tab.draw(sim, in, state, out);
        ImGui::PopID();
    }
}

}  // namespace cs::ui
