"""The report's charts, drawn with matplotlib as SVG and embedded inline in the page.

Each data mark (a bar, a matrix cell) is an SVG group of class `mark` with a `<title>` tooltip;
ids are prefixed with the chart's name so that several charts can share one HTML page.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import matplotlib
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.typing import RcKeyType

from .figures import CountryCount, Pair, YearCount, pair_matrix

RED = "#b3202a"
GREY = "#5b6b7a"
STYLE: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",            # text stays text: smaller, selectable, drawn with the page's fonts
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
}
LABEL_CHARS = 36


@dataclass(frozen=True)
class Chart:
    name: str            # its id on the page
    title: str
    svg: str             # an inline <svg> element
    marks: int           # data marks drawn (0: no data yet)


def short(label: str, width: int = LABEL_CHARS) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def party_label(party: dict[str, Any], width: int = 30) -> str:
    """A party's name, shortened to `width`, with its country code: 'Communist Party of the Peoples of… (ES)'."""
    name = short(party["name"], width)
    return f"{name} ({party['country_code']})" if party.get("country_code") else name


def _svg(figure: Figure, name: str, title: str, tips: dict[str, str]) -> str:
    """The figure as an inline <svg>: no XML prolog, ids prefixed with `name`, tooltips on the marks."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata=dict.fromkeys(("Creator", "Date", "Format", "Type")))
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r'id="([^"]+)"', lambda m: f'id="{name}-{m[1]}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{name}-{m[1]})", text)
    text = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{name}-{m[1]}"', text)
    for gid, tip in tips.items():
        group = f'<g id="{name}-{gid}">'
        text = text.replace(group, f'<g id="{name}-{gid}" class="mark"><title>{escape(tip)}</title>', 1)
    return text.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)


def _draw(name: str, title: str, size: tuple[float, float], paint: Callable[[Figure], dict[str, str]]) -> Chart:
    """A chart drawn by `paint` (which returns each mark's gid and tooltip) in the report's style."""
    with matplotlib.rc_context({**STYLE, "svg.hashsalt": name}):   # the hash salt makes ids differ between charts
        figure = Figure(figsize=size)
        tips = paint(figure)
        if not tips:
            figure.clear()
            figure.text(0.5, 0.5, "No data yet", ha="center", va="center", color=GREY)
        return Chart(name, title, _svg(figure, name, title, tips), len(tips))


def _bars(axes: Any, labels: Sequence[str], values: Sequence[int], gid: str, tip: Callable[[int], str], color: str) -> dict[str, str]:
    """Horizontal bars, the first label on top, each value printed at its bar's end."""
    positions = range(len(labels))[::-1]
    bars = axes.barh(list(positions), values, color=color, height=0.7)
    axes.set_yticks(list(positions), labels)
    axes.bar_label(bars, padding=3, fontsize=8)
    axes.tick_params(axis="y", length=0)
    axes.spines["left"].set_visible(False)
    axes.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    tips = {}
    for i, bar in enumerate(bars):
        bar.set_gid(f"{gid}-{i}")
        tips[f"{gid}-{i}"] = tip(i)
    return tips


def years_chart(years: Sequence[YearCount]) -> Chart:
    """Statements per year above signatures per year, one bar per year of the span."""
    def paint(figure: Figure) -> dict[str, str]:
        if not years:
            return {}
        top, bottom = figure.subplots(2, 1, sharex=True)
        xs = [y.year for y in years]
        tips = {}
        for axes, values, label, color, gid in (
            (top, [y.statements for y in years], "statements", RED, "statements"),
            (bottom, [y.signatures for y in years], "signatures", GREY, "signatures"),
        ):
            bars = axes.bar(xs, values, color=color, width=0.75)
            axes.set_title(f"{label.capitalize()} per year")
            axes.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
            for year, value, bar in zip(xs, values, bars, strict=True):
                if value:
                    bar.set_gid(f"{gid}-{year}")
                    tips[f"{gid}-{year}"] = f"{year}: {value} {label}"
        step = max(1, len(xs) // 25 + 1) if len(xs) > 25 else 1
        bottom.set_xticks(xs[::step], [str(x) for x in xs[::step]], rotation=90)
        figure.subplots_adjust(hspace=0.35)
        return tips
    return _draw("years", "Statements and signatures per year", (9, 4.6), paint)


def parties_chart(parties: Sequence[dict[str, Any]]) -> Chart:
    """The parties that signed most statements."""
    def paint(figure: Figure) -> dict[str, str]:
        if not parties:
            return {}
        axes = figure.subplots()
        labels = [party_label(p) for p in parties]
        values = [p["statements_signed"] for p in parties]
        axes.set_title("Statements signed")
        figure.subplots_adjust(left=0.45, right=0.95)
        return _bars(axes, labels, values, "party", lambda i: f"{parties[i]['name']}: {values[i]} statements signed", RED)
    return _draw("parties", "Parties that signed most", (5.8, 0.24 * len(parties) + 0.9), paint)


def countries_chart(countries: Sequence[CountryCount]) -> Chart:
    """Signatures by the country of the signing party."""
    def paint(figure: Figure) -> dict[str, str]:
        if not countries:
            return {}
        axes = figure.subplots()
        labels = [short(c.country) for c in countries]
        values = [c.signatures for c in countries]
        axes.set_title("Signatures")
        figure.subplots_adjust(left=0.3, right=0.95)
        return _bars(
            axes, labels, values, "country",
            lambda i: f"{labels[i]}: {values[i]} signatures by {countries[i].parties} part{'y' if countries[i].parties == 1 else 'ies'}",
            GREY,
        )
    return _draw("countries", "Signatures by country", (5.8, 0.24 * len(countries) + 0.9), paint)


def pairs_chart(pairs: Counter[Pair], party_ids: Sequence[str], labels: dict[str, str]) -> Chart:
    """A matrix of the parties with most co-signatures: each cell, the statements a pair signed together
    (`labels`: a short label per party id)."""
    def paint(figure: Figure) -> dict[str, str]:
        if len(party_ids) < 2:
            return {}
        axes = figure.subplots()
        n = len(party_ids)
        counts = pair_matrix(pairs, party_ids)
        scale = Normalize(0, max(max(row) for row in counts) or 1)
        colors = matplotlib.colormaps["Reds"]
        tips = {}
        for i, a in enumerate(party_ids):
            for j, b in enumerate(party_ids):
                value = counts[i][j]
                cell = Rectangle((j, n - 1 - i), 1, 1, facecolor=colors(scale(value)) if i != j else "#eeeeee", edgecolor="white")
                axes.add_patch(cell)
                if i != j and value:
                    cell.set_gid(f"pair-{i}-{j}")
                    tips[f"pair-{i}-{j}"] = f"{labels[a]} and {labels[b]}: {value} statements signed together"
                    dark = scale(value) > 0.6
                    axes.text(j + 0.5, n - 0.5 - i, str(value), ha="center", va="center", fontsize=7, color="white" if dark else "black")
        ticks = [labels[p] for p in party_ids]
        figure.subplots_adjust(left=0.38, bottom=0.32, right=0.98, top=0.98)
        axes.set_xlim(0, n)
        axes.set_ylim(0, n)
        axes.set_aspect("equal")
        axes.set_xticks([k + 0.5 for k in range(n)], ticks, rotation=60, ha="right", rotation_mode="anchor", fontsize=8)
        axes.set_yticks([n - 0.5 - k for k in range(n)], ticks, fontsize=8)
        axes.tick_params(length=0)
        for spine in axes.spines.values():
            spine.set_visible(False)
        return tips
    return _draw("pairs", "Strongest co-signature pairs", (6.2, 6.0), paint)
