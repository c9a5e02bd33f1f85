"""The PDF a statement page links ("Show PDF" on Apollo pages: OpenCms's `<cms:pdf>` link, `/pdflink/...`)."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from parsel import Selector

PDF_LINKS = (
    "a[target='pdf']::attr(href)",                 # Apollo's blog-detail.jsp: <a class="btn btn-xs" href="..." target="pdf">
    "a[href*='/pdflink/']::attr(href)",            # the CMS's PDF export path, whatever the markup around it
)


def pdf_link(sel: Selector, url: str) -> str | None:
    """The absolute URL of the PDF the page offers, or None."""
    for query in PDF_LINKS:
        for href in sel.css(query).getall():
            href = href.strip()
            if href and urlsplit(href).path.lower().endswith(".pdf"):
                return urljoin(url, href)
    return None
