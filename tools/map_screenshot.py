"""Regenerate docs/screenshots/map.png: the story map of sample_rota with a node selected.

Run from the repository root: ``python tools/map_screenshot.py`` (needs Graphviz, the Debian
chromium and Playwright's Python package).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> int:
    """Write the map, open it, click the start node and take the screenshot."""
    with tempfile.TemporaryDirectory() as folder:
        page_path = Path(folder) / "map.html"
        command = [sys.executable, "-m", "roleplay", "map", "sample_rota", "-o", str(page_path)]
        subprocess.run(command, check=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(page_path.as_uri())
            page.click("#n-office")
            page.screenshot(path=str(ROOT / "docs" / "screenshots" / "map.png"))
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
