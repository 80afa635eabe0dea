"""The report as one self-contained HTML page: inline CSS, no script, no request.

Every text comes from articles or analysts and is untrusted: it passes the
canonical-text sanitiser (no control or bidi character survives) and then
``html.escape``. The page forbids scripts and outside requests itself
(Content-Security-Policy), and prints: pairs stay on one page, link targets are
printed after their text.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from ..text import canonicalise
from .report import Passage, Report, source_of

STYLE = """
:root { color-scheme: light; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: #111; background: #fff;
  max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4 { font-family: Helvetica, Arial, sans-serif; line-height: 1.2; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #111; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .4rem; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; }
.meta, .where, .by { font-family: Helvetica, Arial, sans-serif; font-size: .85rem; color: #444; }
.pair { border: 1px solid #999; border-radius: 4px; padding: .6rem 1rem 1rem;
  margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.side { border-left: 4px solid #b00; padding-left: .8rem; }
.side + .side { border-left-color: #036; }
blockquote { margin: .4rem 0; font-size: 1rem; }
mark { background: #ffe58a; color: #000; padding: 0 .1em; font-weight: bold; }
.note, .link-note { white-space: pre-wrap; margin: .3rem 0; }
.note::before { content: "Note: "; font-weight: bold; font-family: Helvetica, Arial, sans-serif; }
.link-note::before { content: "Why they disagree: "; font-weight: bold;
  font-family: Helvetica, Arial, sans-serif; }
.missing { color: #a00; font-style: italic; }
ul.passages { list-style: none; padding: 0; }
ul.passages > li { border-top: 1px solid #ddd; padding: .4rem 0; break-inside: avoid; }
.label { font-family: Helvetica, Arial, sans-serif; font-size: .75rem; text-transform: uppercase;
  letter-spacing: .05em; border: 1px solid #444; border-radius: 3px; padding: 0 .3em; }
@media (max-width: 45rem) { .sides { grid-template-columns: 1fr; } }
@media print {
  body { font-size: 10.5pt; margin: 0; max-width: none; }
  .pair { border-color: #000; }
  mark { background: none; text-decoration: underline; text-decoration-thickness: 2px; }
  a { color: #000; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .8em; word-break: break-all; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
"""
POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def esc(text: str) -> str:
    """Untrusted text as inert HTML."""
    return html.escape(canonicalise(text), quote=True)


def _date(value: str) -> str:
    return esc(value) if value else "date unknown"


def _where(passage: Passage) -> str:
    article = passage.article
    parts = [f"<strong>{esc(article.title)}</strong>"]
    source = source_of(article)
    if source:
        parts.append(esc(source))
    parts.append(_date(article.published))
    return " · ".join(parts)


def _quote(passage: Passage) -> str:
    if not passage.found:
        return (
            f'<blockquote><mark>{esc(passage.quote)}</mark></blockquote><p class="missing">'
            "This quote is no longer in the article (orphaned): shown as it was tagged.</p>"
        )
    body = f"{esc(passage.before)}<mark>{esc(passage.quote)}</mark>{esc(passage.after)}"
    return f"<blockquote>{body}</blockquote>"


def _by(passage: Passage) -> str:
    annotation = passage.annotation
    who = f" · {esc(annotation.annotator)}" if annotation.annotator else ""
    flag = " · wording changed since tagged" if annotation.status == "changed" else ""
    return (
        f'<p class="by"><span class="label">{esc(annotation.label)}</span>{who}'
        f" · {esc(annotation.created_at[:10])}{flag}</p>"
    )


def _note(text: str, kind: str = "note") -> str:
    return f'<p class="{kind}">{esc(text)}</p>' if text else ""


def _side(passage: Passage) -> str:
    return (
        f'<div class="side"><p class="where">{_where(passage)}</p>{_quote(passage)}'
        f"{_by(passage)}{_note(passage.annotation.note)}</div>"
    )


def _link(url: str) -> str:
    if urlsplit(url).scheme.lower() in ("http", "https"):
        return f'<a href="{esc(url)}">{esc(url)}</a>'
    return esc(url)


def render_html(report: Report) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        "<title>newsmark report: where the articles disagree</title>",
        f"<style>{STYLE}</style></head><body>",
        "<header><h1>Where the articles disagree</h1>",
        f'<p class="meta">{len(report.disagreements)} linked inconsistenc'
        f"{'y' if len(report.disagreements) == 1 else 'ies'} across {len(report.articles)}"
        f" article(s) · {esc(report.generated_at)} · {esc(report.database)}</p></header>",
        "<section><h2>Linked inconsistencies</h2>",
    ]
    if not report.disagreements:
        out.append('<p class="meta">No inconsistency is linked yet.</p>')
    for number, item in enumerate(report.disagreements, start=1):
        out += [
            f'<article class="pair"><h3>{number}. {esc(item.link.kind)}</h3>',
            _note(item.link.note, "link-note"),
            f'<div class="sides">{_side(item.first)}{_side(item.second)}</div></article>',
        ]
    out.append("</section><section><h2>Articles: claims and quotes</h2>")
    for section in report.articles:
        article = section.article
        meta = [esc(source_of(article)) if source_of(article) else "", _date(article.published)]
        if article.author:
            meta.append(esc(article.author))
        if article.url:
            meta.append(_link(article.url))
        out += [
            f"<article><h3>{esc(article.title)}</h3>",
            f'<p class="meta">{" · ".join(part for part in meta if part)}</p>',
        ]
        if not section.passages:
            out.append('<p class="meta">No claim or quote tagged.</p>')
        label = None
        for passage in section.passages:
            if passage.annotation.label != label:
                if label is not None:
                    out.append("</ul>")
                label = passage.annotation.label
                count = sum(1 for p in section.passages if p.annotation.label == label)
                out.append(f'<h4>{esc(label)} ({count})</h4><ul class="passages">')
            out.append(f"<li>{_quote(passage)}{_by(passage)}{_note(passage.annotation.note)}</li>")
        if label is not None:
            out.append("</ul>")
        out.append("</article>")
    out.append("</section></body></html>\n")
    return "\n".join(out)
