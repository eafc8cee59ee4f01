from pathlib import Path

from ticms.centers.docs import markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "registry.md"


def test_docs_workflow_tables_match_the_code():
    assert markdown().strip() in DOC.read_text(encoding="utf-8")
