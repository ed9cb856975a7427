/* The menu buttons on a phone or a tablet (below 992 px).
 *
 * pydata-sphinx-theme 0.16/0.17 binds its "open the sidebar" handler to the FIRST
 * .primary-toggle and .secondary-toggle of the page (document.querySelector). The book
 * theme puts a hidden pair of them first, so the buttons a reader can see and tap did
 * nothing (upstream: pydata-sphinx-theme #2451, sphinx-book-theme #988). Here every other
 * toggle forwards its click to the one the theme listens to. Nothing changes where the
 * theme already binds the visible button: the first toggle is never given a handler.
 */
(function () {
  "use strict";
  function forward(selector) {
    var toggles = document.querySelectorAll(selector);
    if (toggles.length < 2) { return; }
    var bound = toggles[0];
    for (var i = 1; i < toggles.length; i++) {
      toggles[i].addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        bound.click();
      });
    }
  }
  function start() {
    forward(".primary-toggle");
    forward(".secondary-toggle");
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
