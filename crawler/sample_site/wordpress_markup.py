"""The sample site in a WordPress theme (Twenty-Twenty-like classes, The Events Calendar for
events): a sitemap index, a home page without pagination, side widgets with their own dates."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from .cms_markup import SITE_NAME, attr, event_path, has_date, long_day, text
from .content import Article, Event

HOME_SIZE = 8      # posts on the home page; the others are found through the sitemap
EVENTS_SIZE = 5    # events on the events page; the others are in the sitemap

MENU = (("/", "Home"), ("/news/statements/", "Statements"), ("/news/", "News"), ("/events/", "Events"))


def category_slug(category: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", category.lower()).strip("-")


def _menu() -> str:
    return "\n".join(f'<li class="menu-item"><a href="{href}">{text(label)}</a></li>' for href, label in MENU)


def widgets(recent: list[Article], upcoming: list[Event]) -> str:
    """The sidebar: recent posts with their dates, upcoming events with theirs, an archive widget."""
    posts = "\n".join(
        f'<li><a href="{attr(a.path)}">{text(a.title)}</a> <span class="post-date">'
        f'<time datetime="{a.published:%Y-%m-%dT%H:%M:%S}+00:00">{long_day(a.published)}</time></span></li>'
        for a in recent
    )
    events = "\n".join(
        f'<li class="tribe-events-list-widget-events"><h4 class="tribe-event-title"><a href="{attr(event_path(e))}">{text(e.title)}</a></h4>'
        f'<div class="tribe-event-duration"><time datetime="{e.start.isoformat()}">{long_day(e.start)}</time> - '
        f'<time datetime="{e.end.isoformat()}">{long_day(e.end)}</time></div></li>'
        for e in upcoming
    )
    return f"""<aside id="secondary" class="widget-area" role="complementary" aria-label="Blog Sidebar">
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>
{posts}
</ul></section>
<section id="tribe-events-list-widget-2" class="widget tribe-events-list-widget"><h2 class="widget-title">Upcoming Events</h2><ol class="tribe-list-widget">
{events}
</ol></section>
<section id="tag_cloud-2" class="widget widget_tag_cloud"><h2 class="widget-title">Tags</h2><div class="tagcloud">
<a href="/category/en/" class="tag-cloud-link" rel="tag">En</a> <a href="/category/joint-statement/" class="tag-cloud-link" rel="tag">Joint Statement</a>
</div></section>
</aside>"""


def page(title: str, main: str, side: str, base_url: str, path: str, head: str = "", body_class: str = "home blog") -> str:
    page_title = f"{text(title)} &#8211; {SITE_NAME}" if title != SITE_NAME else SITE_NAME
    return f"""<!DOCTYPE html>
<html lang="en-US" class="no-js no-svg">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{page_title}</title>
<link rel="canonical" href="{attr(base_url + path)}" />
<meta property="og:locale" content="en_US" />
<meta property="og:site_name" content="{SITE_NAME}" />
<meta property="og:title" content="{attr(title)} - {SITE_NAME}" />
{head}<meta name="generator" content="WordPress 6.4.2" />
<link rel='stylesheet' id='twentyseventeen-style-css' href='/wp-content/themes/twentyseventeen/style.css?ver=20231107' media='all' />
</head>
<body class="{body_class} wp-embed-responsive has-sidebar">
<div id="page" class="site">
<header id="masthead" class="site-header" role="banner">
<div class="site-branding"><p class="site-title"><a href="/" rel="home">{SITE_NAME}</a></p>
<p class="site-description">The portal of the International Meeting of Communist and Workers' Parties</p>
<p class="site-updated">Updated <time datetime="2026-11-30T08:00:00+00:00">November 30, 2026</time></p></div>
<nav id="site-navigation" class="main-navigation" role="navigation" aria-label="Top Menu"><ul id="top-menu" class="menu">
{_menu()}
</ul></nav>
</header>
<div class="site-content-contain"><div id="content" class="site-content"><div class="wrap">
<div id="primary" class="content-area"><main id="main" class="site-main" role="main">
{main}
</main></div>
{side}
</div></div>
<footer id="colophon" class="site-footer" role="contentinfo"><div class="site-info">
<a href="https://wordpress.org/">Proudly powered by WordPress</a> &copy; <time datetime="2026-01-01">2026</time> {SITE_NAME}
</div></footer></div>
</div>
</body>
</html>
"""


def article(item: Article, number: int) -> tuple[str, str]:
    """A single post (`single.php`): (the `<head>` additions, the main column)."""
    posted = ""
    if has_date(item):
        stamp = f"{item.published:%Y-%m-%dT%H:%M:%S}+00:00"
        posted = (
            f'<div class="entry-meta"><span class="posted-on"><span class="screen-reader-text">Posted on</span> '
            f'<a href="{attr(item.path)}" rel="bookmark"><time class="entry-date published" datetime="{stamp}">{long_day(item.published)}</time>'
            f'<time class="updated" datetime="2026-11-30T08:00:00+00:00">November 30, 2026</time></a></span></div>'
        )
    links = ", ".join(
        f'<a href="/category/{category_slug(c)}/" rel="category tag">{text(c)}</a>' for c in item.categories
    )
    cats = f'<span class="screen-reader-text">Categories</span><div class="entry-categories-inner">{links}</div>' if links else ""
    head = (
        '<meta property="og:type" content="article" />\n'
        + (f'<meta property="article:published_time" content="{item.published:%Y-%m-%dT%H:%M:%S}+00:00" />\n' if has_date(item) else "")
    )
    main = f"""<article id="post-{number}" class="post-{number} post type-post status-publish format-standard hentry">
<header class="entry-header">
<div class="entry-categories">{cats}</div>
<h1 class="entry-title">{text(item.title)}</h1>
{posted}
</header>
<div class="entry-content">
{chr(10).join(item.paragraphs)}
</div>
<footer class="entry-footer"><div class="author-bio">Filed by the editors.</div></footer>
</article>
<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2>
<div class="nav-links"><div class="nav-previous"><a href="/" rel="prev"><span class="screen-reader-text">Previous Post</span></a></div></div></nav>"""
    return head, main


def post_list(items: list[Article]) -> str:
    """The blog index (`index.php`): one excerpt per post, no pagination on this site."""
    return "\n".join(
        f"""<article id="post-{i}" class="post-{i} post type-post status-publish hentry">
<header class="entry-header"><h2 class="entry-title"><a href="{attr(a.path)}" rel="bookmark">{text(a.title)}</a></h2></header>
<div class="entry-summary"><p>{text(a.title[:120])} [&hellip;]</p></div>
</article>"""
        for i, a in enumerate(items, 1)
    )


def event(item: Event) -> str:
    """The Events Calendar's single event: the schedule as text, the venue in a `dd`."""
    end = f' - <span class="tribe-event-date-end">{long_day(item.end)}</span>' if item.end != item.start else ""
    venue = (
        f'<div class="tribe-events-meta-group tribe-events-meta-group-venue"><h2 class="tribe-events-single-section-title">Venue</h2>'
        f'<dl><dt class="tribe-venue-label">Venue:</dt><dd class="tribe-venue">{text(item.location)}</dd></dl></div>'
        if item.location else ""
    )
    return f"""<div id="tribe-events-content" class="tribe-events-single">
<p class="tribe-events-back"><a href="/events/">&laquo; All Events</a></p>
<h1 class="tribe-events-single-event-title">{text(item.title)}</h1>
<div class="tribe-events-schedule tribe-clearfix"><h2><span class="tribe-event-date-start">{long_day(item.start)}</span>{end}</h2></div>
<div id="post-0" class="post-0 tribe_events type-tribe_events status-publish">
<div class="tribe-events-single-event-description tribe-events-content">
{item.description.replace("<!-- paragraph -->", "")}
</div>
<div class="tribe-events-single-section tribe-events-event-meta primary tribe-clearfix">{venue}</div>
</div>
</div>"""


def event_list(events: list[Event]) -> str:
    """The events page (list view): the first events only; the calendar's other pages are script-driven."""
    rows = "\n".join(
        f'<div class="tribe-events-calendar-list__event-row"><h3 class="tribe-events-calendar-list__event-title">'
        f'<a href="{attr(event_path(e))}">{text(e.title)}</a></h3></div>'
        for e in events
    )
    return f'<div class="tribe-events"><h1 class="tribe-events-header__title-text">Events</h1>\n{rows}\n</div>'


def sitemap_index(base_url: str) -> str:
    maps = "".join(f"<sitemap><loc>{base_url}/wp-sitemap-posts-{kind}-1.xml</loc></sitemap>" for kind in ("post", "tribe_events"))
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>\n'


def sitemap(base_url: str, paths: list[tuple[str, float | None]]) -> str:
    urls = "\n".join(
        f"<url><loc>{attr(base_url + path)}</loc>"
        + (f"<lastmod>{datetime.fromtimestamp(mtime, UTC).isoformat(timespec='seconds')}</lastmod>" if mtime else "")
        + "</url>"
        for path, mtime in paths
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}\n</urlset>\n'
