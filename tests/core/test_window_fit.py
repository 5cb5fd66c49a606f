"""Where the first window opens, as numbers: every screen size, saved positions on and off screens."""

from __future__ import annotations

import pytest

from briefing.core.window_fit import (
    DEFAULT_FRAME,
    PANE_MINIMUM,
    READER_PANE,
    Margins,
    Rect,
    default_rect,
    pane_widths,
    readable,
    window_rect,
)

# Available geometries (the screen minus a 32-pixel panel) in device-independent pixels;
# a 2x-scaled 4K monitor is 1920x1080 of them, a 1x one 3840x2160.
NETBOOK = Rect(0, 0, 1024, 568)
LAPTOP = Rect(0, 0, 1366, 736)
FULL_HD = Rect(0, 0, 1920, 1048)
UHD_2X = Rect(0, 0, 1920, 1048)
UHD_1X = Rect(0, 0, 3840, 2128)
SCREENS = [NETBOOK, LAPTOP, FULL_HD, UHD_2X, UHD_1X, Rect(0, 0, 800, 480)]


def outer(client: Rect, frame: Margins) -> Rect:
    return Rect(client.x - frame.left, client.y - frame.top, client.width + frame.left + frame.right,
                client.height + frame.top + frame.bottom)


@pytest.mark.parametrize("screen", SCREENS, ids=lambda r: f"{r.width}x{r.height}")
@pytest.mark.parametrize("frame", [Margins(), DEFAULT_FRAME, Margins(5, 40, 5, 5)])
def test_a_first_window_fits_with_its_frame(screen: Rect, frame: Margins) -> None:
    rect = default_rect(screen, frame)
    assert screen.contains(outer(rect, frame))
    # it uses the screen: at least half of a small one, never a postage stamp on a big one
    assert rect.width >= min(screen.width // 2, 1200) and rect.height >= min(screen.height // 2, 750)


def test_a_laptop_screen_gets_a_window_shorter_than_the_old_1280x800() -> None:
    rect = default_rect(LAPTOP)
    assert rect.height + DEFAULT_FRAME.top + DEFAULT_FRAME.bottom <= 736
    assert rect.height < 800


def test_a_second_monitor_to_the_left_is_honoured() -> None:
    left = Rect(-1920, 0, 1920, 1048)
    rect = default_rect(left)
    assert left.contains(outer(rect, DEFAULT_FRAME))


def test_no_saved_position_opens_the_default_on_the_primary_screen() -> None:
    assert window_rect(None, [LAPTOP], LAPTOP) == default_rect(LAPTOP)


def test_a_saved_position_on_screen_is_kept() -> None:
    saved = Rect(100, 80, 900, 600)
    assert window_rect(saved, [LAPTOP], LAPTOP) == saved


def test_a_saved_position_on_a_monitor_now_gone_opens_on_the_primary() -> None:
    saved = Rect(2100, 100, 1500, 900)  # was on a second monitor to the right
    assert window_rect(saved, [LAPTOP], LAPTOP) == default_rect(LAPTOP)


def test_a_window_saved_on_a_big_screen_is_shrunk_to_a_small_one() -> None:
    saved = Rect(40, 60, 1800, 1000)
    rect = window_rect(saved, [NETBOOK], NETBOOK)
    assert NETBOOK.contains(outer(rect, DEFAULT_FRAME))
    assert rect.width == NETBOOK.width - 4 and rect.height == NETBOOK.height - 34


def test_a_window_hanging_off_the_bottom_is_moved_up() -> None:
    saved = Rect(200, 500, 800, 600)  # title bar on screen, the status bar below it
    rect = window_rect(saved, [LAPTOP], LAPTOP)
    assert LAPTOP.contains(outer(rect, DEFAULT_FRAME))
    assert (rect.x, rect.width, rect.height) == (200, 800, 600)


def test_a_title_bar_above_the_screen_is_not_on_it() -> None:
    saved = Rect(100, -400, 800, 600)  # the window's lower part shows, its title bar does not
    rect = window_rect(saved, [LAPTOP], LAPTOP)
    assert LAPTOP.contains(outer(rect, DEFAULT_FRAME))


def test_the_screen_holding_most_of_the_window_hosts_it() -> None:
    left, right = Rect(0, 0, 1366, 736), Rect(1366, 0, 1920, 1048)
    saved = Rect(1300, 100, 1400, 900)  # title bar on both, most of it on the right one
    rect = window_rect(saved, [left, right], left)
    assert right.contains(outer(rect, DEFAULT_FRAME))
    assert (rect.width, rect.height) == (1400, 900)


def test_a_degenerate_saved_rect_is_ignored() -> None:
    assert window_rect(Rect(10, 10, 0, 0), [LAPTOP], LAPTOP) == default_rect(LAPTOP)


@pytest.mark.parametrize("total", [660, 900, 1000, 1250, 1900, 3700])
def test_pane_widths_fill_the_splitter_and_favour_the_reader(total: int) -> None:
    widths = pane_widths(total)
    assert sum(widths) == max(total, 4 * PANE_MINIMUM)
    assert min(widths) >= PANE_MINIMUM
    assert widths[READER_PANE] == max(widths)


def test_a_squeezed_reader_is_not_readable_and_defaults_are() -> None:
    assert readable(pane_widths(1250), 1250)
    assert not readable([400, 400, 160, 290], 1250)
    assert readable([200, 300, 500, 250], 1250)
    assert not readable([], 1250)
