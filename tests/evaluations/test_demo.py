"""`ticms demo` includes an evaluation round in progress and a closed one."""

import io

import pytest
from django.core.management import call_command

from ticms.evaluations.models import EvaluationRound, RoundState

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # the demo's applications upload attachments


def test_demo_has_a_round_in_progress_and_a_closed_one(frozen_today):
    call_command("demo", stdout=io.StringIO())
    rounds = dict(EvaluationRound.objects.values_list("state", "year"))
    assert rounds == {RoundState.OPEN: frozen_today.year, RoundState.CLOSED: frozen_today.year - 1}
