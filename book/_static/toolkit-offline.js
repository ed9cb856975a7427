/* Keep the course readable offline after one visit: register the site's service worker
 * (sw.js at the root of the site, written at build time by toolkit/book_offline.py).
 * Only over HTTP(S): opened from file:// (a USB stick) nothing changes. Registered after
 * the page has loaded, so copying the site never competes with the first paint. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) { return; }
  function register() {
    var root = document.documentElement.getAttribute("data-content_root") || "./";
    navigator.serviceWorker.register(root + "sw.js").catch(function () {
      /* No offline copy (private mode, or blocked by the browser): the site works online. */
    });
  }
  if (document.readyState === "complete") {
    register();
  } else {
    window.addEventListener("load", register);
  }
})();
