"""Refresh the Font Awesome icons the course site draws (toolkit/data/fontawesome-icons.json).

    .venv/bin/python scripts/vendor_icons.py [solid/NAME|regular/NAME|brands/NAME ...]

The theme loads Font Awesome's all.min.js (1.49 MB) to draw about twenty icons. The book
build (toolkit/book_icons.py) replaces it with a small script holding only the icons the
built pages use, taken from this JSON file. When a theme update brings a new icon, the
build fails naming it; add it here. Takes the SVG files of the npm package
@fortawesome/fontawesome-free (the version the theme ships) with `npm pack`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "toolkit" / "data" / "fontawesome-icons.json"


def main(argv: list[str]) -> int:
    current = json.loads(TARGET.read_text(encoding="utf-8")) if TARGET.exists() else {}
    version = current.get("version", "6.5.2")
    wanted = sorted(set(current.get("icons", {})) | set(argv))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "pack", f"@fortawesome/fontawesome-free@{version}", "--silent"],
            cwd=tmp,
            check=True,
            capture_output=True,
        )
        (archive,) = Path(tmp).glob("*.tgz")
        icons = {}
        with tarfile.open(archive) as tar:
            for key in wanted:
                try:
                    member = tar.extractfile(f"package/svgs/{key}.svg")
                except KeyError:
                    member = None
                if member is None:
                    print(f"no icon {key} in Font Awesome {version}", file=sys.stderr)
                    return 2
                svg = member.read().decode("utf-8")
                box = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
                path = re.search(r'<path d="([^"]+)"', svg)
                icons[key] = [int(box[1]), int(box[2]), path[1]]
    data = {
        "version": version,
        "license": "Font Awesome Free: icons CC BY 4.0 (https://fontawesome.com/license/free)",
        "icons": icons,
    }
    TARGET.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"{len(icons)} icons from Font Awesome {version} in {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
