"""The course readable offline after one visit: a service worker written at build time.

A Sphinx extension (listed in ``_config.yml``). When the HTML build finishes it writes
``sw.js`` at the root of the site: a service worker holding the list of every page and
asset of this build (the precache manifest) and a version computed from their contents.

* The first visit with a network registers the worker (``toolkit-offline.js``, after the
  page has loaded, so it never delays the first paint); it copies the whole site into a
  cache named after the build's version.
* Online, every request still goes to the network first, so a reader always gets the
  newest pages: pages and unversioned files are revalidated with the server (a fresh
  HTTP cache entry from an old build is not trusted); the precache answers only when the
  network does not.
* A new build changes ``sw.js`` (its version and list), so the next visit with a network
  installs the new worker, which copies the new build and deletes the old copy.
* The JupyterLite copy under ``lite/`` is never precached nor intercepted: it has its own
  service worker.
* Opened from ``file://`` nothing is registered (browsers allow service workers only over
  HTTP(S)) and the site works as before.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

__all__ = ["SERVICE_WORKER", "precache_files", "write_service_worker"]

#: The file name of the service worker, at the root of the built site.
SERVICE_WORKER = "sw.js"

#: Folders of the built site that are not precached: the JupyterLite copy (it has its own
#: service worker) and the sources offered for download.
_SKIP_DIRS = ("lite", "_sources", ".doctrees")
#: Files that no page needs.
_SKIP_FILES = (".buildinfo", ".nojekyll", "objects.inv", SERVICE_WORKER)
_SKIP_SUFFIXES = (".map", ".LICENSE.txt", ".pickle", ".doctree")

_WORKER = """\
/* Service worker of the course site, written by toolkit/book_offline.py at build time.
 * Network first (never a stale page while online); this build's precached copy when offline.
 * Never intercepts the JupyterLite copy under lite/, which has its own service worker. */
"use strict";
const VERSION = __VERSION__;
const PREFIX = "toolkit-site-";
const CACHE = PREFIX + VERSION;
const FILES = __FILES__;
const SCOPE = self.registration.scope;
const NOT_OURS = new URL("lite/", SCOPE).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(
        FILES.map((f) => new Request(new URL(f, SCOPE), {cache: "no-cache"}))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

function ours(request) {
  return request.method === "GET" && request.url.startsWith(SCOPE) &&
    !request.url.startsWith(NOT_OURS);
}

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  const url = new URL(request.url);
  url.hash = "";
  if (url.pathname.endsWith("/")) { url.pathname += "index.html"; }
  const hit = await cache.match(url.href, {ignoreSearch: true});
  if (hit) { return hit; }
  return Response.error();
}

// Pages, and files whose address carries no version (?v=...), are revalidated with the
// server on every request (a 304 costs one round trip): a fresh HTTP cache entry of an old
// build must not be shown either. Versioned files may come from the HTTP cache.
function network(request) {
  if (request.mode === "navigate" || !new URL(request.url).search) {
    return fetch(request.url, {cache: "no-cache", credentials: "same-origin"});
  }
  return fetch(request);
}

self.addEventListener("fetch", (event) => {
  if (!ours(event.request)) { return; }
  event.respondWith(network(event.request).catch(() => fromCache(event.request)));
});
"""


def precache_files(site: Path) -> list[str]:
    """Every file of the built ``site`` a reader may need offline, as sorted relative paths."""
    found = []
    for folder, dirs, files in os.walk(site):
        rel = Path(folder).relative_to(site)
        if rel == Path("."):
            dirs[:] = [d for d in dirs if d not in _SKIP_DIRS]
        for name in files:
            if name in _SKIP_FILES or name.endswith(_SKIP_SUFFIXES):
                continue
            found.append((rel / name).as_posix())
    return sorted(found)


def write_service_worker(site: Path) -> tuple[str, list[str]]:
    """Write ``sw.js`` into the built ``site``; return the build's version and its files.

    The version is a digest of every precached file's path and contents, so any change
    to the site (and only a change) makes a new version.
    """
    site = Path(site)
    files = precache_files(site)
    digest = hashlib.sha256()
    for rel in files:
        digest.update(rel.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256((site / rel).read_bytes()).digest())
    version = digest.hexdigest()[:16]
    text = _WORKER.replace("__VERSION__", json.dumps(version)).replace(
        "__FILES__", json.dumps(files, indent=0)
    )
    target = site / SERVICE_WORKER
    partial = target.with_name(SERVICE_WORKER + ".tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
    return version, files


def _build_finished(app: Any, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        write_service_worker(Path(app.outdir))


def setup(app: Any) -> dict[str, Any]:
    """Sphinx extension: write the service worker when an HTML build finishes."""
    app.add_js_file("toolkit-offline.js")
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
