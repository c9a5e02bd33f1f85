"""Date strings as the CMS's Java formatters print them (en_US, Java 8 locale data)."""

from __future__ import annotations

from datetime import date, datetime

SPANISH_MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)


def short_both(moment: datetime) -> str:
    """`dateStyle=SHORT timeStyle=SHORT`: `12/10/18 3:36 PM`."""
    return f"{moment.month}/{moment.day}/{moment:%y} {moment.hour % 12 or 12}:{moment:%M} {moment:%p}"


def long_date(day: date) -> str:
    """`dateStyle=LONG type=date`: `September 18, 2020`."""
    return f"{day:%B} {day.day}, {day.year}"


def long_both(moment: datetime) -> str:
    """`LONG/SHORT type=both`: `December 10, 2018 3:36 PM`."""
    return f"{long_date(moment)} {moment.hour % 12 or 12}:{moment:%M} {moment:%p}"


def medium_date(day: date) -> str:
    """Mercury's default `fmt-SHORT` pattern `MMM d, yyyy`: `Sep 18, 2020`."""
    return f"{day:%b} {day.day}, {day.year}"


def spanish_long_date(day: date) -> str:
    """The Spanish LONG date: `18 de septiembre de 2020`."""
    return f"{day.day} de {SPANISH_MONTHS[day.month - 1]} de {day.year}"
