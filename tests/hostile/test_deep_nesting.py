"""Bodies nested deeper than lxml keeps by default (about 255 levels) are read whole; deeper than even
a huge_tree parse keeps (2048), the page is logged with the problem."""

from __future__ import annotations

from pathlib import Path

from crawler.extract.text import too_deep
from crawler.sample_site.server import SampleServer
from crawler.urls import page_id
from tests.crawl_support import read_jsonl, run_crawl

PARTIES = ["Communist Party of Greece", "Communist Party of Turkey", "Portuguese Communist Party"]


def nested_article(content: Path, name: str, paragraphs: int) -> str:
    """A statement whose paragraphs each open a <div> closed only after the signatory list at the end."""
    path = f"/article/Deep-nesting-{paragraphs}/"
    body = "".join(f"<div><p>Paragraph {n} of the statement.</p>" for n in range(1, paragraphs + 1))
    body += "<p>Signatories:</p><ol>" + "".join(f"<li>{party}</li>" for party in PARTIES) + "</ol>" + "</div>" * paragraphs
    (content / "articles" / f"{name}.toml").write_text(
        f'path = "{path}"\ntemplate = "apollo"\ntitle = "Deep nesting {paragraphs}"\nstamp = "6/28/24, 2:15 PM"\n'
        f'published = "2024-06-28T14:15"\ncategories = ["Joint Statement", "En"]\nlisted = true\n'
        f"body = '''\n{body}\n'''\n",
        encoding="utf-8",
    )
    return path


def test_four_hundred_open_divs_keep_every_paragraph_and_the_list(own_site: SampleServer, tmp_path: Path) -> None:
    path = nested_article(own_site.site.content.root, "99-deep-nesting-400", 400)
    result = run_crawl("statements", own_site.url, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    statement = {s["id"]: s for s in read_jsonl(tmp_path / "exports" / "statements.jsonl")}[page_id(path)]
    lines = statement["body"].splitlines()
    assert [line for line in lines if line.startswith("Paragraph ")] == [f"Paragraph {n} of the statement." for n in range(1, 401)]
    assert [s["raw"] for s in statement["signatories"]] == PARTIES


def test_nesting_deeper_than_the_parser_keeps_is_logged_against_the_page(own_site: SampleServer, tmp_path: Path) -> None:
    path = nested_article(own_site.site.content.root, "99-deep-nesting-2500", 2500)
    result = run_crawl("statements", own_site.url, tmp_path)
    assert f"{own_site.url}{path}: elements nested deeper than 2048 levels: what lies deeper is not read" in result.stderr
    run = read_jsonl(tmp_path / "exports" / "runs.jsonl")[-1]
    assert run["counts"]["too_deep"] == 1 and run["counts"]["problems"] >= 1


def test_a_large_sitemap_with_its_encoding_declaration_is_checked_not_failed() -> None:
    """Past 2,048 tags the depth check parses the page; an XML declaration must not make that fail
    (it did: the sitemap of a site of 3,000 statements was lost as a 'network' failure)."""
    sitemap = '<?xml version="1.0" encoding="UTF-8"?><urlset>' + "<url><loc>https://www.solidnet.org/a</loc></url>" * 3000 + "</urlset>"
    assert too_deep(sitemap) is False
    assert too_deep("<div>" * 3000 + "deep") is True
