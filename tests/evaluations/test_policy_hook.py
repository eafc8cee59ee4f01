"""The policy loader refuses a file whose evaluation section is malformed (Art. 16 indicators are policy)."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from ticms.policy import PolicyError, load_policy


def _write(tmp_path: Path, mutate) -> Path:
    doc = yaml.safe_load(Path(settings.TICMS_POLICY_FILE).read_text(encoding="utf-8"))
    mutate(doc)
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_shipped_policy_loads_with_its_evaluation_section():
    assert load_policy(settings.TICMS_POLICY_FILE).evaluation is not None


def test_weights_not_summing_to_100_refused_by_the_policy_loader(tmp_path):
    def break_weights(doc):
        doc["evaluation"]["indicators"][0]["weight"] += 5

    path = _write(tmp_path, break_weights)
    with pytest.raises(PolicyError) as exc:
        load_policy(path)
    assert str(path) in str(exc.value) and "evaluation" in str(exc.value)
