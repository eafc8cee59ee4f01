"""The bureau's "opinions not all in" to-do follows each expert's step: drawn, replaced, scored, redrawn."""

import pytest
from django.urls import reverse

from ticms.reviews import services

from .factories import ExpertFactory, declare_and_submit, expert_with_account, panel_for

pytestmark = pytest.mark.django_db

SECTION = "专家意见未收齐的专家组"


def _panels_line(client, panel) -> str:
    """The workbench's line for `panel` in the section ("" when it is not listed)."""
    page = client.get(reverse("workbench")).content.decode()
    section = page[page.index(SECTION):]
    section = section[:section.index("</div>\n</div>") if "</div>\n</div>" in section else len(section)]
    href = f'href="{panel.get_absolute_url()}"'
    if href not in section:
        return ""
    return section[section.index(href):][:600]


def test_a_panel_shows_how_many_opinions_it_still_waits_for_until_the_last_one(client, bureau_officer, subject):
    experts = [expert_with_account() for _ in range(4)]
    panel = panel_for(bureau_officer, subject, size=3, experts=experts)
    client.force_login(bureau_officer)
    assert "还差 3 份意见" in _panels_line(client, panel)

    first, second, third = panel.assignments.order_by("pk")
    declare_and_submit(panel, only={first.pk})
    assert "还差 2 份意见" in _panels_line(client, panel)

    # A recused expert's replacement has not written either: still two to come.
    services.declare(actor=second.expert.user, assignment=second, no_conflict=False, reason="曾在申报单位任职")
    services.replace_expert(actor=bureau_officer, assignment=second)
    assert "还差 2 份意见" in _panels_line(client, panel)

    declare_and_submit(panel, only=set(panel.assignments.filter(active=True, opinion__isnull=True)
                                       .values_list("pk", flat=True)))
    assert _panels_line(client, panel) == ""
    assert "所有专家组的意见都已收齐" in client.get(reverse("workbench")).content.decode()


def test_a_redrawn_panel_leaves_the_list_and_its_successor_takes_its_place(client, bureau_officer, subject):
    ExpertFactory.create_batch(6)
    first = panel_for(bureau_officer, subject, size=3)
    second = panel_for(bureau_officer, subject, size=3, redraw_reason="原定专家无法按期实地考察")
    client.force_login(bureau_officer)
    assert _panels_line(client, first) == ""
    assert "还差 3 份意见" in _panels_line(client, second)
