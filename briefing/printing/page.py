"""Page geometry for printed briefings: paper size from the locale, margins, header and footer bands."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QMarginsF, QRectF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize

# Places that print on US Letter although their measurement system is metric.
_LETTER_TERRITORIES = frozenset(
    {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Philippines,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
        QLocale.Country.Venezuela,
        QLocale.Country.CostaRica,
        QLocale.Country.Guatemala,
        QLocale.Country.Panama,
        QLocale.Country.PuertoRico,
        QLocale.Country.DominicanRepublic,
        QLocale.Country.ElSalvador,
        QLocale.Country.Nicaragua,
    }
)

# Page margins in millimetres; the header and footer sit inside them, above and below the text.
MARGINS_MM = QMarginsF(18.0, 14.0, 18.0, 12.0)
HEADER_MM = 12.0  # header band: running title and a rule
FOOTER_MM = 9.0  # footer band: page numbers


def default_page_size(locale: QLocale | None = None) -> QPageSize:
    """US Letter where the locale prints on Letter, A4 everywhere else."""
    loc = locale if locale is not None else QLocale()
    if (
        loc.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        or loc.territory() in _LETTER_TERRITORIES
    ):
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def apply_page_setup(device: QPagedPaintDevice, page_size: QPageSize | None = None) -> None:
    """Portrait paper (``page_size`` or the locale's) with Briefing's margins."""
    layout = QPageLayout(
        page_size or default_page_size(),
        QPageLayout.Orientation.Portrait,
        MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )
    device.setPageLayout(layout)


@dataclass(frozen=True, slots=True)
class PageFrame:
    """Rectangles in device pixels, relative to the printable area's top-left."""

    header: QRectF
    body: QRectF
    footer: QRectF


def page_frame(device: QPagedPaintDevice) -> PageFrame:
    dpi = device.logicalDpiY()
    paint = device.pageLayout().paintRectPixels(dpi)
    per_mm = dpi / 25.4
    header_h = HEADER_MM * per_mm
    footer_h = FOOTER_MM * per_mm
    width = float(paint.width())
    height = float(paint.height())
    return PageFrame(
        header=QRectF(0.0, 0.0, width, header_h),
        body=QRectF(0.0, header_h, width, height - header_h - footer_h),
        footer=QRectF(0.0, height - footer_h, width, footer_h),
    )
