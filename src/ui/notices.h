#pragma once
#include <string>
#include <vector>

#include "ui/frame_io.h"

namespace cs::ui {

// Messages for the user (a malformed URL parameter, a refused command), with a
// button to dismiss them. Draws into the current window.
void notices(const std::vector<std::string>& lines, const FrameInput& in, Actions& out);

}  // namespace cs::ui
