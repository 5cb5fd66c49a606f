"""Briefing: a desktop briefing reader."""
