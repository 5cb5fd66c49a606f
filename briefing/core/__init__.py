"""The Qt-free core of Briefing: reading, analysis, the library index, briefings.

Nothing under this package may import Qt (a test enforces it).
"""
