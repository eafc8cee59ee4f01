"""`ticms demo` prints the same demo accounts on every run, the expert accounts that panels draw included."""

import io

import pytest
from django.core.management import call_command

from ticms.reviews.models import Assignment

pytestmark = pytest.mark.django_db


def account_lines() -> list[str]:
    out = io.StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    return text[text.index("演示账号 / demo accounts"):].splitlines()[1:]


def test_demo_prints_the_same_accounts_on_the_second_run(frozen_today):
    first = account_lines()
    second = account_lines()
    assert len(first) > 20
    assert second == first
    usernames = [line.split()[1] for line in first]
    assert {"applicant", "county", "bureau", "expert", "sysadmin", "secadmin", "auditadmin"} <= set(usernames)


def test_demo_lists_every_expert_a_panel_drew(frozen_today):
    lines = account_lines()
    drawn = set(Assignment.objects.values_list("expert__user__username", flat=True))
    assert drawn and None not in drawn
    printed_experts = {line.split()[1] for line in lines if line.split()[0] == "expert"}
    assert drawn <= printed_experts
