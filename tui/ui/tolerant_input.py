"""Bytes on the terminal's input that are not UTF-8 become U+FFFD, not a crash.

Textual's Linux driver decodes what the terminal sends with a strict UTF-8
decoder: one stray byte (a paste from a Latin-1 file, an 8-bit C1 control such as
0x9B) raised ``UnicodeDecodeError`` in its input thread and the app died with a
traceback. The replacement character is visible and harmless, like the
sanitiser's other replacements.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from functools import partial


def _replacing(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    return partial(codecs.getincrementaldecoder(encoding), errors="replace")


def tolerate_bad_input_bytes() -> None:
    """Make the driver's input decoder replace what it cannot decode (call before ``run``)."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # another platform's driver
        return
    setattr(linux_driver, "getincrementaldecoder", _replacing)  # noqa: B010 (the module imports it by name)
