#include <emscripten.h>

#include "app/page_prefs.h"

// Both guarded: a page opened from a file or with storage blocked still starts.
// Asked every frame: web/a11y.js keeps the flag up to date from the media query's change
// events; before it has run, the query itself is asked.
EM_JS(int, js_prefers_light, (), {
    if (typeof window.clustersimPrefersLight === 'boolean') return window.clustersimPrefersLight ? 1 : 0;
    try { return window.matchMedia && window.matchMedia('(prefers-color-scheme: light)').matches ? 1 : 0; }
    catch (e) { return 0; }
});
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
