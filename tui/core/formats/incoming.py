"""What a parsed import file holds, before any of it touches the database.

Every reader (JSON Lines, W3C, brat) turns a file into a ``Batch``; one writer
(``importing.write_batch``) puts a batch into the store in one transaction.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..articles import Article
from ..errors import InputError
from ..models import Annotation, Dismissal, Label, Link
from ..store import StoredArticle

# The UUID namespace for annotations that arrive with a foreign IRI as their id:
# the same IRI gets the same id on every import, so importing twice adds nothing.
FOREIGN_IDS = uuid.UUID("6f1c1a4e-6c1b-4d7e-9a5e-2b8f0c3d9e41")


def id_from_iri(iri: str) -> str:
    """Our id for an annotation IRI: ``urn:uuid:X`` is ``X``; another IRI a stable uuid5."""
    if iri.lower().startswith("urn:uuid:"):
        try:
            return str(uuid.UUID(iri[9:]))
        except ValueError:
            pass
    return str(uuid.uuid5(FOREIGN_IDS, iri))


def iri_from_id(annotation_id: str) -> str:
    try:
        return f"urn:uuid:{uuid.UUID(annotation_id)}"
    except ValueError:
        return f"urn:newsmark:annotation:{uuid.uuid5(FOREIGN_IDS, annotation_id)}"


@dataclass(frozen=True)
class ArticleBySource:
    """An article the file names but does not carry (W3C): found in the database by URI."""

    uri: str


ArticleOrigin = StoredArticle | Article | ArticleBySource


@dataclass(frozen=True)
class IncomingAnnotation:
    id: str
    article: str  # a key of ``Batch.articles``
    start: int  # offsets the file gave, -1 when none
    end: int
    quote: str
    prefix: str
    suffix: str
    label: str
    note: str = ""
    annotator: str = ""
    created_at: str = ""
    updated_at: str = ""
    row: Annotation | None = None  # our own export: the row exactly as it was


@dataclass(frozen=True)
class IncomingLink:
    id: str
    from_annotation: str
    to_annotation: str
    kind: str
    note: str = ""
    created_at: str = ""
    by: str = ""
    row: Link | None = None


@dataclass
class Batch:
    path: Path
    format: str
    articles: dict[str, ArticleOrigin] = field(default_factory=dict)
    labels: list[Label] = field(default_factory=list)
    annotations: list[IncomingAnnotation] = field(default_factory=list)
    links: list[IncomingLink] = field(default_factory=list)
    dismissals: list[Dismissal] = field(default_factory=list)  # ours only (JSON Lines)
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> count
    remarks: list[str] = field(default_factory=list)  # how the file was read, for the user


@dataclass(frozen=True)
class LabelPolicy:
    """Which of a file's labels (brat types, W3C tags) become which of ours."""

    known: frozenset[str]
    mapping: dict[str, str] = field(default_factory=dict)
    default: str | None = None

    def resolve(self, names: list[str], path: Path, where: str) -> str | None:
        """Our label for the first of ``names`` we know; ``None`` means skip the annotation.

        Without a map, a label we do not know makes the file bad; with one, an
        unmapped label is skipped (the caller counts it).
        """
        for name in names:
            if name in self.mapping:
                return self.mapping[name]
            if name in self.known:
                return name
        if self.mapping and names:
            return None
        if self.default:
            return self.default
        if self.mapping:
            return None
        if not names:
            raise InputError(path, f"{where}: no label (give --default-label or --map)")
        raise InputError(
            path,
            f"{where}: unknown label {names[0]!r} (known: {', '.join(sorted(self.known))};"
            f" map it with --map {names[0]}=LABEL)",
        )


@dataclass(frozen=True)
class ReadOptions:
    """How to read import files: labels, and what brat files do not say."""

    policy: LabelPolicy
    discontinuous: str = "split"  # or "skip"
    annotator: str = ""
    annotator_pattern: re.Pattern[str] | None = None  # named group "annotator"
    text_dir: Path | None = None
