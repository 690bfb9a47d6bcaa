// The input queue (src/app/input_queue.h): a key tapped between two frames is seen
// down for one frame and up the next, and nothing is lost or reordered.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/input_queue.h"

using cs::app::InputEvent;
using cs::app::InputQueue;

namespace {

InputEvent key(int code, int action) { return InputEvent::key(code, action); }
InputEvent button(int code, int action) { return InputEvent::button(code, action); }
InputEvent cursor(double x, double y) { return InputEvent::cursor(x, y); }
InputEvent character(int c) { return InputEvent::character(static_cast<unsigned int>(c)); }

// One frame's events, written short: "k32+" key 32 down, "k32-" up, "c55" a character,
// "b0+" button 0 down, "p10,20" the pointer at (10, 20).
std::string frame(InputQueue& q) {
    std::string out;
    q.take_frame([&](const InputEvent& e) {
        if (!out.empty()) out += ' ';
        switch (e.kind) {
        case InputEvent::Kind::Key: out += "k" + std::to_string(e.code) + (e.action == InputEvent::kRelease ? "-" : e.action == InputEvent::kPress ? "+" : "r"); break;
        case InputEvent::Kind::MouseButton: out += "b" + std::to_string(e.code) + (e.action == InputEvent::kRelease ? "-" : "+"); break;
        case InputEvent::Kind::Char: out += "c" + std::to_string(e.code); break;
        case InputEvent::Kind::CursorPos: out += "p" + std::to_string(static_cast<int>(e.x)) + "," + std::to_string(static_cast<int>(e.y)); break;
        case InputEvent::Kind::Scroll: out += "s"; break;
        }
    });
    return out;
}

}  // namespace

TEST_CASE("a key pressed and released before a frame is down for one frame, up the next") {
    InputQueue q;
    q.push(key(32, InputEvent::kPress));
    q.push(key(32, InputEvent::kRelease));
    CHECK(frame(q) == "k32+");
    CHECK(frame(q) == "k32-");
    CHECK(frame(q).empty());
    CHECK(q.waiting() == 0);
}

TEST_CASE("Ctrl+V tapped at once: both keys down in one frame, both up in the next") {
    InputQueue q;
    q.push(key(341, InputEvent::kPress));
    q.push(key(86, InputEvent::kPress));
    q.push(key(86, InputEvent::kRelease));
    q.push(key(341, InputEvent::kRelease));
    CHECK(frame(q) == "k341+ k86+");
    CHECK(frame(q) == "k86- k341-");
}

TEST_CASE("typing the same character twice gives two presses and keeps the characters in order") {
    InputQueue q;
    for (int i = 0; i < 2; ++i) {
        q.push(key(55, InputEvent::kPress));
        q.push(character('7'));
        q.push(key(55, InputEvent::kRelease));
    }
    CHECK(frame(q) == "k55+ c55");
    CHECK(frame(q) == "k55-");
    CHECK(frame(q) == "k55+ c55");
    CHECK(frame(q) == "k55-");
}

TEST_CASE("a held key's repeats do not hold up the frame") {
    InputQueue q;
    q.push(key(262, InputEvent::kPress));
    q.push(key(262, InputEvent::kRepeat));
    q.push(key(262, InputEvent::kRepeat));
    CHECK(frame(q) == "k262+ k262r k262r");
}

TEST_CASE("a click: the pointer arrives, the button goes down a frame later, up the next; the pointer moves on after") {
    InputQueue q;
    q.push(cursor(10, 20));
    q.push(button(0, InputEvent::kPress));
    q.push(cursor(10, 20));
    q.push(button(0, InputEvent::kRelease));
    q.push(cursor(300, 400));
    CHECK(frame(q) == "p10,20");
    CHECK(frame(q) == "b0+");
    CHECK(frame(q) == "p10,20");
    CHECK(frame(q) == "b0-");
    CHECK(frame(q) == "p300,400");
}

TEST_CASE("a drag starts where the button went down and ends where the pointer was let go") {
    InputQueue q;
    q.push(button(0, InputEvent::kPress));
    q.push(cursor(50, 10));
    q.push(cursor(90, 10));
    q.push(button(0, InputEvent::kRelease));
    CHECK(frame(q) == "b0+");
    CHECK(frame(q) == "p50,10 p90,10");
    CHECK(frame(q) == "b0-");
}

TEST_CASE("a double click is two presses with a frame up in between") {
    InputQueue q;
    for (int i = 0; i < 2; ++i) {
        q.push(button(0, InputEvent::kPress));
        q.push(button(0, InputEvent::kRelease));
    }
    CHECK(frame(q) == "b0+");
    CHECK(frame(q) == "b0-");
    CHECK(frame(q) == "b0+");
    CHECK(frame(q) == "b0-");
}

TEST_CASE("different keys and a mouse button go down in the same frame") {
    InputQueue q;
    q.push(key(65, InputEvent::kPress));
    q.push(key(66, InputEvent::kPress));
    q.push(button(1, InputEvent::kPress));
    CHECK(frame(q) == "k65+ k66+ b1+");
}
