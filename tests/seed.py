"""The real statement page the project was created from (a copy of ../shared/seed/statement-page.txt)."""

from pathlib import Path

SEED_PAGE = Path(__file__).parent / "fixtures" / "statement-page.txt"
