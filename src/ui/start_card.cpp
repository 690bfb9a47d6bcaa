#include "ui/start_card.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/fonts.h"
#include "ui/test_hooks.h"
#include "ui/theme.h"
#include "ui/ui_state.h"

namespace cs::ui {
namespace {

constexpr const char* kPopup = "Welcome to clustersim";

void close_card(UiState& state) {
    state.start_card.open = false;
    ImGui::CloseCurrentPopup();
}

// A full-width button per lesson, grouped under its course section.
void lesson_buttons(const LessonView& lessons, UiState& state, Actions& out) {
    std::string section;
    for (const LessonListItem& item : lessons.catalogue) {
        if (item.section != section) {
            section = item.section;
            ImGui::Spacing();
            ImGui::TextColored(ImColor(color::kTextDim), "%s", section.c_str());
        }
        ImGui::PushID(item.name.c_str());
        if (ImGui::Button(item.title.c_str(), ImVec2(-1.0f, 0))) {
            out.course.open_lesson = item.name;
            state.open(SideTab::Lesson);
            close_card(state);
        }
        ImGui::PopID();
        expose_last_item("start/" + item.name);
    }
}

}  // namespace

void start_card(const FrameInput& in, UiState& state, Actions& out) {
    if (!state.start_card.open || !in.course) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float margin = 12.0f * in.scale;
    const float width = std::min(600.0f * in.scale, viewport->WorkSize.x - 2.0f * margin);
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                   viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0.0f), ImVec2(width, viewport->WorkSize.y - 2.0f * margin));
    if (!ImGui::IsPopupOpen(kPopup)) ImGui::OpenPopup(kPopup);
    ImGui::PushStyleColor(ImGuiCol_PopupBg, ImColor(color::kOverlayBg).Value);
    ImGui::PushStyleColor(ImGuiCol_ModalWindowDimBg, ImColor(color::kDim).Value);
    const bool shown = ImGui::BeginPopupModal(kPopup, nullptr,
                                              ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
                                                  ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleColor(2);
    if (!shown) return;
    const ImVec2 at = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    expose_rect("start", at.x, at.y, size.x, size.y);

    ImGui::PushFont(fonts().bold);
    ImGui::TextWrapped("A cluster of servers you can break, and watch recover");
    ImGui::PopFont();
    ImGui::TextWrapped("Six servers keep the stock of an online shop. One of them leads and copies every order "
                       "to the others. Crash servers, cut the network, send orders, and watch them elect a leader, "
                       "replicate, and stay correct (or not). Every run is an exact simulation you can replay.");
    ImGui::Spacing();
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted("Start with a lesson");
    ImGui::PopFont();
    lesson_buttons(in.course->lesson, state, out);
    ImGui::Spacing();
    ImGui::Separator();
    if (ImGui::Button("Free play")) {
        state.open(SideTab::Shop);
        close_card(state);
    }
    expose_last_item("start/free-play");
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, ImColor(color::kTextDim).Value);
    ImGui::TextWrapped("%s", "Explore on your own. The Lesson tab lists the lessons any time.");
    ImGui::PopStyleColor();
    if (state.start_card.open && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) close_card(state);
    ImGui::EndPopup();
}

}  // namespace cs::ui
