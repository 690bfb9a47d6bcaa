#pragma once
// The functions behind the lesson, link and export parts of window.clustersim
// (web/share.js calls them with ccall; web/api.js holds the rest).

namespace cs::app {

class Host;
class CourseTools;

// What the JS functions talk to; null until main has created them.
void set_share_api(Host* host, CourseTools* course);

}  // namespace cs::app
