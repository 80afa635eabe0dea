"""The core of curation: agreed spans, disagreements as data, decisions as undo steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.team.conftest import BRIDGE, span
from tui.core.articles import parse_article
from tui.core.errors import NewsmarkError
from tui.core.store import Store
from tui.core.team.curate import accept_agreed, curation, decide
from tui.core.workspace import Workspace


@pytest.fixture
def curated(tmp_path: Path) -> tuple[Store, str]:
    store = Store(tmp_path / "team.db")
    article_id = store.import_article(parse_article(BRIDGE, "bridge.txt")).article_id

    def put(annotator: str, words: str, label: str, trim: int = 0) -> None:
        start, end = span(BRIDGE, words)
        store.add_annotation(article_id, start, end - trim, label, annotator=annotator)

    for annotator in ("ann", "bob"):
        put(annotator, "The minister said", "claim")  # agreed
    put("ann", "the bridge would open in May", "claim")
    put("bob", "the bridge would open in May", "claim", trim=4)  # other boundaries
    put("ann", "Critics said", "claim")  # only ann
    put("ann", "“a fantasy”", "quote")
    put("bob", "“a fantasy”", "claim")  # other label
    yield store, article_id
    store.close()


def _curated_spans(store: Store, article_id: str) -> list[tuple[str, str]]:
    return [
        (a.label, a.text) for a in store.annotations_for(article_id) if a.annotator == "curated"
    ]


def test_disagreements_say_who_said_what(curated: tuple[Store, str]) -> None:
    store, article_id = curated
    current = curation(store, article_id, ["bob", "ann"])
    assert [(c.text, c.annotators) for c in current.agreed] == [
        ("The minister said", ("ann", "bob"))
    ]
    summary = [
        (d.kind, [(s.annotators, [(c.label, c.text) for c in s.spans]) for s in d.sides], d.silent)
        for d in current.disagreements
    ]
    assert summary == [
        ("boundaries", [(("ann",), [("claim", "the bridge would open in May")]),
                        (("bob",), [("claim", "the bridge would open in")])], ()),
        ("only", [(("ann",), [("claim", "Critics said")])], ("bob",)),
        ("label", [(("ann",), [("quote", "“a fantasy”")]),
                   (("bob",), [("claim", "“a fantasy”")])], ()),
    ]  # fmt: skip
    assert current.progress == "0 of 3 disagreements settled"


def test_each_decision_is_written_as_the_curator_and_is_one_undo_step(
    curated: tuple[Store, str],
) -> None:
    store, article_id = curated
    workspace = Workspace(store, "curated")
    current = curation(store, article_id, ["ann", "bob"])
    accept_agreed(workspace, current)
    current = curation(store, article_id, ["ann", "bob"])
    assert current.agreed_done
    decide(workspace, current, current.disagreements[0], [1])  # bob's boundaries
    decide(workspace, current, current.disagreements[1], [])  # neither
    decide(workspace, current, current.disagreements[2], [0, 1])  # both
    current = curation(store, article_id, ["ann", "bob"])
    assert current.progress == "3 of 3 disagreements settled"
    assert sorted(_curated_spans(store, article_id)) == [
        ("claim", "The minister said"),
        ("claim", "the bridge would open in"),
        ("claim", "“a fantasy”"),
        ("quote", "“a fantasy”"),
    ]
    # "neither" left no live span, yet it is settled: a tombstone says it was rejected
    assert current.disagreements[1].settled and not current.disagreements[1].accepted

    assert workspace.undo() is not None  # "both"
    assert workspace.undo() is not None  # "neither"
    current = curation(store, article_id, ["ann", "bob"])
    assert current.progress == "1 of 3 disagreements settled"
    assert sorted(_curated_spans(store, article_id)) == [
        ("claim", "The minister said"),
        ("claim", "the bridge would open in"),
    ]
    workspace.redo()
    assert curation(store, article_id, ["ann", "bob"]).progress == "2 of 3 disagreements settled"


def test_deciding_again_replaces_the_earlier_decision(curated: tuple[Store, str]) -> None:
    store, article_id = curated
    workspace = Workspace(store, "curated")
    current = curation(store, article_id, ["ann", "bob"])
    decide(workspace, current, current.disagreements[0], [0])
    decide(workspace, current, current.disagreements[0], [1])
    current = curation(store, article_id, ["ann", "bob"])
    [accepted] = current.disagreements[0].accepted
    assert accepted[1] - accepted[0] == len("the bridge would open in")
    assert _curated_spans(store, article_id) == [("claim", "the bridge would open in")]


def test_a_named_curator_and_bad_requests(curated: tuple[Store, str]) -> None:
    store, article_id = curated
    current = curation(store, article_id, ["ann", "bob"], curator="editor")
    decide(Workspace(store, "editor"), current, current.disagreements[1], [0])
    assert [a.annotator for a in store.annotations_for(article_id)].count("editor") == 1
    with pytest.raises(NewsmarkError, match="two annotators"):
        curation(store, article_id, ["ann"])
    with pytest.raises(NewsmarkError, match="is the curator"):
        curation(store, article_id, ["ann", "curated"])
    with pytest.raises(NewsmarkError, match="writes as"):
        decide(Workspace(store, "ann"), current, current.disagreements[0], [0])
    with pytest.raises(NewsmarkError, match="no such side"):
        decide(Workspace(store, "editor"), current, current.disagreements[0], [2])
