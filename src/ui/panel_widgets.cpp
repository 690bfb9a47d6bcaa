#include "ui/panel_widgets.h"

#include <algorithm>

#include "ui/fonts.h"
#include "ui/theme.h"

namespace cs::ui {

ImU32 server_color(NodeId server) {
    // Okabe-Ito based, brightened for a dark background: apart for the common
    // colour-vision deficiencies, and the first six (the default cluster) are the most distinct.
    static constexpr ImU32 kPalette[] = {
        IM_COL32(86, 180, 233, 255),  IM_COL32(230, 159, 0, 255),   IM_COL32(0, 200, 150, 255),
        IM_COL32(240, 228, 66, 255),  IM_COL32(200, 140, 255, 255), IM_COL32(255, 95, 95, 255),
        IM_COL32(214, 130, 180, 255), IM_COL32(200, 200, 200, 255),
    };
    constexpr int n = static_cast<int>(sizeof kPalette / sizeof kPalette[0]);
    if (server < 1) return color::kText;
    const int index = (server - 1) % n;
    const int round = (server - 1) / n;
    if (round == 0) return kPalette[index];
    // Beyond eight servers colours repeat, every round a little darker (the legend tells them apart).
    ImVec4 c = ImGui::ColorConvertU32ToFloat4(kPalette[index]);
    const float dim = 1.0f - 0.18f * static_cast<float>(round % 4);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.x * dim, c.y * dim, c.z * dim, 1.0f));
}

ImU32 status_color(OrderStatus status) {
    switch (status) {
        case OrderStatus::Pending: return panel_color::kPending;
        case OrderStatus::Acknowledged: return panel_color::kGood;
        case OrderStatus::Rejected: return color::kWarning;
        case OrderStatus::Unknown: return panel_color::kBad;
    }
    return color::kText;
}

bool begin_panel_body(const char* id) {
    return ImGui::BeginChild(id, ImVec2(0, 0), false, ImGuiWindowFlags_None);
}

void end_panel_body() { ImGui::EndChild(); }

void heading(const char* text) {
    ImGui::Dummy(ImVec2(0, ImGui::GetStyle().ItemSpacing.y * 0.5f));
    if (fonts().bold) ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted(text);
    if (fonts().bold) ImGui::PopFont();
}

void hint(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kTextDim));
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

bool coloured_button(const char* label, ImU32 colour, ImVec2 size) {
    const ImVec4 base = ImGui::ColorConvertU32ToFloat4(colour);
    const auto lighter = [&](float f) { return ImVec4(std::min(base.x * f, 1.0f), std::min(base.y * f, 1.0f), std::min(base.z * f, 1.0f), 1.0f); };
    ImGui::PushStyleColor(ImGuiCol_Button, base);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, lighter(1.25f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, lighter(1.45f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ink_on(colour)));  // readable in both themes
    const bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor(4);
    return pressed;
}

void text_right(const char* text, ImU32 colour) {
    const float room = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(text).x;
    if (room > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + room);
    if (colour) text_colored(colour, text);
    else ImGui::TextUnformatted(text);
}

void text_colored(ImU32 colour, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

void item_tooltip(const char* text) {
    if (!ImGui::IsItemHovered()) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void help_marker(const char* text) {
    ImGui::SameLine();
    text_colored(color::kTextDim, "(?)");
    item_tooltip(text);
}

void bar(float fraction, ImVec2 size, ImU32 colour, const char* label) {
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const ImVec2 b(a.x + size.x, a.y + size.y);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float rounding = size.y * 0.2f;
    draw->AddRectFilled(a, b, panel_color::kBarTrack, rounding);
    const float f = fraction < 0 ? 0.0f : fraction > 1 ? 1.0f : fraction;
    if (f > 0) draw->AddRectFilled(a, ImVec2(a.x + size.x * f, b.y), colour, rounding);
    if (label && *label) {
        const ImVec2 text = ImGui::CalcTextSize(label);
        const ImVec2 at(a.x + 4.0f, a.y + (size.y - text.y) * 0.5f);
        // A dark halo keeps the label readable over any bar colour.
        draw->AddText(ImVec2(at.x + 1, at.y + 1), IM_COL32(0, 0, 0, 200), label);
        draw->AddText(at, color::kText, label);
    }
    ImGui::Dummy(size);
}

}  // namespace cs::ui
