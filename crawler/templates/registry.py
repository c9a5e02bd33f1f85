"""The registry of templates: a page's template is the first registered class whose markup it shows."""

from __future__ import annotations

from typing import TypeVar

from .base import Template
from .page import Page

T = TypeVar("T", bound=type[Template])

TEMPLATES: list[type[Template]] = []


def register(cls: T) -> T:
    """Add a template class; a layout (subclass) is tried before the template it derives from."""
    position = next((i for i, known in enumerate(TEMPLATES) if issubclass(cls, known)), len(TEMPLATES))
    TEMPLATES.insert(position, cls)
    return cls


def template_for(page: Page, fallback: type[Template]) -> Template:
    """The template of a page: the first registered class that matches, else `fallback`."""
    for cls in TEMPLATES:
        if cls.matches(page):
            return cls(page)
    return fallback(page)
