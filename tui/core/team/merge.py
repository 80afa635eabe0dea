"""``newsmark merge``: several analysts' databases into one, each file in one transaction.

Every source is checked before anything is written (damaged, newer schema, not a
newsmark database: refused with one line). A source at an older schema version
is merged from a migrated copy; the file itself is never written.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from ..errors import StoreError
from ..schema import SCHEMA_VERSION
from ..store import MergeCounts, Store, check_source
from ..text import printable


@contextmanager
def _migrated_copy(path: Path) -> Iterator[Path]:
    """A copy of an older database at this schema version, deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix="newsmark-merge-") as folder:
        copy = Path(folder) / path.name
        source = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        Store(copy).close()  # opening migrates
        yield copy


def _is_same_file(first: Path, second: Path) -> bool:
    try:
        return first.exists() and second.exists() and os.path.samefile(first, second)
    except OSError:
        return False


def merge_databases(target: Path, sources: Sequence[Path]) -> list[MergeCounts]:
    """Merge ``sources`` into ``target`` (created when missing), in order."""
    versions = []
    for source in sources:
        if _is_same_file(source, target):
            raise StoreError(
                f"{printable(str(source))}: is the database merged into; nothing was merged"
            )
        versions.append(check_source(source))
    results = []
    with Store(target) as store:
        for source, version in zip(sources, versions, strict=True):
            if version < SCHEMA_VERSION:
                with _migrated_copy(source) as copy:
                    results.append(store.merge_from(copy, name=str(source)))
            else:
                results.append(store.merge_from(source))
    return results


def describe(counts: MergeCounts) -> str:
    """One line: what merging one file did."""
    if not counts.changed:
        return "nothing new"
    parts = []
    if counts.articles_new or counts.articles_other_text:
        part = f"{counts.articles_new} new article(s)"
        if counts.articles_other_text:
            part += f", {counts.articles_other_text} with another text (kept as a version)"
        parts.append(part)
    parts.append(
        f"{counts.annotations_new} new annotation(s), {counts.annotations_updated} updated"
    )
    if counts.reanchored or counts.orphaned:
        parts.append(
            f"{counts.reanchored} re-anchored on the newer text, {counts.orphaned} orphaned"
        )
    if counts.links_new or counts.links_updated:
        parts.append(f"{counts.links_new} new link(s), {counts.links_updated} updated")
    if counts.labels_new:
        parts.append(f"{counts.labels_new} new label(s)")
    if counts.other_rows:
        parts.append(f"{counts.other_rows} other row(s)")
    if counts.conflicts:
        parts.append(f"{counts.conflicts} conflict(s)")
    return "; ".join(parts)
