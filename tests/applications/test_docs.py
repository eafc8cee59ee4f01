from pathlib import Path

from ticms.applications.diagram import generated_section, markdown
from ticms.applications.workflow import APPLICATION_FLOW

DOC = Path(__file__).resolve().parents[2] / "docs" / "recognition.md"


def test_workflow_table_is_complete():
    assert APPLICATION_FLOW.check_complete() == []


def test_recognition_doc_shows_the_current_transition_table():
    assert generated_section(DOC.read_text(encoding="utf-8")) == markdown(APPLICATION_FLOW), (
        "docs/recognition.md is out of date: replace its generated section with `ticms workflow_diagram applications`"
    )
