"""Where the default articles live, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def seed_paths() -> list[Path]:
    for folder in (_PACKAGE / "seeds", _PACKAGE.parent / "seeds"):
        if folder.is_dir():
            return sorted(path for path in folder.iterdir() if path.suffix in (".txt", ".md"))
    return []
