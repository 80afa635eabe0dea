"""Reading an import file defensively: a size cap enforced while reading (a FIFO or a
growing file says nothing true in ``stat``), UTF-8 with the byte offset of the first bad
byte, and JSON whose nesting is bounded."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from ..articles import not_regular
from ..errors import InputError

MAX_IMPORT_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 64  # W3C annotations nest about 6 deep; ours 3
_CHUNK = 1024 * 1024


def read_limited(path: Path, limit: int | None = None) -> bytes:
    limit = MAX_IMPORT_BYTES if limit is None else limit
    too_big = f"larger than {limit // (1024 * 1024)} MB: not read"
    try:
        if path.is_dir():
            raise InputError(path, "is a directory")
        # Opened without blocking (a FIFO with no writer would hang), then checked to be
        # a regular file on the open descriptor: FIFOs and devices get one line at once.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                raise InputError(path, not_regular(status.st_mode))
            if status.st_size > limit:
                raise InputError(path, too_big)
            os.set_blocking(descriptor, True)
            parts: list[bytes] = []
            size = 0
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise InputError(path, too_big)
                parts.append(chunk)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as error:
        raise InputError(path, error.strerror or "cannot be read") from None
    return b"".join(parts)


def read_text(path: Path, limit: int | None = None) -> str:
    data = read_limited(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(path, f"not valid UTF-8 at byte {error.start}") from None


def _depth_ok(value: Any) -> bool:
    """Iterative: a deep document must not exhaust the stack of the check itself."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return True


def parse_json(text: str, path: Path, line: int | None = None) -> Any:
    """One JSON document; errors name the line (of the file, for JSON Lines)."""
    where = "" if line is None else f"line {line}: "
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        at = line if line is not None else error.lineno
        raise InputError(
            path, f"line {at}: invalid JSON ({error.msg} at column {error.colno})"
        ) from None
    except RecursionError:
        raise InputError(path, f"{where}JSON nested deeper than {MAX_DEPTH} levels") from None
    if not _depth_ok(value):
        raise InputError(path, f"{where}JSON nested deeper than {MAX_DEPTH} levels")
    return value
