"""HTML in the markup of the OpenCms Apollo 10.5 template (see shared/site-reference/apollo.md)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from html import escape

from .content import Article, Event
from .javadates import long_both, long_date, short_both, spanish_long_date

AJAX_PATH = "/system/modules/org.opencms.apollo/elements/list-ajax.jsp"
THEME = "/system/modules/org.opencms.apollo.theme/resources"

NAV = (
    ("/", "Home"),
    ("/news/statements/", "Statements"),
    ("/news/", "News"),
    ("/events/", "Events"),
    ("/links/communist-and-workers-parties/", "Communist and Workers' Parties"),
    ("/search/", "Search"),
)


def text(value: str) -> str:
    return escape(value, quote=False)


def attr(value: str) -> str:
    return escape(value, quote=True)


def page(title: str, main: str, side: str = "", breadcrumb: str = "") -> str:
    """A whole page: the apollo-page.jsp shell, header, main column and side column."""
    nav = "\n".join(f'<li><a href="{href}">{text(label)}</a></li>' for href, label in NAV)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="description" content="">
<meta name="robots" content="index, follow">
<title>{text(title)}</title>
<link rel="icon" href="{THEME}/img/favicon_120.png" type="image/png" />
<link rel="stylesheet" href="{THEME}/css/style-red.min.css" />
</head>
<body>
<div  id="apollo-page" >
<header class="area-head" >
<div class="ap-header">
<div class="head   head-nopull  ">
    <div class="head-navbar"><div class="collapse navbar-collapse mega-menu navbar-responsive-collapse"><div class="container">
    <ul class="nav navbar-nav">
{nav}
    </ul>
    </div></div></div>
</div>
<div class="breadcrumbs">
    <div class="container">
        <h1 class="pull-left">
            {text(title)}
        </h1>
        <ul class="pull-right breadcrumb">
<li><a href="/">Home</a></li>{breadcrumb}
        </ul>
    </div>
</div>
</div>
</header>
<section class="area-body" >
<div class="container" >
<div class="row ">
<div class="col-md-8" >
{main}
</div>
<div class="col-md-4" >
{side}
</div>
</div>
</div>
</section>
<footer class="area-foot light">
<div class="container" ><div class="row "><div class="col-md-12" >
<div class="ap-plain"><div ><p>SolidNet - Portal of Communist and Workers' Parties</p></div></div>
</div></div></div>
</footer>
</div>
<div id="apollo-info" data-info='{{"project":"online","locale":"en"}}'><div id="apollo-grid-info" class="apollo-grid-info"></div></div>
<script src="{THEME}/js/scripts-all.min.js"></script>
<script type="text/javascript">
        jQuery(document).ready(function() {{
          Apollo.init();
        }});
    </script>
</body>
</html>
"""


def categories(badges: list[str]) -> str:
    """`apollo:categorylist`: one `<li>` holding every badge."""
    if not badges:
        return ""
    spans = "\n".join(
        f"""                        <span class="badge badge-grey-light mv-2">
                            <i class="fa fa-tag"></i>
                            {text(badge)}
                        </span>"""
        for badge in badges
    )
    return f"""
                <div class="row">
                <div class="col-xs-1 col-sm-2">
                    <i class="detail-icon fa fa-tag"></i>
                </div>
                <div class="col-xs-11 col-sm-10">
                <ul class="list-unstyled list-inline detail-category">
                    <li>
{spans}
                    </li>
                </ul>
                </div>
                </div>"""


def detail_date(value: str) -> str:
    return f"""
                <div class="row">
                <div class="col-xs-1 col-sm-2">
                    <i class="detail-icon fa fa-calendar"></i>
                </div>
                <div class="col-xs-11 col-sm-10 detail-date">

                    <h5>
                        {text(value)}
                    </h5>

                </div>
                </div>"""


def paragraphs(parts: list[str]) -> str:
    return "\n".join(f'    <div class="ap-paragraph">\n        <div >{part}</div>\n    </div>' for part in parts)


def article(item: Article) -> str:
    """`blog-detail.jsp` with showmarkers=true."""
    stamp = detail_date(item.stamp) if item.stamp else ""
    pdf = attr(item.pdf_path)
    return f"""<div class="ap-detail-page ap-blog-page">
    <div class="ap-blog-header">
        <div class="row">
            <div class="col-xs-12">
               <div class="pull-right">
                    <a class="btn btn-xs" href="{pdf}" target="pdf"> <i class="fa fa-file-pdf-o"></i> Show PDF</a>
                </div>
                <div class="headline pull-left">
                    <h2 >{text(item.title)}</h2>
                </div>
            </div>
            <div class="col-xs-12 col-sm-6">{stamp}{categories(item.categories)}
            </div>
        </div>
    </div>
{paragraphs(item.paragraphs)}
</div>"""


def blog_teaser(item: Article) -> str:
    """`blog-teaser-elaborate.jsp`, text-only layout."""
    href = attr(item.path)
    return f"""<div class="row ap-teaser ap-blog-teaser  ">
<div class="col-xs-12 teaser-body">
<h2>
    <a class="teaser-head" href="{href}">{text(item.title)}</a>
</h2>
<p class="teaser-date">
        {long_both(item.published)}
        </p>
<p class="teaser-text">
    {text(item.title[:150])} ...
</p>
<a href="{href}" class="btn">
    Read more
</a>
</div>
</div>"""


def teaser_dates(event: Event) -> str:
    fmt = spanish_long_date if event.lang == "es" else long_date
    return f"{fmt(event.start)}\n                - {fmt(event.end)}"


def event_link(event: Event) -> str:
    """The detail-page link a teaser carries: Mercury event links name the instance (`?instancedate=<epoch ms>`)."""
    assert event.path is not None
    if event.template != "mercury":
        return event.path
    start = datetime.combine(event.start, time(), UTC)
    return f"{event.path}?instancedate={int(start.timestamp()) * 1000}"


def event_teaser(event: Event) -> str:
    """solidnet's compact event teaser: `list-item-compact.tag` with datetype=date and a location."""
    title = text(event.title)
    head = f'<a href="{attr(event_link(event))}">{title}</a>' if event.path else title
    location = (
        f'\n                - <span class="teaser-location">{text(event.teaser_location)}</span>'
        if event.teaser_location
        else ""
    )
    lang = f' lang="{event.lang}"' if event.lang != "en" else ""
    return f"""<div class="ap-compact ap-teaser "{lang}>
    <h3 class="teaser-head">
        {head}
    </h3>
    <div class="teaser-date">
        {teaser_dates(event)}{location}
    </div>
</div>"""


def side_list(events: list[Event], list_id: str = "li_7e3b9a10") -> str:
    """The server-rendered side list of upcoming events (`list-simple.jsp`)."""
    teasers = "\n".join(event_teaser(e) for e in events)
    return f'<div class="ap-list-content ">\n<div class=" " id="{list_id}">\n{teasers}\n</div>\n</div>'


def event(item: Event) -> str:
    """`event-detail.jsp` with showmarkers=true: SHORT/SHORT dates."""
    start = short_both(datetime.combine(item.start, time()))
    end = short_both(datetime.combine(item.end, time()))
    location = ""
    if item.location:
        location = f"""
            <div class="col-xs-1"><i class="detail-icon fa fa-map-marker"></i></div>
            <div class="col-xs-11 col-sm-5 detail-location">
                        <h5 >{text(item.location)}</h5>
            </div>"""
    return f"""<div class="ap-detail-page ap-event-page">
    <div class="ap-event-header clearfix">
        <div class="row">
            <div class="col-xs-12">
                <div class="headline">
                    <h2 >{text(item.title)}</h2>
                </div>
            </div>
            <div class="col-xs-12 col-sm-6">{detail_date(f"{start}{chr(10)}                            - {end}")}
            </div>{location}
        </div>
    </div>
{paragraphs([item.description]) if item.description.strip() else ""}
</div>"""


def list_container(list_id: str, element_id: str, content_path: str, sitepath: str, headline: str) -> str:
    """`list-dynamic.jsp` before JavaScript: an empty box that the AJAX endpoint fills."""
    data = {
        "ajax": AJAX_PATH,
        "teaser": "",
        "path": content_path,
        "sitepath": sitepath,
        "subsite": "/sites/default/",
        "appendSwitch": "xs",
        "appendOption": "clickonly",
        "minheight": "750",
        "locale": "en",
    }
    data_list = ", ".join(f'"{k}":"{v}"' for k, v in data.items())
    return f"""<div class="ap-list-content ">
        <div class="headline">
            <h2 >
                {text(headline)}
            </h2>
        </div>
                <div
                    class="ap-list-entries "
                    id="{list_id}"
                    data-id="{element_id}"
                    data-list='{{{data_list}}}'>
                    <div
                        class="ap-list-box"
                        style="min-height: 750px;">
                        <div class="col-xs-12">
                            <div class="spinner animated" style="display: none; transform: none;">
                                <div class="spinnerInnerBox"><i class="fa fa-spinner"></i></div>
                            </div>
                        </div>
                    </div>
                    <div class="ap-list-pagination"></div>
                    <div class="editbox" style="display: none;" >
    <div class="animated fadeIn">
        <div class="message">
            No entries found for this list
        </div>
    </div>
                    </div>
                </div>
</div>"""


def _page_link(list_id: str, number: int, title: str, inner: str, active: bool = False) -> str:
    cls = "class='active'" if active else ""
    return f"""        <li {cls}>
            <a href='javascript:void(0)'
                onclick='ApolloList.update("{list_id}", "reloaded&page={number}", "true")'
                title='{title}'
            >
                {inner}
            </a>
        </li>"""


def pagination(list_id: str, current: int, pages: int) -> str:
    """`list-pagination.tag` with singleStep=false: first arrow, a window of five, last arrow."""
    if pages <= 1:
        return ""
    links = []
    if current != 1:
        links.append(_page_link(list_id, 1, "First page", '<span class="fa fa-step-backward" aria-hidden="true"></span>'))
    links.extend(
        _page_link(list_id, number, f"Show page {number}", f'<span class="number">{number}</span>', number == current)
        for number in range(max(1, current - 2), min(pages, current + 2) + 1)
    )
    if current < pages:
        links.append(_page_link(list_id, pages, "Last page", '<span class="fa fa-step-forward" aria-hidden="true"></span>'))
    body = "\n".join(links)
    return f'<div class="list-append-position" data-dynamic="false" >\n    <ul class="pagination">\n{body}\n    </ul>\n</div>'


def ajax_response(list_id: str, entries: list[str], current: int, pages: int, found: int, start: int) -> str:
    """The fragment `list-ajax.jsp` returns: entries, pagination, `#resultdata`."""
    wrapped = "\n".join(f'<div class="list-entry">{entry}</div>' for entry in entries)
    result = {
        "currentPage": str(current),
        "pages": str(pages),
        "found": str(found),
        "start": str(start if found else 0),
        "end": str(start + len(entries) - 1 if found else 0),
    }
    data = ", ".join(f'"{k}":"{v}"' for k, v in result.items())
    return f"{wrapped}\n{pagination(list_id, current, pages)}\n<div id=\"resultdata\" data-result='{{{data}}}'></div>\n"
