"""Editor HTML of an article body -> text blocks, and blocks -> plain text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html


@dataclass(frozen=True)
class Block:
    """One block of body text: a paragraph, list item, heading, preformatted text or loose div text."""

    kind: str                 # "p", "li", "h" (heading), "pre", "div"
    text: str                 # <br> -> "\n"; tabs kept; runs of other white space collapsed; stripped
    ordered: bool = False     # an <li> inside an <ol>
    index: int | None = None  # 1-based number of that <li> in its <ol> (honours <ol start>)


_KIND_OF_TAG = {"p": "p", "li": "li", "pre": "pre", "tr": "p", **{f"h{n}": "h" for n in range(1, 7)}}
_BLOCK_TAGS = frozenset(_KIND_OF_TAG) | {
    "div", "ol", "ul", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "blockquote",
    "section", "article", "header", "footer", "aside", "nav", "figure", "figcaption", "hr",
    "address", "center", "form", "fieldset", "main", "body", "html",
}
_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript", "head", "title"})
_CELL_TAGS = frozenset({"td", "th"})
_SPACES = re.compile(r"[^\S\t\n]+")   # white space other than tab and newline
_SOURCE_NEWLINES = re.compile(r"\r\n?|\n|\u2028|\u2029")


@dataclass
class _Frame:
    kind: str
    ordered: bool = False
    index: int | None = None


class _BlockBuilder:
    """Walks an element tree once, emitting a block whenever block-level content ends."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._frames: list[_Frame] = [_Frame("div")]

    def add_text(self, text: str | None) -> None:
        if not text:
            return
        if self._frames[-1].kind == "pre":
            self._parts.append(_SOURCE_NEWLINES.sub("\n", text))
        else:
            self._parts.append(_SOURCE_NEWLINES.sub(" ", text))

    def flush(self) -> None:
        if not self._parts:
            return
        text = _SPACES.sub(" ", "".join(self._parts))
        self._parts.clear()
        text = "\n".join(line.strip(" ") for line in text.split("\n")).strip()
        if text:
            frame = self._frames[-1]
            self.blocks.append(Block(frame.kind, text, frame.ordered, frame.index))

    def walk(self, element: etree._Element) -> None:
        """Add the content of `element` (not its tail)."""
        self.add_text(element.text)
        list_position = _list_start(element) if element.tag in ("ol", "ul") else 0
        for child in element:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if not tag or tag in _SKIPPED_TAGS:       # comments, processing instructions, scripts
                pass
            elif tag == "br":
                self._parts.append("\n")
            elif tag in _BLOCK_TAGS:
                frame = _Frame(_KIND_OF_TAG.get(tag, "div"))
                if tag == "li" and element.tag == "ol":
                    frame = _Frame("li", True, list_position)
                    list_position += 1
                self._enter_block(child, frame)
            elif tag == "li":                            # an <li> outside any list
                self._enter_block(child, _Frame("li"))
            elif tag in _CELL_TAGS:
                self.walk(child)
                self._parts.append("\t")
            else:
                self.walk(child)
            self.add_text(child.tail)

    def _enter_block(self, element: etree._Element, frame: _Frame) -> None:
        self.flush()
        self._frames.append(frame)
        self.walk(element)
        self.flush()
        self._frames.pop()


def _list_start(element: etree._Element) -> int:
    start = element.get("start", "1").strip()
    return int(start) if start.isdecimal() else 1


MAX_DEPTH = 2048   # libxml2's nesting limit with huge_tree (256 without): deeper elements are dropped


def _parser() -> lxml_html.HTMLParser:
    """An HTML parser that keeps elements nested deeper than 256 (up to MAX_DEPTH)."""
    return lxml_html.HTMLParser(huge_tree=True)


def too_deep(html: str) -> bool:
    """Whether a page nests elements deeper than even a huge_tree parse keeps (part of it is lost)."""
    if html.count("<") <= MAX_DEPTH:   # cannot be that deep: no second parse
        return False
    parser = lxml_html.HTMLParser(huge_tree=True, encoding="utf-8")
    lxml_html.document_fromstring(html.encode("utf-8"), parser=parser)   # bytes: a str may not carry an encoding declaration
    return any(error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in parser.error_log)


def html_to_blocks(html: str) -> list[Block]:
    """Body HTML fragment(s), e.g. several `.ap-paragraph` contents concatenated -> blocks in document order."""
    if not html or not html.strip():
        return []
    root = lxml_html.fragment_fromstring(html, create_parent="div", parser=_parser())
    builder = _BlockBuilder()
    builder.walk(root)
    builder.flush()
    return builder.blocks


def blocks_to_text(blocks: list[Block]) -> str:
    """Plain body text: one line per block; line breaks inside a block are kept."""
    return "\n".join(block.text for block in blocks)
