"""A small newsroom of our own: two articles on one event, tagged, noted and linked."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from tui.core.articles import parse_article
from tui.core.models import Annotation, Dismissal, Link, now
from tui.core.store import Store

FIRST = (
    "Bridge closes after storm\n\n"
    "The city council said the bridge will reopen on Monday. Engineers disagree.\n"
    "“We need at least two weeks,” said Dr. Ana Ruiz, who leads the inspection.\n\n"
    "Residents 👩‍👩‍👧 queued for the ferry; 市民 waited, and שלום was written on a sign.\n"
)
SECOND = (
    "Storm damage: bridge shut for a month\n\n"
    "Officials admitted the bridge will stay closed for a month at least.\n"
    "The mayor's office gave no date. Café owners e\u0301 worried about trade.\n"
)
URL = "https://news.example.org/2024/bridge-shut"


def shared(*parts: str) -> Path:
    """A path under the project's ``shared/`` folder (beside the repository, as CI lays it
    out; else where the development machines keep it). Read at run time, never copied."""
    beside = Path(__file__).resolve().parents[3] / ".." / "shared"
    root = beside if beside.is_dir() else Path("/work/shared")
    return root.joinpath(*parts)


@dataclass
class Newsroom:
    db: Path
    store: Store
    articles: dict[str, str]  # name -> article id
    annotations: dict[str, Annotation]
    links: dict[str, Link]

    def text(self, name: str) -> str:
        return self.store.get_article(self.articles[name]).text

    def tag(
        self,
        name: str,
        quote: str,
        label: str,
        note: str = "",
        who: str = "ana",
        occurrence: int = 0,
    ) -> Annotation:
        text = self.text(name)
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(quote, start + 1)
        return self.store.add_annotation(
            self.articles[name], start, start + len(quote), label, note=note, annotator=who
        )


def build(db: Path, folder: Path) -> Newsroom:
    store = Store(db)
    first = parse_article(FIRST, folder / "council.txt")
    second = replace(
        parse_article(SECOND, folder / "gazette.txt"),
        url=URL,
        site="The Gazette",
        author="Jo Lee",
        published="2024-03-02",
    )
    room = Newsroom(db, store, {}, {}, {})
    for name, article in (("council", first), ("gazette", second)):
        room.articles[name] = store.import_article(article).article_id
    tag = room.tag
    room.annotations["reopen"] = tag(
        "council", "the bridge will reopen on Monday", "inconsistency", "Council's date.\nSee p. 2"
    )
    room.annotations["month"] = tag(
        "gazette",
        "the bridge will stay closed for a month at least",
        "inconsistency",
        "A month, says the Gazette",
        who="bo",
    )
    room.annotations["weeks"] = tag(
        "council", "“We need at least two weeks,”", "quote", "Engineer on record"
    )
    room.annotations["disagree"] = tag("council", "Engineers disagree.", "claim")
    room.annotations["span_lines"] = tag(
        "council", "inspection.\n\nResidents", "claim", "crosses a paragraph"
    )
    room.annotations["emoji"] = tag("council", "👩‍👩‍👧 queued for the ferry; 市民", "claim")
    room.annotations["cafe"] = tag("gazette", "Café owners \u00e9 worried", "quote", "=1+1")
    room.annotations["overlap"] = tag("gazette", "bridge will stay closed", "claim")
    room.links["contradicts"] = store.add_link(
        room.annotations["reopen"].id, room.annotations["month"].id, note="Monday vs a month"
    )
    room.links["within"] = store.add_link(
        room.annotations["reopen"].id, room.annotations["weeks"].id, note="", by="ana"
    )
    # deleted work: never exported
    gone = tag("gazette", "The mayor's office gave no date.", "claim", "deleted")
    store.delete_annotation(gone, by="ana")
    dropped = store.add_link(room.annotations["disagree"].id, room.annotations["weeks"].id)
    store.delete_link(dropped, by="ana")
    # a dismissed suggestion (kept), and one dismissed then undone (a tombstone: left out)
    council, gazette = room.articles["council"], room.articles["gazette"]
    store.dismiss(
        Dismissal("fp-compare", "compare", council, 0, 6, "Bridge", gazette, 0, 5, "Storm", ""),
        by="ana",
    )
    undone = store.dismiss(
        Dismissal("fp-undone", "quote", council, 0, 6, "Bridge", "", 0, 0, "", ""), by="ana"
    )
    store.write_dismissal(replace(undone, deleted_at=now(), deleted_by="ana"), seen=undone)
    return room


@pytest.fixture
def newsroom(tmp_path: Path) -> Iterator[Newsroom]:
    room = build(tmp_path / "newsroom.db", tmp_path)
    yield room
    room.store.close()


def rows(db: Path, table: str) -> list[dict[str, Any]]:
    """A table's rows read without newsmark."""
    with closing(sqlite3.connect(db)) as conn:
        conn.row_factory = sqlite3.Row
        order = "name" if table == "labels" else "id"
        return [dict(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}")]


def live(db: Path, table: str) -> list[dict[str, Any]]:
    return [row for row in rows(db, table) if row["deleted_at"] is None]
