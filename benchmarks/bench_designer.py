"""Designer tool metrics: the language server's answer time, the story map, the YAML hints.

``python benchmarks/run.py --only lsp_diagnostics_ms`` (or run this file directly).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def _largest_shipped() -> Path:
    from roleplay.engine._paths import find_scenarios

    return max(find_scenarios(), key=lambda p: p.stat().st_size)


def lsp_diagnostics_ms() -> tuple[float, str]:
    """Median time from a didChange of the largest shipped scenario to its diagnostics."""
    from lsprotocol import types as lsp

    from tests.toolkit.lsp_client import LspClient

    path = _largest_shipped()
    text = path.read_text(encoding="utf-8")
    uri = path.resolve().as_uri()
    timings = []
    with LspClient(ROOT) as client:
        client.initialize(ROOT)
        item = lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        client.notify("textDocument/didOpen", lsp.DidOpenTextDocumentParams(item))
        client.diagnostics(uri)
        for version in range(2, 2 + RUNS):
            change = lsp.TextDocumentContentChangeWholeDocument(text + f"# edit {version}\n")
            ident = lsp.VersionedTextDocumentIdentifier(uri=uri, version=version)
            seen = client.count_diagnostics(uri)
            started = time.perf_counter()
            client.notify(
                "textDocument/didChange", lsp.DidChangeTextDocumentParams(ident, [change])
            )
            client.diagnostics(uri, after=seen)
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), "ms"


def map_shipped_s() -> tuple[float, str]:
    """Median wall time of ``roleplay map`` on the largest shipped scenario (fresh process)."""
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "roleplay",
                    "map",
                    str(_largest_shipped()),
                    "-o",
                    str(Path(folder) / "map.html"),
                ],
                check=True,
                capture_output=True,
            )
            timings.append(time.perf_counter() - started)
    return statistics.median(timings), "s"


def _flow_style_rows(nodes: int) -> list[str]:
    """A scenario's rows with lines in flow style (as many hand-written files are)."""
    rows = ["format: 1", "id: slip", "start: n0", "nodes:"]
    for index in range(nodes):
        rows += [f"  n{index}:", f"    lines: [{{text: Beat {index}.}}]", "    choices:"]
        rows += [
            f"      - {{text: Option {k}, technique: active_listening, next: n{index + 1}}}"
            for k in (1, 2, 3)
        ]
    return rows


def slip_hint_2k_ms() -> tuple[float, str]:
    """Parsing a 2,000-node scenario with an indentation slip near its end, hint included."""
    from roleplay.engine._document import parse_document
    from roleplay.engine._errors import ScenarioError

    rows = _flow_style_rows(2000)
    slipped = next(i for i in range(len(rows) - 1, 0, -1) if rows[i] == "    choices:")
    rows[slipped] = "  " + rows[slipped]
    data = ("\n".join(rows) + "\n").encode()
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        try:
            parse_document(data, "slip.yaml")
        except ScenarioError as error:
            assert "indented more" in error.diagnostics[0].message, error.diagnostics[0]
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), "ms"


METRICS: dict[str, Callable[[], tuple[float, str]]] = {
    "lsp_diagnostics_ms": lsp_diagnostics_ms,
    "map_shipped_s": map_shipped_s,
    "slip_hint_2k_ms": slip_hint_2k_ms,
}

if __name__ == "__main__":
    for name, metric in METRICS.items():
        print(name, json.dumps(metric()))
