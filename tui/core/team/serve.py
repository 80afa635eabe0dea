"""``newsmark serve``: the database read-only in Datasette, for colleagues who only read.

Datasette is an optional extra (``pip install 'newsmark[team]'``). It is started
on the file in its default *mutable* mode, not ``-i``: each query opens the file
with ``mode=ro``, so it never writes, and it sees what other newsmarks commit
while it runs (WAL readers do not block writers). ``-i`` (immutable) would tell
SQLite the file never changes: no locks, cached counts, and reads that can go
wrong while an analyst writes.
"""

from __future__ import annotations

import importlib.util
import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..errors import NewsmarkError
from ..store import Store
from ..store.catalog import QUERIES, table_metadata

_STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
MISSING = "newsmark serve needs Datasette: pip install 'newsmark[team]'"


def datasette_installed() -> bool:
    return importlib.util.find_spec("datasette") is not None


def metadata(store: Store, name: str) -> dict[str, Any]:
    """Titles and descriptions of every table and column, and the canned queries."""
    return {
        "title": f"newsmark: {name}",
        "description": "Articles and the claims, quotes and inconsistencies analysts tagged"
        " in them (read-only). Offsets are code points into articles.text, end exclusive.",
        "databases": {
            name: {
                "tables": table_metadata(store.table_names()),
                "queries": QUERIES,
            }
        },
    }


def command(db_path: Path, metadata_path: Path, host: str, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(db_path),
        "--metadata",
        str(metadata_path),
        "--host",
        host,
        "--port",
        str(port),
    ]


def serve(db_path: Path, host: str, port: int) -> int:
    """Run Datasette until it stops (ctrl+c); returns its exit code."""
    if not datasette_installed():
        raise NewsmarkError(MISSING)
    with Store(db_path, readonly=True) as store:  # refuses what is not a current newsmark db
        meta = metadata(store, db_path.stem)
    with tempfile.TemporaryDirectory(prefix="newsmark-serve-") as folder:
        metadata_path = Path(folder) / "metadata.json"
        metadata_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        process = subprocess.Popen(command(db_path, metadata_path, host, port))

        def stop(*_: object) -> None:  # a kill or a closed SSH session stops Datasette too
            process.terminate()

        previous = {number: signal.signal(number, stop) for number in _STOP_SIGNALS}
        try:
            return process.wait()
        except KeyboardInterrupt:
            process.terminate()
            process.wait(10)
            return 0
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
