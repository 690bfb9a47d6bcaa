#include <emscripten.h>

#include "app/page_prefs.h"

// Asked every frame: web/a11y.js (run with the script, before main()) keeps the flag up
// to date from the media query's change events, as it does for reduced motion.
EM_JS(int, js_prefers_light, (), { return window.clustersimPrefersLight ? 1 : 0; });
// Guarded: a page opened from a file or with storage blocked still starts.
EM_JS(int, js_start_dismissed, (), {
    try { return window.sessionStorage.getItem('clustersim.startCardDismissed') === '1' ? 1 : 0; }
    catch (e) { return 0; }
});
EM_JS(void, js_remember_start_dismissed, (), {
    try { window.sessionStorage.setItem('clustersim.startCardDismissed', '1'); } catch (e) {}
});

namespace cs::app {

bool system_prefers_light() { return js_prefers_light() != 0; }
bool start_card_dismissed_this_session() { return js_start_dismissed() != 0; }
void remember_start_card_dismissed() { js_remember_start_dismissed(); }

}  // namespace cs::app
