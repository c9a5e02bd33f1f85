"""The sample site in a Drupal 10 theme (Olivero-like classes): views with a server-rendered pager
(`?page=N`, counted from 0, `rel=next`), no sitemap, a sidebar block of upcoming events with dates."""

from __future__ import annotations

from datetime import date, datetime

from .cms_markup import SITE_NAME, Listing, attr, event_path, has_date, text
from .content import Article, Event

STATEMENTS_SIZE = 10   # rows per page of the statements view
EVENTS_SIZE = 4        # rows per page of the events view
FRONT_SIZE = 5         # teasers on the front page

MENU = (("/", "Home"), ("/news/statements/", "Statements"), ("/news/", "News"), ("/events/", "Events"))


def _time(moment: date | datetime) -> str:
    """Drupal's `<time>` of a date field: ISO in UTC, printed 'Fri, 09/18/2020 - 12:00'."""
    at = moment if isinstance(moment, datetime) else datetime(moment.year, moment.month, moment.day, 12, 0)
    return f'<time datetime="{at:%Y-%m-%dT%H:%M:%S}Z" class="datetime">{at:%a, %m/%d/%Y - %H:%M}</time>'


def sidebar(upcoming: list[Event]) -> str:
    rows = "\n".join(
        f'<div class="views-row"><div class="views-field views-field-title"><span class="field-content">'
        f'<a href="{attr(event_path(e))}" hreflang="en">{text(e.title)}</a></span></div>'
        f'<div class="views-field views-field-field-event-date"><div class="field-content">{_time(e.start)} - {_time(e.end)}</div></div></div>'
        for e in upcoming
    )
    return f"""<aside class="layout-sidebar-second" role="complementary">
<div class="region region-sidebar">
<div class="views-element-container block block-views block-views-blockupcoming-events-block-1" id="block-views-block-upcoming-events">
<h2 class="block__title">Upcoming events</h2>
<div class="view view-upcoming-events view-id-upcoming_events view-display-id-block_1"><div class="view-content">
{rows}
</div></div></div>
<div class="block block-system block-system-powered-by-block">Last updated {_time(datetime(2026, 11, 30, 8, 0))}</div>
</div>
</aside>"""


def page(title: str, content: str, side: str, base_url: str, path: str, head: str = "") -> str:
    menu = "\n".join(f'<li class="menu__item"><a href="{href}" class="menu__link">{text(label)}</a></li>' for href, label in MENU)
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8" />
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />
<meta name="MobileOptimized" content="width" />
<link rel="canonical" href="{attr(base_url + path)}" />
{head}<title>{text(title)} | {SITE_NAME}</title>
<link rel="stylesheet" media="all" href="/core/themes/olivero/css/base/base.css?s1a2b3" />
</head>
<body class="path-node">
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div id="page-wrapper" class="page-wrapper"><div id="page">
<header id="header" class="site-header" data-drupal-selector="site-header" role="banner">
<div class="site-branding"><a href="/" rel="home" class="site-branding__name">{SITE_NAME}</a></div>
<nav id="block-olivero-main-menu" class="primary-nav block block-menu navigation menu--main" role="navigation"><ul class="menu primary-nav__menu">
{menu}
</ul></nav>
</header>
<div id="main-wrapper" class="layout-main-wrapper layout-container">
<div id="main" class="layout-main"><div class="main-content">
<div class="layout-content">
<div class="region region-content">
<div id="block-olivero-page-title" class="block block-core block-page-title-block">
<h1 class="title page-title"><span class="field field--name-title field--type-string field--label-hidden">{text(title)}</span></h1>
</div>
<div id="block-olivero-content" class="block block-system block-system-main-block">
{content}
</div>
</div>
</div>
{side}
</div></div></div>
<footer class="site-footer" role="contentinfo"><div class="region region-footer-top">&copy; {SITE_NAME}, {_time(datetime(2026, 1, 1, 0, 0))}</div></footer>
</div></div></div>
</body>
</html>
"""


def article(item: Article, number: int) -> tuple[str, str]:
    """A node of type article, full view mode: (the `<head>` additions, the node)."""
    submitted = ""
    if has_date(item):
        submitted = (
            '<div class="node__meta"><span class="node__author">By <span class="field field--name-uid">editor</span></span>, '
            f'<span class="field field--name-created field--type-created">{_time(item.published)}</span></div>'
        )
    tags = "\n".join(
        f'<div class="field__item"><a href="/taxonomy/term/{i}" hreflang="en">{text(c)}</a></div>'
        for i, c in enumerate(item.categories, 1)
    )
    tag_field = (
        '<div class="field field--name-field-tags field--type-entity-reference field--label-above clearfix">'
        f'<h3 class="field__label">Tags</h3><div class="field__items">\n{tags}\n</div></div>'
        if tags else ""
    )
    body = "\n".join(item.paragraphs)
    node = f"""<article data-history-node-id="{number}" role="article" about="/node/{number}" typeof="schema:Article" class="node node--type-article node--promoted node--view-mode-full">
<header class="node__header">{submitted}</header>
<div class="node__content">
<div class="text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item">
{body}
</div>
{tag_field}
</div>
</article>"""
    return '<meta property="og:type" content="article" />\n', node


def _pager(path: str, listing: Listing) -> str:
    """Drupal's full pager: page links `?page=N` (the first page is the bare path), next and last with rel."""
    if listing.pages < 2:
        return ""

    def href(number: int) -> str:
        return path if number == 0 else f"{path}?page={number}"

    items = [
        f'<li class="pager__item{" is-active" if n == listing.current else ""}"><a href="{href(n)}" title="Go to page {n + 1}">{n + 1}</a></li>'
        for n in range(listing.pages)
    ]
    if listing.current + 1 < listing.pages:
        items.append(f'<li class="pager__item pager__item--next"><a href="{href(listing.current + 1)}" title="Go to next page" rel="next">Next</a></li>')
        items.append(f'<li class="pager__item pager__item--last"><a href="{href(listing.pages - 1)}" title="Go to last page">Last</a></li>')
    return f'<nav class="pager" role="navigation" aria-labelledby="pagination-heading"><ul class="pager__items js-pager__items">{"".join(items)}</ul></nav>'


def statement_view(path: str, listing: Listing) -> str:
    return f'<div class="view view-statements view-display-id-page_1"><div class="view-content">\n{chr(10).join(listing.entries)}\n</div>{_pager(path, listing)}</div>'


def statement_teaser(item: Article) -> str:
    return f"""<article role="article" class="node node--type-article node--view-mode-teaser">
<h2 class="node__title"><a href="{attr(item.path)}" rel="bookmark"><span class="field field--name-title">{text(item.title)}</span></a></h2>
</article>"""


def event_teaser(item: Event) -> str:
    return f"""<article role="article" class="node node--type-event node--view-mode-teaser">
<h2 class="node__title"><a href="{attr(event_path(item))}" rel="bookmark">{text(item.title)}</a></h2>
<div class="field field--name-field-event-date">{_time(item.start)} - {_time(item.end)}</div>
</article>"""


def event_view(path: str, listing: Listing) -> str:
    return f'<div class="view view-events view-display-id-page_1"><div class="view-content">\n{chr(10).join(listing.entries)}\n</div>{_pager(path, listing)}</div>'


def event(item: Event, number: int) -> str:
    """A node of type event: a date range field (two `<time>`), a location field, the body."""
    end = f" - {_time(item.end)}" if item.end != item.start else ""
    location = (
        '<div class="field field--name-field-location field--type-string field--label-inline clearfix">'
        f'<div class="field__label">Location</div><div class="field__item">{text(item.location)}</div></div>'
        if item.location else ""
    )
    return f"""<article role="article" about="/node/{number}" class="node node--type-event node--view-mode-full">
<div class="node__content">
<div class="field field--name-field-event-date field--type-daterange field--label-inline clearfix"><div class="field__label">Date</div>
<div class="field__item">{_time(item.start)}{end}</div></div>
{location}
<div class="text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item">
{item.description.replace("<!-- paragraph -->", "")}
</div>
</div>
</article>"""


