"""Agreement of six real annotators on four PolNeAR articles (attribution spans).

Run by hand: ``python bench/agree_polnear.py [--db FILE] [--label L]...``.

Reads ``../shared/devdata/polnear/annotator-training/`` (never copied into the
project): imports each text and the ``T`` lines of every ``.ann`` file through the
Store API, the annotator being the 4 hex digits at the end of the file name, then
prints ``newsmark agree``'s table. A small stand-in for brat import (branch
``formats``): labels are brat's types lower-cased (source, cue, content,
attribution, attribution-no-source, discuss, discard); a discontinuous span
``s e;s e`` becomes one annotation per fragment. ``Attribution`` spans repeat
the cue (brat's event trigger), so the table leaves them out unless ``--label``
asks for them.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from tui.core.articles import load_article
from tui.core.store import Store
from tui.core.team.agree import agreement
from tui.core.team.agree_table import table

_TRAINING = Path("shared") / "devdata" / "polnear" / "annotator-training"
DATA = next(  # ../shared beside the checkout, or beside the folder of worktrees
    (p / _TRAINING for p in Path(__file__).resolve().parents if (p / _TRAINING).is_dir()),
    Path("..") / _TRAINING,
)
FREE_KEYS = "rwtbhmy"  # keys the reader leaves free, for the labels brat brings
T_LINE = re.compile(r"^T\d+\t(\S+) ([\d ;]+)\t(.*)$")


def load(store: Store, data: Path) -> tuple[int, int]:
    """Import texts and spans; returns (spans imported, spans whose text did not match)."""
    imported = mismatched = 0
    for text_path in sorted((data / "text").glob("*.txt")):
        article = load_article(text_path)
        article_id = store.import_article(article).article_id
        text = store.article_text(article_id)
        for ann in sorted((data / "attributions").glob(f"{text_path.stem}_*.ann")):
            annotator = ann.stem.rsplit("_", 1)[1]
            with store.transaction():
                for line in ann.read_text(encoding="utf-8").splitlines():
                    match = T_LINE.match(line)
                    if not match:
                        continue
                    label = match.group(1).lower()
                    if label not in store.labels():
                        taken = {row.key for row in store.label_rows()}
                        store.add_label(label, next(k for k in FREE_KEYS if k not in taken))
                    for fragment in match.group(2).split(";"):
                        start, end = (int(n) for n in fragment.split())
                        if text[start:end] not in match.group(3):
                            mismatched += 1
                            continue
                        store.add_annotation(
                            article_id, start, end, label, annotator=annotator, origin="import:brat"
                        )
                        imported += 1
    return imported, mismatched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="keep the database here (default: temporary)")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--label", action="append", dest="labels")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "polnear.db"
        with Store(path) as store:
            if not store.articles():
                imported, mismatched = load(store, args.data)
                print(f"imported {imported} spans ({mismatched} whose text did not match)")
            labels = args.labels or ["source", "cue", "content"]
            for line in table(agreement(store, labels=labels)):
                print(line)


if __name__ == "__main__":
    main()
