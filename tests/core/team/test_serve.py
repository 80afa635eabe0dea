"""``newsmark serve``: Datasette on the database, read-only, described, with canned queries."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.core.team.conftest import BRIDGE, span
from tui.cli import cli
from tui.core.articles import parse_article
from tui.core.store import Store
from tui.core.team import serve as serve_module

pytest.importorskip("datasette")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, str]]:
    db = tmp_path / "desk.db"
    with Store(db) as store:
        article_id = store.import_article(parse_article(BRIDGE, "bridge.txt")).article_id
        claim = store.add_annotation(
            article_id, *span(BRIDGE, "The minister said"), "claim", annotator="ann"
        )
        quote = store.add_annotation(
            article_id, *span(BRIDGE, "“a fantasy”"), "inconsistency", annotator="bob"
        )
        store.add_link(quote.id, claim.id, note="the mayor disagrees")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    base = f"http://127.0.0.1:{port}/desk"
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(f"{base}.json")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("datasette did not start")
            time.sleep(0.2)
    try:
        yield base, db, article_id
    finally:
        process.terminate()
        assert process.wait(20) is not None


def test_canned_queries_answer_in_json_and_see_new_commits(
    served: tuple[str, Path, str],
) -> None:
    base, db, article_id = served
    rows = _get(f"{base}/inconsistencies_with_both_quotes.json?_shape=array")
    assert [(r["from_quote"], r["to_quote"], r["link_note"]) for r in rows] == [
        ("“a fantasy”", "The minister said", "the mayor disagrees")
    ]
    claims = _get(f"{base}/claims_by_article.json?_shape=array&annotator=")
    assert [(r["claim"], r["annotator"]) for r in claims] == [("The minister said", "ann")]
    with Store(db) as store:  # another newsmark writes while the server runs
        store.add_annotation(article_id, *span(BRIDGE, "Critics said"), "claim", annotator="bob")
    inputs = _get(f"{base}/agreement_inputs.json?_shape=array")
    assert sorted((r["annotator"], r["text"]) for r in inputs) == [
        ("ann", "The minister said"),
        ("bob", "Critics said"),
        ("bob", "“a fantasy”"),
    ]
    assert {r["article_length"] for r in inputs} == {len(BRIDGE)}


def test_every_table_and_column_is_described(served: tuple[str, Path, str]) -> None:
    base, db, _ = served
    metadata = _get(base.rsplit("/", 1)[0] + "/-/metadata.json")
    tables = metadata["databases"]["desk"]["tables"]
    with Store(db, readonly=True) as store:
        for table in (
            "articles",
            "article_versions",
            "labels",
            "annotations",
            "links",
            "conflicts",
        ):
            assert tables[table]["title"] and tables[table]["description"]
            assert set(tables[table]["columns"]) == set(store.table_columns(table))
    assert set(metadata["databases"]["desk"]["queries"]) == {
        "inconsistencies_with_both_quotes",
        "claims_by_article",
        "agreement_inputs",
    }


def test_the_database_cannot_be_written_through_the_server(served: tuple[str, Path, str]) -> None:
    base, db, _ = served
    sql = urllib.parse.quote("DELETE FROM annotations")
    with pytest.raises(urllib.error.HTTPError):
        _get(f"{base}.json?sql={sql}")
    with Store(db, readonly=True) as store:
        assert len(list(store.annotations())) == 2


def test_without_datasette_one_line_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(tmp_path / "desk.db").close()
    monkeypatch.setattr(serve_module, "datasette_installed", lambda: False)
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "desk.db")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "newsmark: newsmark serve needs Datasette: pip install 'newsmark[team]'"
    )
