"""Small real article files the UI tests write into temporary library folders."""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "drones.md": (
        "Drone strike hits militia base near Baghdad", "Reuters", "2024-01-04",
        "A drone strike hit a militia base near Baghdad on Thursday, killing a commander of the "
        "Harakat al-Nujaba group, two Iraqi security officials said.\n\n"
        "The Pentagon said the strike was carried out in self-defence after more than 100 attacks "
        "on U.S. forces in Iraq and Syria since October.",
    ),
    "oil.md": (
        "Oil prices rise as Red Sea shipping stalls", "Financial Times", "2024-01-12",
        "Brent crude rose 3 per cent to $80 a barrel on Friday after shipping companies paused "
        "voyages through the Red Sea.\n\n"
        "Traders said about 12 per cent of world trade passes through the Suez Canal.",
    ),
    "erbil.md": (
        "Iran strikes Erbil, says it hit a spy base", "Al Jazeera", "2024-01-16",
        "Iran's Revolutionary Guards said on Tuesday they had attacked a spy headquarters in Erbil, "
        "the capital of Iraq's Kurdistan region, with ballistic missiles.\n\n"
        "Iraq recalled its ambassador from Tehran and called the strike an attack on its sovereignty.",
    ),
}


def write_article(folder: Path, name: str, title: str, source: str, date: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"---\ntitle: {title}\nsource: {source}\ndate: {date}\n---\n\n{body}\n", encoding="utf-8")
    return path


def write_articles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [write_article(folder, name, *fields) for name, fields in ARTICLES.items()]
