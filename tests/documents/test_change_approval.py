"""变更批复 (Art. 15): the bureau's reply to an approved rename, addressed to the host unit."""

import pytest

from ticms.centers import operations
from ticms.documents import services
from ticms.errors import ServiceError

from ..centers.factories import make_center
from .reading import pdf_text


def test_change_approval_names_old_and_new_name(applicant, county_officer, bureau_officer, organisation):
    center = make_center(organisation, field="储能", official_name="朔州市储能技术创新中心", bureau=bureau_officer)
    cr = operations.create_change_request(actor=applicant, center=center, kind="rename",
                                          new_name="朔州市新型储能技术创新中心", reasons="拓展研究方向")
    with pytest.raises(ServiceError):  # not decided yet
        services.issue_document(actor=bureau_officer, kind="change_approval", record=cr)
    for user, name in ((applicant, "submit"), (county_officer, "county_agree"), (bureau_officer, "approve")):
        cr = operations.transition_change(actor=user, change_request=cr, name=name, comment="")
    doc = services.issue_document(actor=bureau_officer, kind="change_approval", record=cr)
    with doc.pdf.open("rb") as f:
        text = pdf_text(f.read())
    assert doc.number.startswith("朔科函〔2026〕") and doc.number in text
    assert "朔州市储能技术创新中心" in text and "朔州市新型储能技术创新中心" in text and "同意" in text
    assert organisation.name in text
