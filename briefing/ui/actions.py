"""The menus and keyboard shortcuts of the main window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from briefing.ui.settings import ThemeChoice

Shortcut = QKeySequence.StandardKey | str | list[str]


@dataclass(slots=True)
class Actions:
    add_folder: QAction
    problems: QAction
    print_briefing: QAction
    print_preview: QAction
    export_briefing: QAction
    quit: QAction
    focus_search: QAction
    next_result: QAction
    previous_result: QAction
    similar: QAction
    find: QAction
    find_next: QAction
    find_previous: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    cancel_indexing: QAction
    themes: dict[ThemeChoice, QAction]
    about: QAction
    go_menu: QMenu | None = None  # for actions added by other parts of the window


def _action(
    window: QMainWindow, text: str, slot: Callable[[], object] | None, shortcut: Shortcut | None = None
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        if isinstance(shortcut, list):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        else:
            action.setShortcut(QKeySequence(shortcut))
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # shortcuts work whichever pane has focus
    return action


def build_actions(window: QMainWindow, slots: dict[str, Callable[[], object]],
                  set_theme: Callable[[ThemeChoice], None], theme: ThemeChoice) -> Actions:
    key = QKeySequence.StandardKey
    themes: dict[ThemeChoice, QAction] = {}
    group = QActionGroup(window)
    choices: tuple[tuple[ThemeChoice, str], ...] = (
        ("system", "Follow the System"), ("light", "Light"), ("dark", "Dark"),
    )
    for choice, label in choices:
        action = QAction(label, window)
        action.setCheckable(True)
        action.setChecked(choice == theme)
        action.triggered.connect(lambda _checked=False, c=choice: set_theme(c))
        group.addAction(action)
        themes[choice] = action
    actions = Actions(
        add_folder=_action(window, "&Add Folder…", slots["add_folder"], key.Open),
        problems=_action(window, "Pro&blems…", slots["problems"]),
        print_briefing=_action(window, "&Print Briefing…", slots["print_briefing"], key.Print),
        print_preview=_action(window, "Print Pre&view…", slots["print_preview"], "Ctrl+Shift+P"),
        export_briefing=_action(window, "&Export Briefing…", slots["export_briefing"], "Ctrl+E"),
        quit=_action(window, "&Quit", slots["quit"], key.Quit),
        focus_search=_action(window, "&Search", slots["focus_search"], ["Ctrl+F", "Ctrl+L"]),
        next_result=_action(window, "&Next Result", slots["next_result"], ["Alt+Down", "Ctrl+J"]),
        previous_result=_action(window, "P&revious Result", slots["previous_result"], ["Alt+Up", "Ctrl+K"]),
        similar=_action(window, "S&imilar Articles", slots["similar"], "Ctrl+Shift+S"),
        find=_action(window, "&Find in Article…", slots["find"], "Ctrl+Shift+F"),
        find_next=_action(window, "Find &Next", slots["find_next"], key.FindNext),
        find_previous=_action(window, "Find Pre&vious", slots["find_previous"], key.FindPrevious),
        zoom_in=_action(window, "Zoom &In", slots["zoom_in"], ["Ctrl++", "Ctrl+="]),
        zoom_out=_action(window, "Zoom &Out", slots["zoom_out"], key.ZoomOut),
        zoom_reset=_action(window, "&Actual Size", slots["zoom_reset"], "Ctrl+0"),
        cancel_indexing=_action(window, "&Cancel Indexing", slots["cancel_indexing"]),
        themes=themes,
        about=_action(window, "&About Briefing", slots["about"]),
    )
    actions.about.setMenuRole(QAction.MenuRole.AboutRole)
    actions.cancel_indexing.setEnabled(False)
    for a in (actions.print_briefing, actions.print_preview, actions.export_briefing):
        a.setStatusTip("A briefing of the selected results, or of the open article")
        a.setEnabled(False)
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    for a in (actions.add_folder, actions.problems, actions.cancel_indexing):
        file_menu.addAction(a)
    file_menu.addSeparator()
    for a in (actions.print_briefing, actions.print_preview, actions.export_briefing):
        file_menu.addAction(a)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    go = bar.addMenu("&Go")
    for a in (actions.focus_search, actions.next_result, actions.previous_result, actions.similar):
        go.addAction(a)
    article = bar.addMenu("&Article")
    for a in (actions.find, actions.find_next, actions.find_previous):
        article.addAction(a)
    view = bar.addMenu("&View")
    for a in (actions.zoom_in, actions.zoom_out, actions.zoom_reset):
        view.addAction(a)
    view.addSeparator()
    theme_menu = view.addMenu("&Theme")
    for a in themes.values():
        theme_menu.addAction(a)
    bar.addMenu("&Help").addAction(actions.about)
    actions.go_menu = go
    return actions
