"""Across the library: what several articles say together.

Built on the library's catalog (``core/library/catalog.py``), a SQLite table of every indexed article's
date, figures and entities, kept in step with the index. On top of it: figures
grouped by what they count (``figure_series``), entities merged across articles
(``entity_pages``) and what is new since the last briefing (``since``).
"""
