"""A page in a template the crawler has never seen: only generic signals (og:, <time>, <title>) to go on."""

from __future__ import annotations

from html import escape

from .content import Article


def article(item: Article, base_url: str) -> str:
    """A bare article page: `og:` tags, a `<time datetime>` and the body in the largest block."""
    title = escape(item.title, quote=True)
    body = "\n".join(item.paragraphs)
    tags = "\n".join(f'<meta property="article:tag" content="{escape(c, quote=True)}">' for c in item.categories)
    lang = "" if item.content_language else ' lang="en"'   # a page whose only language signal is the HTTP header
    return f"""<!DOCTYPE html>
<html{lang}>
<head>
<meta charset="utf-8">
<title>{title} | SolidNet</title>
<meta property="og:title" content="{title}">
<meta property="og:type" content="article">
<meta property="og:url" content="{base_url}{escape(item.path)}">
{tags}
</head>
<body>
<div class="wrapper">
<nav class="menu"><a href="/">Home</a> <a href="/news/statements/">Statements</a></nav>
<div class="post">
<h1 class="post-title">{escape(item.title)}</h1>
<p class="post-meta">Posted <time datetime="{item.published:%Y-%m-%dT%H:%M}">{item.published:%d.%m.%Y}</time></p>
<div class="post-content">
{body}
</div>
</div>
<div class="footer"><p>SolidNet</p></div>
</div>
</body>
</html>
"""
