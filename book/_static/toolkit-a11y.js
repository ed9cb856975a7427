/* Scrollable tables and outputs: a box that scrolls sideways (a wide table on a narrow screen)
   must be reachable by keyboard, so give it a tab stop and a name while it overflows. */
(function () {
  "use strict";
  function mark() {
    var boxes = document.querySelectorAll(".bd-article table, .bd-article .cell_output");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1) {
        if (!box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("data-toolkit-scroll", "yes");
        }
      } else if (box.getAttribute("data-toolkit-scroll") === "yes") {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-toolkit-scroll");
      }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  window.addEventListener("resize", mark);
})();
