"""Printed briefings through Qt's printing: QTextDocument pages with headers and footers.

The only part of the briefing feature that imports Qt; the model and the
Markdown/HTML renderers live in briefing.core.briefing.
"""
