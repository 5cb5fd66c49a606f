"""Where the main window opens and how its panes share the width: plain rectangles in, a rectangle out.

The Qt layer passes the screens' available geometries (the desktop minus panels and docks, in
device-independent pixels) and the window frame's margins; nothing here needs a display, so every
screen from a 1024x600 netbook to a 2x-scaled 4K monitor is tested as numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# The size the window would like on a roomy screen, and the share of a smaller screen it takes.
PREFERRED_WIDTH = 1600
PREFERRED_HEIGHT = 1000
SCREEN_SHARE = 0.92
# A saved window counts as still on a screen when this much of its title bar is on that screen.
VISIBLE_GRIP_WIDTH = 120
VISIBLE_GRIP_HEIGHT = 24
# The four panes (library | results | reader | side panel): shares of the width, the least each gets,
# and the least the reader keeps when a saved splitter state is restored.
PANE_SHARES = (0.16, 0.24, 0.40, 0.20)
PANE_MINIMUM = 160
READER_PANE = 2
READER_READABLE = 360


@dataclass(frozen=True, slots=True)
class Rect:
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:  # one past the last column
        return self.x + self.width

    @property
    def bottom(self) -> int:  # one past the last row
        return self.y + self.height

    def intersection_area(self, other: Rect) -> int:
        width = min(self.right, other.right) - max(self.x, other.x)
        height = min(self.bottom, other.bottom) - max(self.y, other.y)
        return max(0, width) * max(0, height)

    def contains(self, other: Rect) -> bool:
        return (self.x <= other.x and self.y <= other.y
                and other.right <= self.right and other.bottom <= self.bottom)


@dataclass(frozen=True, slots=True)
class Margins:
    """The window manager's frame around the client area (title bar on top)."""

    left: int = 0
    top: int = 0
    right: int = 0
    bottom: int = 0


# Before the window is mapped its frame is unknown; this is a usual title bar and border.
DEFAULT_FRAME = Margins(2, 32, 2, 2)


def _fit_length(available: int, preferred: int, frame: int) -> int:
    return max(1, min(preferred, int(available * SCREEN_SHARE), available - frame))


def default_rect(available: Rect, frame: Margins = DEFAULT_FRAME) -> Rect:
    """The client area of a first window on a screen with ``available`` geometry: the preferred size,
    or most of a smaller screen, centred, its frame inside the available area."""
    width = _fit_length(available.width, PREFERRED_WIDTH, frame.left + frame.right)
    height = _fit_length(available.height, PREFERRED_HEIGHT, frame.top + frame.bottom)
    outer_width = width + frame.left + frame.right
    outer_height = height + frame.top + frame.bottom
    x = available.x + max(0, (available.width - outer_width) // 2) + frame.left
    y = available.y + max(0, (available.height - outer_height) // 2) + frame.top
    return Rect(x, y, width, height)


def _grip(client: Rect, frame: Margins) -> Rect:
    """The part of the title bar a user needs to move the window: its left end."""
    top = client.y - max(frame.top, VISIBLE_GRIP_HEIGHT)
    return Rect(client.x, top, min(client.width, VISIBLE_GRIP_WIDTH), max(frame.top, VISIBLE_GRIP_HEIGHT))


def clamp_to(available: Rect, client: Rect, frame: Margins) -> Rect:
    """``client`` shrunk to fit ``available`` with its frame, then moved inside it."""
    room_width = max(1, available.width - frame.left - frame.right)
    room_height = max(1, available.height - frame.top - frame.bottom)
    width = min(client.width, room_width)
    height = min(client.height, room_height)
    x = min(max(client.x, available.x + frame.left), available.right - frame.right - width)
    y = min(max(client.y, available.y + frame.top), available.bottom - frame.bottom - height)
    return Rect(x, y, width, height)


def window_rect(saved: Rect | None, screens: Sequence[Rect], primary: Rect,
                frame: Margins = DEFAULT_FRAME) -> Rect:
    """Where the main window opens: ``saved`` (its last client area) when its title bar is still on
    one of ``screens`` (available geometries), shrunk and moved to fit that screen; otherwise the
    default size on ``primary`` (a fresh start, or a monitor that is gone)."""
    if saved is None or saved.width <= 0 or saved.height <= 0:
        return default_rect(primary, frame)
    grip = _grip(saved, frame)
    hosts = [s for s in screens if s.intersection_area(grip) > 0]
    if not hosts:
        return default_rect(primary, frame)
    host = max(hosts, key=lambda s: (s.intersection_area(saved), s.intersection_area(grip)))
    return clamp_to(host, saved, frame)


def pane_widths(total: int, count: int = len(PANE_SHARES)) -> list[int]:
    """The panes' widths for a splitter ``total`` pixels wide: the shares, each at least PANE_MINIMUM
    (what is short comes off the reader last: it has the biggest share)."""
    shares = PANE_SHARES[:count]
    scale = sum(shares)
    widths = [max(PANE_MINIMUM, int(total * share / scale)) for share in shares]
    excess = sum(widths) - total
    # Narrow windows: take the excess from the panes above their minimum, the widest first.
    while excess > 0:
        widest = max(range(count), key=lambda i: widths[i])
        if widths[widest] <= PANE_MINIMUM:
            break
        cut = min(excess, widths[widest] - PANE_MINIMUM)
        widths[widest] -= cut
        excess -= cut
    widths[READER_PANE if count > READER_PANE else -1] += max(0, total - sum(widths))
    return widths


def readable(widths: Sequence[int], total: int) -> bool:
    """Whether restored pane widths leave the reader readable in a splitter ``total`` pixels wide."""
    if len(widths) <= READER_PANE or sum(widths) <= 0:
        return False
    reader = widths[READER_PANE] * total / sum(widths)
    # the splitter's handles take a few pixels of the default share
    return reader >= min(READER_READABLE, 0.9 * pane_widths(total, len(widths))[READER_PANE])
