// The page: navigator.clipboard, a download through a Blob link, and the
// page's own address (so links work wherever the files are hosted).
#include <emscripten.h>

#include <cstdlib>

#include "app/platform_share.h"

EM_JS(char*, js_page_address, (), {
    return allocateUTF8(window.location.origin + window.location.pathname);
});

// The click that asked for the copy was a frame ago, still within the browser's
// user-activation window. A refusal (no permission, not a secure context) is not
// an error for the page: the link is also shown in a text field to copy by hand.
EM_JS(int, js_copy_to_clipboard, (const char* text), {
    var value = UTF8ToString(text);
    window.clustersimLastCopied = value;
    if (!navigator.clipboard || !navigator.clipboard.writeText) return 0;
    navigator.clipboard.writeText(value).then(function () {}, function () {});
    return 1;
});

EM_JS(void, js_download, (const char* name, const char* mime, const char* data, int size), {
    var bytes = HEAPU8.slice(data, data + size);
    var blob = new Blob([bytes], { type: UTF8ToString(mime) });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = UTF8ToString(name);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
});

namespace cs::app {

SharePlatform platform_share() {
    SharePlatform p;
    p.page_address = [] {
        char* address = js_page_address();
        std::string out(address);
        std::free(address);
        return out;
    };
    p.copy_to_clipboard = [](const std::string& text) { return js_copy_to_clipboard(text.c_str()) != 0; };
    p.save_file = [](const std::string& file_name, const std::string& mime, const std::string& content) {
        js_download(file_name.c_str(), mime.c_str(), content.data(), static_cast<int>(content.size()));
        return "downloading " + file_name;
    };
    return p;
}

}  // namespace cs::app
