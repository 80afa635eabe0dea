"""How wide the annotation list may be without squeezing an article below reading width.

At 100 columns a fixed 72-column list left two 9-column strips of text broken
mid-word. The list takes a pane's place instead: as many panes stay as keep
``PANE_MIN`` columns each beside a list of at least ``LIST_MIN``; on a terminal
too narrow for even one, the list has the whole width until it is closed.
"""

from __future__ import annotations

LIST_WIDTH = 72  # what the list wants: label, article, links and a long quote
LIST_MIN = 40  # the least it can show a row in
PANE_MIN = 36  # 30 columns of text beside the gutter, scrollbar and border
PANE_PREFERRED = 50  # what a pane keeps before the list grows past LIST_MIN


def list_layout(width: int, panes: int, list_open: bool) -> tuple[int, int]:
    """(panes kept on screen, list width) for a terminal ``width`` columns wide."""
    if not list_open:
        return panes, 0
    for shown in range(panes, 0, -1):
        if shown * PANE_MIN + LIST_MIN <= width:
            room = width - shown * PANE_PREFERRED
            return shown, max(LIST_MIN, min(LIST_WIDTH, room))
    return 0, width
