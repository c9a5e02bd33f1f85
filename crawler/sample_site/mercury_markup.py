"""HTML in the markup of the OpenCms Mercury template (see shared/site-reference/mercury.md)."""

from __future__ import annotations

import json
from datetime import timedelta
from html import escape

from .content import Article, Event
from .javadates import medium_date

AJAX_PATH = "/system/modules/alkacon.mercury.template/elements/list-ajax.jsp"


def text(value: str) -> str:
    """Mercury passes text through `c:out`: the apostrophe becomes `&#039;`."""
    return escape(value, quote=True).replace("&#x27;", "&#039;")


def page(title: str, main: str, head: str = "", description: str = "") -> str:
    """The `mercury.jsp` shell around a detail or list element."""
    return f"""<!DOCTYPE html>
<html lang="en" class="noscript">
<head>
<noscript><style>html.noscript .hide-noscript {{ display: none !important; }}</style></noscript>
<script>document.documentElement.classList.remove("noscript");document.documentElement.classList.add("hasscript");</script>
<script async src="/system/modules/alkacon.mercury.theme/js/mercury.js?ver=1696000000000"></script>
{head}
<title>{text(title)}</title>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0, viewport-fit=cover">
<meta name="description" content="{text(description)}">
<meta name="robots" content="index, follow">
<meta property="og:title" content="{text(title)}">
<meta property="og:type" content="article">
<meta property="og:locale" content="en">
<link href="/system/modules/alkacon.mercury.theme/css/theme-standard.min.css?ver=1696000000000" rel="stylesheet">
</head>
<body>
<a class="btn visually-hidden-focusable-fixed" id="skip-to-content" href="#main-content">Skip to main content</a>
<div  id="mercury-page" >
<header class="area-header logo-left">
  <div class="header-group sticky csssetting"><div class="head notfixed">
      <nav class="nav-main-group"><ul class="nav-main-items cap-css no-search">
          <li><a href="/">Home</a></li>
          <li><a href="/news/">News</a></li>
          <li><a href="/events/">Events</a></li>
      </ul></nav>
  </div></div>
  <div class="element type-nav-breadcrumbs"><ul class="nav-breadcrumbs"><li><a href="/">Home</a></li><li><a href="/news/">News</a></li></ul></div>
</header>
<main class="area-content area-main-side">
<div class="container"><div class="row">
<div class="col-lg-9 area-wide"><div class="row-12">
{main}
</div></div>
<aside class="col-lg-3 area-narrow"></aside>
</div></div>
</main>
<footer class="area-foot"><div class="container area-wide"><div class="row"><div class="col-12">SolidNet</div></div></div></footer>
</div>
<div id="template-info" data-info='{{"editMode":"false","project":"online","context":"/","locale":"en"}}'><div id="template-grid-info"></div></div>
</body>
</html>
"""


def _paragraph(html: str) -> str:
    return f'<div class=" paragraph piece full only-text">\n<div class="body default"><div class="text">{html}</div>\n</div>\n</div>'


def _json_ld(data: dict[str, object]) -> str:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'<script type="application/ld+json">{raw.replace(chr(39), "&#039;")}</script>'


def article(item: Article, base_url: str) -> str:
    """`detail/article.jsp` with the `fmt-NUMSHORT-TIME` date setting and a custom category block."""
    url = f"{base_url}{item.path}"
    date_info = (
        f'<div class="visual-info right date-only"><div class="info date"><span class="sr-only">Date:</span><div>{text(item.stamp)}</div></div></div>'
        if item.stamp
        else ""
    )
    tags = "\n".join(f"      <li>{text(c)}</li>" for c in item.categories)
    body = "\n".join(_paragraph(p) for p in item.paragraphs)
    ld = _json_ld(
        {
            "@context": "http://schema.org",
            "@type": "Article",
            "url": url,
            "mainEntityOfPage": url,
            "headline": item.title,
            "datePublished": item.published.strftime("%Y-%m-%dT%H:%M"),
        }
    )
    main = f"""<div class="detail-page type-article layout-0">
<div class="detail-visual piece full phh phb">
<div class="heading"><h1 class="intro-headline" tabindex="0"><span class="headline">{text(item.title)}</span></h1>
</div>
<div class="body"><div class="text">{date_info}</div>
</div>
</div>
<div class="detail-content">
{body}
</div>
<div class="attachment-container">
  <div class="element type-custom-tags">
    <ul class="tag-list">
{tags}
    </ul>
  </div>
</div>
{ld}
</div>"""
    head = f'<link rel="canonical" href="{url}" />\n<meta property="og:url" content="{url}">'
    return page(item.title, main, head)


def teaser(item: Article) -> str:
    """`display/article.jsp` teaser-elaborate."""
    href = escape(item.path)
    return f"""<li class="list-entry">
<div class="teaser teaser-elaborate type-article in-list piece full phh phb phl pnm">
<div class="heading"><a href="{href}"><h3 class="intro-headline"><span class="headline">{text(item.title)}</span></h3>
</a></div>
<div class="body"><div class="text"><a href="{href}" class="uncolored" tabindex="-1"><div class="teaser-date">{medium_date(item.published)}</div><div class="teaser-text">{text(item.title)}</div></a></div>
</div>
<div class="link"><a href="{href}" class="btn piece-btn teaser-btn" title="{text(item.title)}">Read more</a></div>
</div>
</li>"""


def _resultdata(current: int, pages: int, found: int, start: int, count: int) -> str:
    return (
        f"<div id=\"resultdata\" data-result='{{\"reloaded\":\"true\", \"currentPage\":\"{current}\", "
        f"\"pages\":\"{pages}\", \"found\":\"{found}\", \"start\":\"{start}\", \"end\":\"{start + count - 1}\"}}'></div>"
    )


def list_page(list_id: str, content_path: str, sitepath: str, teasers: list[str], pages: int) -> str:
    """A dynamic list as the server sends it: first page of entries, pagination inside `<noscript>`."""
    data = json.dumps(
        {
            "ajax": f"{AJAX_PATH}?eid=4f434004-5b1e-11e9-9a6c-0242ac11002b&siteroot=%2Fsites%2Fdefault",
            "path": content_path,
            "sitepath": sitepath,
            "subsite": "/sites/default/",
            "appendSwitch": "md-sm-xs",
            "appendOption": "clickonly",
            "locale": "en",
        }
    )
    links = "\n".join(
        f'<li class="page{" active" if n == 1 else ""}"><a href="{sitepath}index.html?reloaded&page={n}" onclick=\'\' '
        f'title=\'Show page {n}\'><span class="number" aria-hidden="true">{n}</span></a></li>'
        for n in range(1, pages + 1)
    )
    entries = "\n".join(teasers)
    main = f"""<div class="element type-dynamic-list list-content  pagination-left default-display  ">
<h2 class="heading pivot" tabindex="0">Latest statements</h2>
<div class="list-box list-dynamic list-paginate " id="{list_id}" data-id="le_8a2c1e77" data-list='{data}'>
<ul class="list-entries " style="min-height: 750px;" data-mh="750">
{entries}
</ul>
<div class="list-pagination pivot "><noscript>
<div class="list-append-position" data-dynamic="false" ><ul class="pagination">
{links}
</ul></div>
</noscript></div>
</div>
</div>"""
    return page("News", main, f'<link rel="canonical" href="{sitepath}" />')


def ajax_response(list_id: str, teasers: list[str], current: int, pages: int, found: int, start: int) -> str:
    """The body Mercury's `list-ajax.jsp` returns for one page."""
    def link(cls: str, number: int, title: str) -> str:
        return (
            f'<li class="{cls}"><a href="javascript:void(0)" onclick=\'DynamicList.update("{list_id}", '
            f'"reloaded&page={number}", "true")\' title=\'{title}\'><span class="number" aria-hidden="true">{number}</span></a></li>'
        )

    window = range(max(1, current - 2), min(pages, current + 2) + 1)   # as Mercury's list-pagination.tag: a window, not every page
    links = [link("previous disabled" if current == 1 else "previous", max(1, current - 1), "Previous page")] if pages > 1 else []
    links += [link("page active" if n == current else "lastpage" if n == window[-1] else "page", n, f"Show page {n}") for n in window]
    if current < pages:
        links.append(link("next", current + 1, "Next page"))
    entries = "\n".join(teasers)
    return f"""<!DOCTYPE html>
<html>
<body>
<div class="element type-dynamic-list list-content ">
<ul class="list-entries ">
{entries}
</ul>
<div class="list-append-position" data-dynamic="false" ><ul class="pagination">
{chr(10).join(links)}
</ul></div>
{_resultdata(current, pages, found, start, len(teasers))}
</div>
</body>
</html>
"""


def event(item: Event, base_url: str) -> str:
    """`detail/event.jsp`: `Sep 18, 2020 - Sep 19, 2020`, a location block and JSON-LD with an exclusive end."""
    dates = medium_date(item.start) if item.start == item.end else f"{medium_date(item.start)} - {medium_date(item.end)}"
    ld = _json_ld(
        {
            "@context": "http://schema.org",
            "@type": "Event",
            "url": f"{base_url}{item.path}",
            "name": item.title,
            "startDate": item.start.isoformat(),
            "endDate": (item.end + timedelta(days=1)).isoformat(),
        }
    )
    main = f"""<div class="detail-page type-event layout-0">
<div class="detail-visual piece full phh phb">
<div class="heading"><h1 class="intro-headline" tabindex="0"><span class="headline">{text(item.title)}</span></h1>
</div>
<div class="body"><div class="text"><div class="visual-info "><div class="infogroup">
<div class="info date"><span class="sr-only">Date:</span><div>{dates}</div></div></div>
<div class="info location"><span class="sr-only">Location:</span><div class="locdata"><div class="locname">{text(item.location)}</div></div></div>
</div></div></div>
</div>
<div class="detail-content">
{_paragraph(item.description) if item.description.strip() else ""}
</div>
<div class="attachment-container"></div>
{ld}
</div>"""
    title = f"{item.title} - {item.start:%A} {item.start.month}/{item.start.day}/{item.start:%y}, 12:00 AM"
    return page(title, main)
