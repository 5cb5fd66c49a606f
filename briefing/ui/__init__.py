"""The PySide6 desktop app of Briefing. Entry point: ``briefing.ui.app.run_app``.

Modules without Qt in their name (``entity_types``, ``formatting``, ``highlight``,
``results_html``) are plain Python and testable without a display.
"""
