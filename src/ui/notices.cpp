#include "ui/notices.h"

#include <imgui.h>

#include "ui/theme.h"

namespace cs::ui {

void notices(const std::vector<std::string>& lines, const FrameInput&, Actions& out) {
    if (ImGui::SmallButton("dismiss")) out.dismiss_notices = true;
    for (const std::string& line : lines) {
        ImGui::SameLine();
        ImGui::TextColored(ImColor(color::kWarning), "%s", line.c_str());
    }
}

}  // namespace cs::ui
