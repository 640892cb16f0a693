"""What a visitor downloads for search, in headless Chromium, on a synthetic site of N events.

    python bench/bench_search.py --events 2000 --events 10000 [--json out.json]

For each N: build the synthetic project (bench/synthetic.py) with `mkdocs build` (the hook
indexes it with Pagefind), serve it on 127.0.0.1, then as a visitor:

1. open the start page and count what it loads for search (target: nothing);
2. type one word into the header's search field and press Enter, and count every file
   the browser then fetches until the results are shown (target: at most 250 KB at
   N = 2,000 and 300 KB at N = 10,000).

Bytes are counted as a static host serves them: text files (HTML, CSS, JS, JSON) as
gzip would compress them, everything else (Pagefind's chunks and WebAssembly, already
compressed) as they are. The server sends ``Cache-Control: max-age=600`` as GitHub Pages
does, so files the browser already has from the start page (the theme's script and
styles) are not fetched again.
For comparison, the same run reports the size of Material's lunr index that the floor
project (same pages, Material's search plugin) loads on every page view.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_floor, make_project  # noqa: E402

CHROMIUM = os.environ.get("QUARTIER_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TEXT = (".html", ".css", ".js", ".json", ".mjs", "/")


class _Quiet(SimpleHTTPRequestHandler):
    """Serves like GitHub Pages: files may be reused for 10 minutes (Cache-Control: max-age=600)."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def build(project: Path, site: Path) -> None:
    env = dict(os.environ, QUARTIER_TODAY="2026-06-01", NO_MKDOCS_2_WARNING="1")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        check=True,
        env=env,
        cwd=project,
    )


def served_bytes(url: str, body: bytes) -> int:
    path = url.split("?", 1)[0]
    return len(gzip.compress(body, 6)) if path.endswith(TEXT) else len(body)


def measure(site: Path, word: str) -> dict:
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            seen: list[tuple[str, int]] = []

            def finished(request) -> None:  # type: ignore[no-untyped-def]
                response = request.response()
                # Served from the browser's cache: nothing crossed the network.
                if response is None or response.status != 200:
                    seen.append((request.url, 0))
                    return
                seen.append((request.url, served_bytes(request.url, response.body())))

            page.on("requestfinished", finished)
            # Chromium's own account of what came from its cache: Playwright reports
            # those requests too, with their full size.
            cached: set[str] = set()
            session = page.context.new_cdp_session(page)
            session.send("Network.enable")
            urls: dict[str, str] = {}
            session.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
            session.on("Network.requestServedFromCache", lambda e: cached.add(urls.get(e["requestId"], "")))
            session.on(
                "Network.responseReceived",
                lambda e: e["response"].get("fromDiskCache") and cached.add(e["response"]["url"]),
            )
            page.goto(base)
            page.wait_for_load_state("networkidle")
            view = list(seen)
            seen.clear()
            page.click("#q-header-search-input")
            page.keyboard.type(word)
            page.keyboard.press("Enter")
            page.wait_for_function("() => /Treffer/.test(document.getElementById('q-search-status').textContent)")
            page.wait_for_load_state("networkidle")
            status = page.text_content("#q-search-status")
            # Decided at the end: Chromium's cache events may come after Playwright's.
            seen = [(url, 0 if url in cached else size) for url, size in seen]
            browser.close()
    finally:
        server.shutdown()
    return {
        "start_page_kb": round(sum(n for _, n in view) / 1024, 1),
        "start_page_search_files": [u for u, _ in view if "/pagefind/" in u or "quartier-suche" in u],
        "first_search_kb": round(sum(n for _, n in seen) / 1024, 1),
        "first_search_files": len(seen),
        "largest": sorted(((round(n / 1024, 1), u.split("/", 3)[3]) for u, n in seen), reverse=True)[:6],
        "status": status,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, action="append")
    parser.add_argument("--word", default="Werkstatt")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for events in args.events or [2000, 10000]:
            project = make_project(work / f"p{events}", events)
            site = work / f"site{events}"
            build(project, site)
            row = {"events": events, **measure(site, args.word)}
            floor_site = work / f"floor{events}"
            pages = sum(1 for _ in site.rglob("index.html"))
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "-q",
                    "-f",
                    str(make_floor(work / f"f{events}", pages) / "mkdocs.yml"),
                    "-d",
                    str(floor_site),
                ],
                check=True,
                env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            )
            lunr = floor_site / "search" / "search_index.json"
            row["floor_lunr_index_kb_per_view"] = round(len(gzip.compress(lunr.read_bytes(), 6)) / 1024, 1)
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
