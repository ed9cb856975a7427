"""What a first visit costs on a phone: bytes per page, and the first paint on Slow 3G.

    .venv/bin/python benchmarks/page_weight.py [--site _build/html] [--check]

Serves the built site (``make book``) on 127.0.0.1 the way a static host does, with text
(HTML, CSS, JavaScript, JSON, SVG) compressed with gzip, then in headless Chromium:

1. loads every page in a new browser context (an empty cache) and counts the bytes
   transferred (Chromium's encodedDataLength: headers and compressed bodies) until the
   network is idle (the chart library and fonts are loaded after the first paint);
2. loads the landing page, again with an empty cache, under Chromium's network emulation
   (DevTools protocol ``Network.emulateNetworkConditions``: 400 kbit/s both ways, 400 ms
   round trip, the issue's "Slow 3G") and reads its first contentful paint.

Service workers are blocked while measuring: the offline copy of the site (see
toolkit/book_offline.py) is fetched after the page has loaded, so it is not part of the
page; its size is printed on its own line.

Budgets: landing page <= 400 KB, any page <= 900 KB, landing page FCP on Slow 3G <= 5 s.
Prints each figure against its budget as a ratio; ``--check`` exits 1 if one is over.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import mimetypes
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from toolkit.book_offline import precache_files  # noqa: E402

KB = 1000
LANDING_BUDGET = 400 * KB
PAGE_BUDGET = 900 * KB
FCP_BUDGET = 5.0
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
}
COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml", ".map")


@functools.cache
def gzipped(path: str) -> bytes:
    """The file at ``path`` compressed as a static host would (gzip level 6)."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzip-compressed (level 6, as common hosts do) when asked for."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            path = str(Path(path) / "index.html")
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.endswith(COMPRESSED) and Path(path).is_file()):
            return super().send_head()
        body = gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path)[0] or "text/plain")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(_GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).parts[0].startswith(("_", "lite"))
    )


def weigh(browser, url: str) -> tuple[int, dict[str, int]]:  # type: ignore[no-untyped-def]
    """Bytes transferred by a first visit to ``url``, in total and per file."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(
            urls.get(e["requestId"], e["requestId"]), int(e["encodedDataLength"])
        ),
    )
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    context.close()
    return sum(sizes.values()), sizes


def first_contentful_paint(browser, url: str) -> float:  # type: ignore[no-untyped-def]
    """Seconds from asking for ``url`` to the first contentful paint a reader sees, on Slow 3G
    with an empty cache. The site's ``index.html`` redirects to the welcome page: the time
    counts from the first request to the welcome page's first paint."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    started = time.time()
    page.goto(url, wait_until="commit", timeout=180_000)
    page.wait_for_function(
        "performance.getEntriesByName('first-contentful-paint').length > 0"
        " && !document.querySelector('meta[http-equiv=Refresh]')",
        timeout=180_000,
        polling=50,
    )
    painted = page.evaluate(
        "performance.timeOrigin + performance.getEntriesByName('first-contentful-paint')[0]"
        ".startTime"
    )
    context.close()
    return painted / 1000 - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--check", action="store_true", help="exit 1 if a budget is exceeded")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--top", type=int, default=0, help="list each page's N largest files")
    args = parser.parse_args(argv)
    site = args.site
    if not (site / "index.html").exists():
        print(f"{site} has no built site: run `make book` first", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    base, server = serve(site)
    landing = "index.html"
    over = []
    figures: dict[str, object] = {"pages": {}}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print(f"{'page':<46} {'KB':>7} {'budget':>7} {'ratio':>6}")
            for rel in pages(site):
                total, sizes = weigh(browser, base + rel)
                budget = LANDING_BUDGET if rel == landing else PAGE_BUDGET
                ratio = total / budget
                figures["pages"][rel] = total  # type: ignore[index]
                flag = "  OVER" if ratio > 1 else ""
                print(f"{rel:<46} {total / KB:7.0f} {budget / KB:7.0f} {ratio:6.2f}{flag}")
                for name, size in sorted(sizes.items(), key=lambda kv: -kv[1])[: args.top]:
                    print(f"    {size / KB:7.1f} KB  {name.removeprefix(base)}")
                if ratio > 1:
                    over.append(rel)
            fcp = first_contentful_paint(browser, base + landing)
            browser.close()
    finally:
        server.shutdown()
    heaviest = max(figures["pages"].items(), key=lambda kv: kv[1])  # type: ignore[attr-defined]
    precache = sum(
        len(gzipped(str(site / f))) if f.endswith(COMPRESSED) else (site / f).stat().st_size
        for f in precache_files(site)
    )
    figures.update(fcp_slow_3g_s=round(fcp, 2), heaviest=heaviest, offline_copy=precache)
    print(f"heaviest page: {heaviest[0]} {heaviest[1] / KB:.0f} KB")
    print(
        f"landing page first contentful paint, Slow 3G (400 kbit/s, 400 ms): {fcp:.2f} s "
        f"(budget {FCP_BUDGET:.0f} s, ratio {fcp / FCP_BUDGET:.2f})"
    )
    print(
        f"offline copy fetched after the first page has loaded: {precache / KB:.0f} KB "
        f"({len(precache_files(site))} files)"
    )
    if fcp > FCP_BUDGET:
        over.append("first contentful paint")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    if over:
        print("over budget: " + ", ".join(over))
        return 1 if args.check else 0
    print("every budget met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
