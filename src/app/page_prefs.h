#pragma once
// What the page knows about its reader beyond the URL: the system's colour
// scheme, and whether the start card was already dismissed in this session.
// One implementation per platform, chosen by CMake (page_prefs_web.cpp:
// matchMedia and sessionStorage; page_prefs_desktop.cpp: dark, and the
// process's lifetime is the session).
namespace cs::app {

bool system_prefers_light();
bool start_card_dismissed_this_session();
void remember_start_card_dismissed();

}  // namespace cs::app
