"""The hostile corpus: files that must not take over the terminal or the database.

Every file either loads (``tui.core.articles.load_article``) into a canonical
text in which no character can drive a terminal, and in which markup stays
literal, or is refused with a one-line ``InputError`` naming the file.

    python tests/data/hostile/make_corpus.py [DIR]

writes the small files into DIR (default: this folder, where they are
committed; the test checks that they match this script). The two large files
(a 1 MB single line and 10,000 short lines) are made by ``write_large`` at test
time instead, to keep the repository small. ``CORPUS`` says, for each file,
whether it should load or be refused and what it exercises; UI tests can use
``write_all(directory)`` to get every file, large ones included.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"
LEAD = "Officials met in Muscat on Monday, the foreign minister said, and talks will resume.\n\n"


def _text(body: str) -> bytes:
    return (LEAD + body + "\n\nThe end of the article.\n").encode("utf-8")


def small_files() -> dict[str, bytes]:
    """Name -> exact bytes of every committed file."""
    files: dict[str, bytes] = {}
    files["esc_csi_osc.txt"] = _text(
        "Title change: " + ESC + "]0;PWNED-TITLE" + BEL + " and " + ESC + "]2;PWNED-2" + ST + ".\n"
        "Clear screen: " + ESC + "[2J" + ESC + "[H" + ESC + "[3J and reset " + ESC + "c.\n"
        "Clipboard: " + ESC + "]52;c;ZWNobyBQV05FRA==" + BEL + " (OSC 52 writes the clipboard).\n"
        "Hyperlink: " + ESC + "]8;;https://evil.example/" + ST + "click here" + ESC + "]8;;" + ST
        + ".\n"
        "Colours " + ESC + "[31;1mred" + ESC + "[0m, cursor " + ESC + "[10A" + ESC + "[5;5H moves, "
        "alternate screen " + ESC + "[?1049h, mouse " + ESC + "[?1000h" + ESC + "[?1006h, paste "
        + ESC + "[?2004h.\n"
        "Reports the terminal would type back: " + ESC + "[6n " + ESC + "[c " + ESC + "[21t "
        + ESC + "]11;?" + BEL + ".\n"
        "DCS " + ESC + "P1$qm" + ST + ", APC " + ESC + "_payload" + ST + ", PM " + ESC + "^x" + ST
        + ", SOS " + ESC + "Xx" + ST + ", keypad " + ESC + "=" + ESC + ">.\n"
        "A lone escape at the end of a line " + ESC
    )
    c1 = "".join(chr(code) for code in range(0x80, 0xA0))
    files["c1_controls.txt"] = _text(
        "Every C1 control in a row: [" + c1 + "].\n"
        "Eight-bit CSI clears the screen: \x9b2J\x9bH, OSC sets the title: \x9d0;PWNED\x9c,"
        " NEL\x85next line, DCS \x90q\x9c, CSI 6n \x9b6n.\n"
    )
    files["nul_bel.txt"] = _text(
        "A NUL\x00 byte, a bell\x07 that rings, backspace\x08 over text, DEL\x7f, "
        "vertical tab\x0b, form feed\x0c, shift out\x0e and in\x0f, escape-less CSI, "
        "a tab\tinside, a carriage return\ronly.\n"
    )
    files["bidi.txt"] = _text(
        "Overrides: \u202eevil.exe\u202c looks reversed; \u202dLRO\u202c, \u202aLRE\u202c, "
        "\u202bRLE\u202c.\nIsolates: \u2066LRI\u2069 \u2067RLI\u2069 \u2068FSI\u2069.\n"
        "Trojan source: access_level != \"user\u202e \u2066// Check if admin\u2069 \u2066\" {\n"
        "Marks that are fine: \u200eLRM \u200fRLM \u061cALM.\n"
    )
    files["zero_width.txt"] = _text(
        "Zero\u200bwidth space, non\u200cjoiner, joiner\u200d, word\u2060joiner, "
        "BOM\ufeffin the middle, soft\u00adhyphen, invisible\u2062times\u2063sep\u2064plus, "
        "Mongolian\u180evowel separator, tag characters \U000e0001\U000e0068\U000e0069\U000e007f, "
        "variation selectors \u2764\ufe0f \u2764\ufe0e and \U000e0100.\n"
    )
    files["markup.txt"] = _text(
        "[@click=app.quit]Click to quit[/] and [@click=app.bell]ring[/]; "
        "[bold red]Rich markup[/bold red], [link=https://evil.example]a link[/link], "
        "[on red]background[/], [/] stray close, \\[escaped], [b]bold[/b], [$accent]var[/], "
        "[reverse blink]x[/], :smiley: emoji code, {braces} and ${template}, "
        "=HYPERLINK(\"https://evil.example\") and +cmd|' /C calc'!A0 and @SUM(1) and -1+1.\n"
    )
    files["markup.md"] = (
        "# Heading [@click=app.quit] with &#x202e;entity override&#x202c; and &#x1b;[2J\n\n"
        "Paragraph with [@click=app.quit] literal, *emphasis [bold]x[/bold]*, "
        "`[@click=app.quit]` in code, and a [link](javascript:alert(1) \"t\").\n\n"
        "Entities: &#x9b;2J &#27;]0;PWNED&#7; &#x2067;isolate&#x2069; &#0; &amp;.\n\n"
        "> quote with \x1b]0;raw escape\x07 inside\n\n"
        "```\ncode block \x1b[31m with escapes \x9b6n\n```\n\n"
        "<div onclick=\"x\">html block \x1b[2J</div>\n"
    ).encode()
    files["emoji_zwj.txt"] = _text(
        "Families 👩‍👩‍👧‍👦 👨‍👨‍👧, professions 👩🏽‍🚒 🧑🏿‍💻, flags 🇫🇷🇩🇪🇮🇷🇴🇲 🏳️‍🌈 🏴‍☠️ "
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f, keycaps 1️⃣ #️⃣, "
        "skin tones 👍🏻👍🏼👍🏽👍🏾👍🏿, hearts ❤️‍🔥 ❤️‍🩹, text and emoji presentation ☺︎ ☺️.\n"
    )
    files["combining.txt"] = _text(
        "Decomposed: cafe\u0301, nai\u0308ve, Zoe\u0308, A\u030a, n\u0303, \u1100\u1161\u11a8 "
        "(Hangul jamo).\nStacked: a\u0308\u0323, o\u0302\u0301, q\u0307\u0323.\n"
        "Zalgo: H" + "\u0336\u0334\u0315\u035c\u0360" * 8 + "e" + "\u0489" * 20 + "llo.\n"
        "A mark at the start of a line:\n\u0301alone.\n"
        "Devanagari क्षत्रिय, Thai ก้ำ, Hebrew points שָׁלוֹם.\n"
    )
    files["cjk.txt"] = _text(
        "中文新闻：外交部长周一在马斯喀特表示，谈判将恢复。\n"
        "日本語のニュース：外相は月曜日、交渉が再開されると述べた。\u3000全角スペース。\n"
        "한국어 뉴스: 외무장관은 월요일 협상이 재개될 것이라고 말했다.\n"
        "Full-width ＡＢＣ１２３！？, CJK extension B 𠀀𠀁𪚥, half-width ｶﾀｶﾅ.\n"
    )
    files["arabic_persian.txt"] = _text(
        "قال وزير الخارجية يوم الاثنين في مسقط إن المحادثات ستستأنف. الأرقام: ١٢٣٤٥٦٧٨٩٠.\n"
        "وزیر امور خارجه روز دوشنبه در مسقط گفت که گفت\u200cوگوها از سر گرفته می\u200cشود. "
        "ارقام: ۱۲۳۴۵۶۷۸۹۰.\n"
        "Mixed direction: the minister (وزير) said «نعم» 3 times, שלום עולם.\n"
    )
    files["line_breaks.txt"] = _text(
        "CRLF line\r\nCR line\rLS\u2028PS\u2029NEL\x85VT\x0bFF\x0cend, tabs\t\there.\n"
    ).replace(b"\n\n", b"\r\n\r\n")
    files["utf16le_bom.txt"] = b"\xff\xfe" + (
        LEAD + "UTF-16 LE with a BOM: 中文, وزير, 👩‍👩‍👧, and an " + ESC + "]0;PWNED" + BEL
        + " escape.\n"
    ).encode("utf-16-le")
    files["utf16be_bom.txt"] = b"\xfe\xff" + (
        LEAD + "UTF-16 BE with a BOM: 日本語, گفت, café.\n"
    ).encode("utf-16-be")
    files["utf8_bom.txt"] = b"\xef\xbb\xbf" + _text("UTF-8 with a BOM: the BOM is not text.")

    # refused
    files["invalid_utf8.txt"] = LEAD.encode("utf-8") + b"Latin-1 caf\xe9 is not UTF-8.\n"
    files["invalid_utf8_overlong.txt"] = b"Overlong slash \xc0\xaf and a surrogate \xed\xa0\x80.\n"
    files["invalid_utf8_truncated.txt"] = LEAD.encode("utf-8") + b"Cut short: \xe2\x82"
    files["utf16_lone_surrogate.txt"] = b"\xff\xfe" + "ok ".encode("utf-16-le") + b"\x00\xd8"
    files["empty.txt"] = b""
    files["whitespace_only.txt"] = b"  \n\t\r\n   \n"
    files["bom_only.txt"] = b"\xef\xbb\xbf"
    files["controls_only.txt"] = b"\x00\x00\x00\x01\x02\x03\x07\x07\x08\x1b\x1b" * 10
    rng = random.Random(20240501)
    files["binary.txt"] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(2000)
    files["utf16_without_bom.txt"] = (LEAD * 3).encode("utf-16-le")
    return files


LOAD = "load"
REFUSE = "refuse"
CORPUS: dict[str, tuple[str, str]] = {
    "esc_csi_osc.txt": (LOAD, "ESC sequences: OSC 0/2 title, CSI 2J clear, OSC 52, OSC 8, reports"),
    "c1_controls.txt": (LOAD, "raw C1 controls U+0080-U+009F, U+009B CSI, U+009D OSC"),
    "nul_bel.txt": (LOAD, "NUL, BEL, BS, DEL, VT, FF, SO/SI, a lone CR"),
    "bidi.txt": (LOAD, "bidi overrides and isolates (Trojan source)"),
    "zero_width.txt": (LOAD, "zero-width characters, BOM mid-text, tags, variation selectors"),
    "markup.txt": (LOAD, "Rich/Textual markup and spreadsheet formulas"),
    "markup.md": (LOAD, "Markdown with markup, entities decoding to controls, raw escapes"),
    "emoji_zwj.txt": (LOAD, "emoji ZWJ sequences, flags, skin tones, keycaps"),
    "combining.txt": (LOAD, "decomposed text, stacked and Zalgo combining marks"),
    "cjk.txt": (LOAD, "Chinese, Japanese, Korean, full width, extension B"),
    "arabic_persian.txt": (LOAD, "Arabic and Persian (ZWNJ), Hebrew, mixed direction"),
    "line_breaks.txt": (LOAD, "CRLF, CR, LS, PS, NEL, VT, FF, tabs"),
    "utf16le_bom.txt": (LOAD, "UTF-16 LE with BOM"),
    "utf16be_bom.txt": (LOAD, "UTF-16 BE with BOM"),
    "utf8_bom.txt": (LOAD, "UTF-8 with BOM"),
    "long_line.txt": (LOAD, "a 1 MB single line with escapes in it (made by write_large)"),
    "many_lines.txt": (LOAD, "10,000 short lines (made by write_large)"),
    "invalid_utf8.txt": (REFUSE, "Latin-1 byte"),
    "invalid_utf8_overlong.txt": (REFUSE, "overlong encoding and an encoded surrogate"),
    "invalid_utf8_truncated.txt": (REFUSE, "a sequence cut short at the end"),
    "utf16_lone_surrogate.txt": (REFUSE, "UTF-16 with an unpaired surrogate"),
    "empty.txt": (REFUSE, "an empty file"),
    "whitespace_only.txt": (REFUSE, "only whitespace"),
    "bom_only.txt": (REFUSE, "only a BOM"),
    "controls_only.txt": (REFUSE, "nothing but control characters"),
    "binary.txt": (REFUSE, "a PNG header and random bytes"),
    "utf16_without_bom.txt": (REFUSE, "UTF-16 without BOM: valid UTF-8 full of NULs"),
}
LARGE = ("long_line.txt", "many_lines.txt")


def large_files() -> dict[str, bytes]:
    rng = random.Random(7)
    words = ["the", "minister", "said", "talks", "would", "resume", "谈判", "وزير", "👩‍👩‍👧"]
    hostile = [ESC + "]0;PWNED" + BEL, ESC + "[2J", "\x9b6n", "\u202e", "[@click=app.quit]"]
    pieces: list[str] = []
    size = 0
    while size < 1024 * 1024:
        piece = rng.choice(hostile) if rng.random() < 0.01 else rng.choice(words)
        pieces.append(piece)
        size += len(piece.encode("utf-8")) + 1
    long_line = " ".join(pieces).encode("utf-8")
    many = "".join(f"Line {n}: {rng.choice(words)}.\n" for n in range(10_000)).encode("utf-8")
    return {"long_line.txt": long_line, "many_lines.txt": many}


def write(directory: Path, files: dict[str, bytes]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (directory / name).write_bytes(data)


def write_large(directory: Path) -> None:
    write(directory, large_files())


def write_all(directory: Path) -> None:
    write(directory, small_files())
    write_large(directory)


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE, small_files())
