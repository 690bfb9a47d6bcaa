#pragma once
// What the layout remembers between frames (layout.cpp): sizes it can only
// measure by drawing, used to share out the next frame's space.
namespace cs::ui {

struct LayoutState {
    // Height the embedded (or stacked) lesson's contents took last frame, at
    // lesson_width: the next frame gives the lesson that much if it can.
    float lesson_content_h = 0.0f;
    float lesson_width = 0.0f;
    // A phone's Lesson tab: how much more room than its default share the side got,
    // grown a step a frame until the lesson's buttons show; reset with each new step.
    float side_extra = 0.0f;
    unsigned long long lesson_generation = 0;
};

}  // namespace cs::ui
