#pragma once
// The user's input, queued and handed to Dear ImGui one frame's worth at a time.
//
// ImGui 1.86 reads keys and mouse buttons as "down or up" once per frame. A key
// pressed and released between two frames (a quick tap, or a test that presses
// and releases in one go) would be up again by the time the frame looks, and the
// press would be lost. So input events wait here, in the order they came, and
// each frame takes them up to the first one that would undo something the same
// frame already did: a key or button changes at most once per frame; a button
// does not change in the frame the pointer moved in (ImGui lets an item take a
// click only once the pointer has been over it for a frame, as it would be when a
// person clicks); and the pointer does not move on in the frame a button changed
// in (the click lands where it was made, a drag starts where the button went
// down). What is not taken waits for the next frame. Plain data, no GLFW and no ImGui, so that
// tests/app checks it natively; src/app/gui.cpp feeds it and applies it.
#include <cstddef>
#include <deque>
#include <set>
#include <utility>

namespace cs::app {

struct InputEvent {
    enum class Kind { Key, Char, MouseButton, CursorPos, Scroll };
    // The same numbers as GLFW_RELEASE, GLFW_PRESS and GLFW_REPEAT.
    static constexpr int kRelease = 0, kPress = 1, kRepeat = 2;

    Kind kind = Kind::Key;
    int code = 0;      // Key: the key; MouseButton: the button; Char: the character
    int scancode = 0;  // Key only
    int action = 0;    // Key, MouseButton: kRelease, kPress or kRepeat
    int mods = 0;      // Key, MouseButton: the modifier bits
    double x = 0, y = 0;  // CursorPos: the position; Scroll: the offsets

    static InputEvent key(int key, int action, int scancode = 0, int mods = 0) {
        return {Kind::Key, key, scancode, action, mods};
    }
    static InputEvent button(int button, int action, int mods = 0) { return {Kind::MouseButton, button, 0, action, mods}; }
    static InputEvent character(unsigned int c) { return {Kind::Char, static_cast<int>(c)}; }
    static InputEvent cursor(double x, double y) { return {Kind::CursorPos, 0, 0, 0, 0, x, y}; }
    static InputEvent scroll(double dx, double dy) { return {Kind::Scroll, 0, 0, 0, 0, dx, dy}; }

    // Whether this event makes a key or button go down or up (a repeat does not).
    bool switches() const {
        return (kind == Kind::Key || kind == Kind::MouseButton) && (action == kPress || action == kRelease);
    }
};

class InputQueue {
public:
    void push(const InputEvent& event) { pending_.push_back(event); }
    std::size_t waiting() const { return pending_.size(); }

    // Hands this frame's events to apply(const InputEvent&), oldest first; keeps the rest.
    template <class Apply>
    void take_frame(Apply&& apply) {
        std::set<std::pair<int, int>> switched;  // (kind, code) changed in this frame
        bool button_switched = false, pointer_moved = false;
        while (!pending_.empty()) {
            const InputEvent& event = pending_.front();
            const bool button = event.kind == InputEvent::Kind::MouseButton && event.switches();
            if (event.switches() && switched.count({static_cast<int>(event.kind), event.code})) break;
            if (event.kind == InputEvent::Kind::CursorPos && button_switched) break;
            if (button && pointer_moved) break;
            if (event.switches()) switched.insert({static_cast<int>(event.kind), event.code});
            button_switched = button_switched || button;
            pointer_moved = pointer_moved || event.kind == InputEvent::Kind::CursorPos;
            apply(event);
            pending_.pop_front();
        }
    }

private:
    std::deque<InputEvent> pending_;
};

}  // namespace cs::app
