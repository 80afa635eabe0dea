"""What a terminal sends for a key, and what Textual's own input parser makes of it.

Pilot presses key *names*, so a binding spelt differently from the name the
parser produces (``shift+ctrl+right`` vs ``ctrl+shift+right``) passes every
Pilot test and never fires in a real terminal. These helpers go through the
bytes: the xterm encoding tmux and most terminals use, fed to ``XTermParser``.
"""

from __future__ import annotations

from textual import events
from textual._xterm_parser import XTermParser

# CSI final bytes (arrows, home, end) and ``~`` numbers (page keys, delete, F5+)
_FINAL = {"up": "A", "down": "B", "right": "C", "left": "D", "home": "H", "end": "F"}
_TILDE = {
    "insert": 2,
    "delete": 3,
    "pageup": 5,
    "pagedown": 6,
    **dict(
        zip(
            ("f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12"),
            (15, 17, 18, 19, 20, 21, 23, 24),
            strict=True,
        )
    ),
}
_SS3 = {"f1": "P", "f2": "Q", "f3": "R", "f4": "S"}
_PLAIN = {"enter": "\r", "tab": "\t", "escape": "\x1b", "space": " ", "backspace": "\x7f"}
_CHARACTERS = {
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "left_parenthesis": "(",
    "right_parenthesis": ")",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "asterisk": "*",
    "number_sign": "#",
}
_MODIFIER_BITS = {"shift": 1, "alt": 2, "ctrl": 4}


def xterm_bytes(key: str) -> str:
    """The bytes an xterm-compatible terminal (and tmux) sends for ``key``.

    Modifiers are read as a set, in any order, as a user presses them.
    """
    *modifiers, name = key.split("+") if key != "+" else ["+"]
    bits = sum(_MODIFIER_BITS[modifier] for modifier in modifiers)
    code = 1 + bits
    if name in _FINAL:
        return f"\x1b[{_FINAL[name]}" if not bits else f"\x1b[1;{code}{_FINAL[name]}"
    if name in _TILDE:
        return f"\x1b[{_TILDE[name]}~" if not bits else f"\x1b[{_TILDE[name]};{code}~"
    if name in _SS3:
        return f"\x1bO{_SS3[name]}" if not bits else f"\x1b[1;{code}{_SS3[name]}"
    if name == "tab" and modifiers == ["shift"]:
        return "\x1b[Z"
    if name in _PLAIN and not bits:
        return _PLAIN[name]
    character = _CHARACTERS.get(name, name)
    if len(character) != 1:
        raise ValueError(f"no terminal encoding known for {key!r}")
    if modifiers == ["ctrl"] and character.isalpha():
        return chr(ord(character.lower()) & 0x1F)
    if modifiers == ["shift"] and character.isalpha():
        return character.upper()
    if bits:
        raise ValueError(f"no terminal encoding known for {key!r}")
    return character


def parsed_keys(data: str) -> list[str]:
    """Key names Textual's input parser produces from ``data`` (as the driver feeds it)."""
    parser = XTermParser(debug=False)
    found = [*parser.feed(data), *parser.feed("")]  # "" flushes a lone Esc
    return [event.key for event in found if isinstance(event, events.Key)]


def terminal_key(key: str) -> str:
    """The key name a real terminal delivers when the user presses ``key``."""
    [parsed] = parsed_keys(xterm_bytes(key))
    return parsed
