"""Filing helpers: the Art. 8(2) senior-title check of a director, and putting an acknowledged appointment on
the center's profile (the registry shows what the bureau has on file)."""

from __future__ import annotations

from ticms.policy.rules import is_senior_title

from .models import Center, Filing


def check_title(filing: Filing) -> None:
    """Flag a director without a senior title (Art. 8(2)); the bureau sees the flag before acknowledging."""
    if filing.kind != Filing.Kind.DIRECTOR:
        filing.title_check, filing.title_check_evidence = "", ""
        return
    title = (filing.person_title or "").strip()
    senior = is_senior_title(title)
    if senior is True:
        filing.title_check = "met"
        filing.title_check_evidence = f"中心主任职称“{title}”属于高级专业技术职称。"
    elif senior is False:
        filing.title_check = "not_met"
        filing.title_check_evidence = f"中心主任职称“{title}”不是高级专业技术职称（第八条第（二）项要求高级职称）。"
    else:
        filing.title_check = "needs_review"
        filing.title_check_evidence = (f"中心主任职称“{title}”无法自动判断是否属于高级专业技术职称，需人工核实。"
                                       if title else "未填写中心主任职称，需人工核实。")


def apply_appointment(filing: Filing) -> tuple[dict, dict]:
    """Copy the acknowledged appointment onto the center; returns (before, after) of the fields changed."""
    center = Center.objects.select_for_update().get(pk=filing.center_id)
    if filing.kind == Filing.Kind.DIRECTOR:
        after = {"director": filing.person_name, "director_title": filing.person_title}
    else:
        after = {"committee_chair": filing.person_name, "committee_members": filing.members}
    before = {k: getattr(center, k) for k in after}
    for key, value in after.items():
        setattr(center, key, value)
    center.save(update_fields=list(after))
    return before, after
