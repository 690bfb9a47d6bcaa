#include "app/page_prefs.h"

namespace cs::app {
namespace {
bool g_dismissed = false;
}  // namespace

bool system_prefers_light() { return false; }  // --theme light asks for it
bool start_card_dismissed_this_session() { return g_dismissed; }
void remember_start_card_dismissed() { g_dismissed = true; }

}  // namespace cs::app
