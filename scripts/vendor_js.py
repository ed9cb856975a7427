"""Regenerate the JavaScript the site and the HTML reports need, from pinned packages.

The files land in ``toolkit/static/`` (package data, copied into the book's
``_static/`` by ``_config.yml`` and inlined into HTML reports), and are
committed, so that neither building the book nor opening a report needs a
network. Run it after changing a pinned version below:

    .venv/bin/pip install "vl-convert-python==1.9.0.post1  # reports itself as 1.9.0"
    .venv/bin/python scripts/vendor_js.py

* ``vega-bundle.js``: Vega, Vega-Lite and vega-embed from vl-convert's bundle,
  for the Vega-Lite version Altair emits (Altair 5: Vega-Lite 5.20).
* ``mathjax/tex-svg.js``: MathJax's single-file TeX-to-SVG build, from the
  ``mathjax`` npm package (fetched with ``npm pack``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VL_CONVERT = "1.9.0"
VEGA_LITE = "v5.20"
MATHJAX = "3.2.2"

STATIC = Path(__file__).resolve().parent.parent / "toolkit" / "static"


def main() -> int:
    import vl_convert as vlc

    if vlc.__version__ != VL_CONVERT:
        print(f"vl-convert-python {VL_CONVERT} is pinned; found {vlc.__version__}", file=sys.stderr)
        return 1
    bundle = vlc.javascript_bundle(vl_version=VEGA_LITE)
    header = (
        f"/* Vega {vlc.get_vega_version()}, Vega-Lite {VEGA_LITE}, vega-embed "
        f"{vlc.get_vega_embed_version()}; bundled by vl-convert {VL_CONVERT}. "
        "BSD-3-Clause licences: https://github.com/vega */\n"
    )
    # Wrapped in a function so that the bundle's minified top-level names cannot
    # clash with other classic scripts on the page; it sets window.vegaEmbed,
    # window.vega and window.vegaLite itself.
    wrapped = header + "(function () {\n" + bundle + "\n})();\n"
    (STATIC / "vega-bundle.js").write_text(wrapped, encoding="utf-8")

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"mathjax@{MATHJAX}", "--silent"], cwd=tmp, check=True)
        with tarfile.open(Path(tmp) / f"mathjax-{MATHJAX}.tgz") as tar:
            member = tar.extractfile("package/es5/tex-svg.js")
            assert member is not None
            (STATIC / "mathjax").mkdir(exist_ok=True)
            (STATIC / "mathjax" / "tex-svg.js").write_bytes(member.read())

    versions = {
        "vega": vlc.get_vega_version(),
        "vega-lite": VEGA_LITE.lstrip("v"),
        "vega-embed": vlc.get_vega_embed_version(),
        "vl-convert-python": VL_CONVERT,
        "mathjax": MATHJAX,
    }
    (STATIC / "VERSIONS.json").write_text(json.dumps(versions, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(versions))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
