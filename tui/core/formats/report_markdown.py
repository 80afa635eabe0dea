"""The report as Markdown (CommonMark, as markdown-it-py renders it).

User text is sanitised like the HTML report's and every Markdown special
character in it is backslash-escaped, so a note that says ``# heading`` or
``<script>`` or ``[x](javascript:…)`` reads as those characters and builds
nothing.
"""

from __future__ import annotations

import re

from ..text import canonicalise
from .report import Passage, Report, source_of

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&=])")


def md(text: str) -> str:
    """One line of inert Markdown text: line breaks become spaces."""
    clean = canonicalise(text).replace("\n", " ")
    return _SPECIAL.sub(r"\\\1", clean)


def _lead(line: str) -> str:
    """Leading spaces as no-break spaces: four of them would start a code block."""
    stripped = line.lstrip(" ")
    return "\u00a0" * (len(line) - len(stripped)) + stripped


def _strong(text: str) -> str:
    """Bold, with surrounding spaces outside the markers (``** x**`` is not bold)."""
    core = text.strip(" ")
    if not core:
        return text
    start = text.index(core)
    return f"{text[:start]}**{core}**{text[start + len(core) :]}"


def _block(text: str, prefix: str = "> ") -> list[str]:
    """Several lines of inert text as a quote block (a blank line stays in the quote)."""
    lines = canonicalise(text).split("\n")
    return [(prefix + _lead(_SPECIAL.sub(r"\\\1", line))).rstrip() for line in lines]


def _where(passage: Passage) -> str:
    article = passage.article
    parts = [f"**{md(article.title)}**"]
    if source_of(article):
        parts.append(md(source_of(article)))
    parts.append(md(article.published) if article.published else "date unknown")
    return " · ".join(parts)


def _quote(passage: Passage) -> list[str]:
    if not passage.found:
        return [
            f"> {_strong(md(passage.quote))}",
            "",
            "*This quote is no longer in the article (orphaned): shown as it was tagged.*",
        ]
    return [f"> {_lead(md(passage.before) + _strong(md(passage.quote)))}{md(passage.after)}"]


def _about(passage: Passage) -> list[str]:
    annotation = passage.annotation
    who = f" · {md(annotation.annotator)}" if annotation.annotator else ""
    flag = " · wording changed since tagged" if annotation.status == "changed" else ""
    lines = ["", f"*{md(annotation.label)}*{who} · {md(annotation.created_at[:10])}{flag}"]
    if annotation.note:
        lines += ["", "Note:", "", *_block(annotation.note)]
    return lines


def render_markdown(report: Report) -> str:
    count = len(report.disagreements)
    out = [
        "# Where the articles disagree",
        "",
        f"{count} linked inconsistenc{'y' if count == 1 else 'ies'} across"
        f" {len(report.articles)} article(s) · {md(report.generated_at)} · {md(report.database)}",
        "",
        "## Linked inconsistencies",
        "",
    ]
    if not report.disagreements:
        out += ["No inconsistency is linked yet.", ""]
    for number, item in enumerate(report.disagreements, start=1):
        out += [f"### {number}\\. {md(item.link.kind)}", ""]
        if item.link.note:
            out += ["Why they disagree:", "", *_block(item.link.note), ""]
        for side, passage in (("A", item.first), ("B", item.second)):
            out += [f"#### {side}: {_where(passage)}", "", *_quote(passage), *_about(passage), ""]
    out += ["## Articles: claims and quotes", ""]
    for section in report.articles:
        article = section.article
        out += [f"### {md(article.title)}", ""]
        meta = [md(source_of(article)) if source_of(article) else ""]
        meta.append(md(article.published) if article.published else "date unknown")
        if article.author:
            meta.append(md(article.author))
        if article.url:
            meta.append(md(article.url))
        out += [" · ".join(part for part in meta if part), ""]
        if not section.passages:
            out += ["No claim or quote tagged.", ""]
        label = None
        for passage in section.passages:
            if passage.annotation.label != label:
                label = passage.annotation.label
                total = sum(1 for p in section.passages if p.annotation.label == label)
                out += [f"#### {md(label)} ({total})", ""]
            out += [*_quote(passage), *_about(passage), "", "---", ""]
    return "\n".join(out).rstrip("\n") + "\n"
