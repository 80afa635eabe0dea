"""Paired quotation marks: which stretches of an article are someone's own words.

Marks are paired per paragraph with a stack, using the characters on either
side of each mark to tell an opening mark from a closing one and both from an
apostrophe. A paragraph that opens a quote without closing it hands the quote
on to the next paragraph when that one opens again (the newspaper convention
for a quote running over several paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tui.core.assist.spans import is_wordish

_MARK = re.compile("''|``|[\"“”„‟«»‹›‘’‚']")
DOUBLE = frozenset(["\"", "“", "”", "„", "‟", "«", "»", "''", "``"])
# Which closing marks end a quote opened by each mark (“…”, „…“, «…», »…«, ‘…’, ...).
_CLOSES: dict[str, frozenset[str]] = {
    "“": frozenset("”“\""),
    "„": frozenset("“”\""),
    "‟": frozenset("”\""),
    "”": frozenset("”"),
    "«": frozenset("»"),
    "»": frozenset("«»"),
    "\"": frozenset(["\"", "”", "''"]),
    "''": frozenset(["''", "\"", "”"]),
    "``": frozenset(["''", "\""]),
    "‘": frozenset("’'"),
    "‚": frozenset("‘’"),
    "‹": frozenset("›"),
    "›": frozenset("‹"),
    "'": frozenset("'’"),
    "’": frozenset("’'"),
}
_ONLY_OPEN = frozenset("„‟«‹‚‘") | {"``"}
_ONLY_CLOSE = frozenset("»›")
_LEFT_SPACE = frozenset(" ([{—–―-/\u00a0")
_RIGHT_SPACE = frozenset(" .,;:!?)]}—–―-/…\u00a0")


@dataclass(frozen=True, slots=True)
class QuoteRegion:
    """A top-level quotation: from its opening mark to its closing mark (or paragraph end)."""

    start: int
    end: int
    double: bool
    nested: int  # quotations inside this one
    closed: bool  # False: the paragraph ended first
    continued: bool = False  # carries on a quote opened in an earlier paragraph
    inner: tuple[QuoteRegion, ...] = ()  # of an unclosed quotation: the quotations inside it


def _role(par: str, i: int, mark: str) -> str:
    """'open', 'close' or '' (an apostrophe, an inch mark or a lone mark) for the mark at i."""
    before = par[i - 1] if i > 0 else " "
    after = par[i + len(mark)] if i + len(mark) < len(par) else " "
    left_free = before.isspace() or before in _LEFT_SPACE or (_MARK.match(before) is not None)
    right_free = after.isspace() or after in _RIGHT_SPACE or (_MARK.match(after) is not None)
    if mark in ("'", "’") and is_wordish(before) and is_wordish(after):
        return ""  # don't, O’Brien
    if left_free and not right_free:
        if mark in ("'", "’") and after.isdigit():
            return ""  # '90s
        return "close" if mark in _ONLY_CLOSE else "open"
    if right_free and not left_free:
        return "open" if mark in _ONLY_OPEN else "close"
    if left_free and right_free:
        return ""
    # Inside a word ("e.g.'s", 5'10"): only unambiguous marks count.
    if mark in _ONLY_OPEN:
        return "open"
    return "close" if mark in ("”", "»") else ""


def _pairs(par: str, base: int) -> tuple[list[QuoteRegion], tuple[int, str] | None]:
    """Top-level quotations of one paragraph, and the quote it leaves open (offset, mark)."""
    stack: list[tuple[int, str, int]] = []  # (offset in par, mark, quotes nested inside)
    regions: list[QuoteRegion] = []
    for match in _MARK.finditer(par):
        mark, i = match.group(), match.start()
        role = _role(par, i, mark)
        if role == "" and mark == "\"" and i >= 2 and par[i - 1] == " " and par[i - 2] in "'’" and (
            any(m == "\"" for _o, m, _n in stack)
        ):
            role = "close"  # '"... the term 'outreach,' " he said': spaced apart from the inner
        if role == "close" or (role == "" and mark in ("“", "”") and stack):
            for depth in range(len(stack) - 1, -1, -1):
                open_at, opener, nested = stack[depth]
                if mark in _CLOSES[opener]:
                    del stack[depth:]
                    if stack:
                        top = stack[-1]
                        stack[-1] = (top[0], top[1], top[2] + 1 + nested)
                    else:
                        regions.append(
                            QuoteRegion(base + open_at, base + match.end(), opener in DOUBLE,
                                        nested, closed=True)
                        )
                    break
        elif role == "open":
            stack.append((i, mark, 0))
    left_open = next(((i, m) for i, m, _n in stack if m in DOUBLE), None)
    return regions, left_open


def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[list[QuoteRegion]]:
    """Top-level quotations of each paragraph (same order as ``paragraphs``)."""
    found: list[list[QuoteRegion]] = []
    carried = False  # the previous paragraph left a quote open
    for start, end in paragraphs:
        par = text[start:end]
        regions, left_open = _pairs(par, start)
        if carried and regions and par[: regions[0].start - start].strip() == "":
            regions[0] = replace(regions[0], continued=True)
        if left_open is not None:
            open_at = start + left_open[0]
            if not any(r.start <= open_at < r.end for r in regions):
                regions = [r for r in regions if r.end <= open_at]
                continued = carried and par[:left_open[0]].strip() == ""
                mark_end = left_open[0] + len(left_open[1])
                inner, _ = _pairs(par[mark_end:], start + mark_end)
                regions.append(QuoteRegion(open_at, end, True, len(inner), closed=False,
                                           continued=continued, inner=tuple(inner)))
        found.append(regions)
        carried = left_open is not None or (carried and not regions and par.strip() == "")
    return found
