"""The docs that readers rely on are kept true by tests: the README's export field lists against the
schemas, its settings table against crawler/settings.py, its run counts against the run record, and
the signatures in docs/architecture.md against the code."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import crawler
from crawler import settings as project_settings
from crawler.runrecord import COUNTS
from crawler.schemas import Export, fields

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
EXPORT_SECTIONS: dict[str, Export] = {
    "statements.jsonl": "statement", "signatories.jsonl": "signatory", "parties.jsonl": "party",
    "events.jsonl": "event", "runs.jsonl": "run",
}


def section(text: str, heading: str) -> str:
    """The text under the first heading that contains `heading`, up to the next heading of any level."""
    match = re.search(rf"^#+ [^\n]*{re.escape(heading)}[^\n]*\n(.*?)(?=^#+ |\Z)", text, re.M | re.S)
    assert match, f"no section {heading!r}"
    return match.group(1)


def named(text: str) -> set[str]:
    return set(re.findall(r"`([a-z_][a-z0-9_]*)`", text))


@pytest.mark.parametrize(("name", "export"), EXPORT_SECTIONS.items())
def test_the_readme_names_every_field_of_every_export_and_no_other(name: str, export: Export) -> None:
    text = section(README, f"`{name}`")
    documented = named(text)
    assert set(fields(export)) <= documented, f"{name}: undocumented fields {set(fields(export)) - documented}"
    rows = [re.findall(r"`([a-z_]+)`", line.split("|")[1]) for line in text.splitlines() if line.startswith("| `")]
    if export != "run":   # the run record's table lists counts, checked below
        unknown = {field for row in rows for field in row} - set(fields(export))
        assert not unknown, f"{name}: the table documents fields the schema lacks: {unknown}"


def test_the_readme_lists_every_run_count() -> None:
    documented = named(section(README, "`runs.jsonl`"))
    assert set(COUNTS) <= documented, f"undocumented counts {set(COUNTS) - documented}"


def readme_settings() -> dict[str, str]:
    """Each setting row of the README's settings table: name -> default cell."""
    rows = {}
    for line in section(README, "Settings").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            for name in re.findall(r"`([A-Z_*]+)`", cells[0]):
                rows[name] = cells[1]
    return rows


def own_settings() -> dict[str, Any]:
    """The project's own settings: those under its heading in crawler/settings.py."""
    source = Path(project_settings.__file__).read_text(encoding="utf-8")
    own = source.split("# --- the project's own settings")[1].split("# ---")[0]
    return {name: getattr(project_settings, name) for name in re.findall(r"^([A-Z_]+) =", own, re.M)}


def test_the_settings_table_lists_every_project_setting_with_its_default() -> None:
    rows = readme_settings()
    for name, value in own_settings().items():
        assert name in rows, f"setting {name} is not in the README's table"
        cell = rows[name]
        if value is None:
            assert cell.lower().startswith("none"), f"{name}: README says {cell}, settings.py None"
        else:
            assert cell.split()[0].strip("`") == str(value), f"{name}: README says {cell}, settings.py {value!r}"


def test_every_setting_the_readme_names_exists() -> None:
    for name in readme_settings():
        if "*" not in name and name not in ("LOG_FILE",):
            assert hasattr(project_settings, name), f"the README documents {name}, which settings.py does not set"


def _functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    for info in pkgutil.walk_packages(crawler.__path__, "crawler."):
        if ".sample_site" in info.name or info.name.endswith(("demo", "commands.crawl")):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if getattr(value, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(value):
                yield name, value
            elif inspect.isclass(value):
                for method, member in vars(value).items():
                    function = getattr(member, "__func__", member)   # a classmethod's or staticmethod's function
                    if inspect.isfunction(function):
                        yield method, function


def documented_signatures() -> list[str]:
    blocks = re.findall(r"```python\n(.*?)```", ARCHITECTURE, re.S)
    return [line.split("#")[0].strip() for block in blocks for line in block.splitlines() if line.strip().startswith("def ")]


def test_architecture_documents_signatures() -> None:
    assert len(documented_signatures()) > 15


@pytest.mark.parametrize("line", documented_signatures())
def test_every_signature_in_architecture_md_is_the_codes(line: str) -> None:
    documented = ast.parse(line + ": ...").body[0]
    assert isinstance(documented, ast.FunctionDef)
    candidates = [f for name, f in _functions() if name == documented.name]
    assert candidates, f"{documented.name} is documented but not in the code"

    def shape(function: Callable[..., Any]) -> tuple[list[tuple[str, str | None, bool]], str | None]:
        signature = inspect.signature(function)
        params = [
            (p.name, None if p.annotation is inspect.Parameter.empty else str(p.annotation), p.default is not inspect.Parameter.empty)
            for p in signature.parameters.values()
        ]
        returned = signature.return_annotation
        return params, None if returned is inspect.Signature.empty else str(returned)

    args = documented.args
    defaults = [False] * (len(args.args) - len(args.defaults)) + [True] * len(args.defaults)
    doc_params = [(a.arg, ast.unparse(a.annotation) if a.annotation else None, d) for a, d in zip(args.args, defaults, strict=True)]
    doc_params += [(a.arg, ast.unparse(a.annotation) if a.annotation else None, d is not None) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)]
    expected = (doc_params, ast.unparse(documented.returns) if documented.returns else None)
    assert expected in [shape(f) for f in candidates], f"docs/architecture.md: {line}\n   code: {[shape(f) for f in candidates]}"
