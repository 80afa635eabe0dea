"""Links by annotation, kept in memory so that a cursor move can ask without SQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Iterable
from typing import NamedTuple

from ..core.models import Link


class LinkIndex:
    """Every link, reachable from both of its annotations."""

    def __init__(self, links: Iterable[Link] = ()) -> None:
        self._by_annotation: defaultdict[str, list[Link]] = defaultdict(list)
        self.load(links)

    def load(self, links: Iterable[Link]) -> None:
        self._by_annotation.clear()
        for link in links:
            self.add(link)

    def add(self, link: Link) -> None:
        """Add a link, or replace the one with its id (a new note or revision) in place."""
        for key in (link.from_annotation, link.to_annotation):
            links = self._by_annotation[key]
            for index, item in enumerate(links):
                if item.id == link.id:
                    links[index] = link
                    break
            else:
                links.append(link)

    def remove(self, link: Link) -> None:
        for key in (link.from_annotation, link.to_annotation):
            kept = [item for item in self._by_annotation.get(key, []) if item.id != link.id]
            if kept:
                self._by_annotation[key] = kept
            else:
                self._by_annotation.pop(key, None)

    def of(self, annotation_id: str) -> list[Link]:
        return list(self._by_annotation.get(annotation_id, ()))

    def counterparts(self, annotation_id: str) -> list[str]:
        return [link.other(annotation_id) for link in self.of(annotation_id)]

    def linked(self, annotation_ids: Container[str]) -> set[str]:
        """Which of ``annotation_ids`` have at least one link."""
        return {key for key in self._by_annotation if key in annotation_ids}


class Step(NamedTuple):
    """Where `g` goes: ``target``, the ``number``-th of ``total`` counterparts (0: back)."""

    target: str
    number: int
    total: int


class GotoCycle:
    """`g` visits every counterpart of an annotation in turn, then comes back to it.

    Pressed on the counterpart it just showed, it goes on to the next one; anywhere
    else a new round starts from the annotation under the cursor.
    """

    def __init__(self, links: LinkIndex) -> None:
        self.links = links
        self._round: tuple[str, int] | None = None  # (where it began, counterpart shown)

    def step(self, current: str) -> Step | None:
        origin, index = self._round or (current, -1)
        others = self.links.counterparts(origin)
        if not 0 <= index < len(others) or others[index] != current:
            origin, index, others = current, -1, self.links.counterparts(current)
        if not others:
            self._round = None
            return None
        index += 1
        if index == len(others):
            self._round = None
            return Step(origin, 0, len(others))
        self._round = (origin, index)
        return Step(others[index], index + 1, len(others))
