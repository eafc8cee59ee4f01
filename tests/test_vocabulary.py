"""Each app's states and kinds, with the Chinese labels users read, come from its vocabulary.yaml, unchanged."""

import sys
from importlib import resources

import pytest

from ticms.accounts.models import Organisation
from ticms.accounts.roles import Role
from ticms.applications.models import State
from ticms.centers.models import CenterChange, CenterStatus
from ticms.evaluations.models import Grade
from ticms.notifications.models import DeliveryStatus
from ticms.vocabulary import FILE_NAME, Vocabulary, VocabularyError, read


def test_center_statuses_read_as_on_the_directory_and_in_exports():
    assert CenterStatus.choices == [
        ("preparatory", "筹建"), ("active", "运行中"), ("rectifying", "整改中"), ("revoked", "已撤销"),
    ]
    assert CenterStatus.REVOKED == "revoked" and CenterStatus("active").label == "运行中"


def test_application_states_keep_their_order_and_labels():
    assert State.choices == [
        ("draft", "草稿"), ("submitted", "已提交，待归口管理单位审核"), ("returned", "已退回修改"),
        ("recommended", "归口管理单位已推荐"), ("expert_review", "专家论证"), ("plan_revision", "完善建设方案"),
        ("plan_submitted", "建设方案已提交"), ("publicized", "公示中"), ("recognized", "已认定"),
        ("preparatory", "列为筹建"), ("rejected", "未通过"), ("withdrawn", "已撤回"),
    ]


def test_grades_roles_and_unit_kinds_keep_their_labels():
    assert Grade.choices == [("excellent", "优秀"), ("good", "良好"), ("pass", "合格"), ("fail", "不合格")]
    assert Role.SECURITY_ADMIN.label == "安全管理员" and len(Role.choices) == 7
    assert Organisation.Kind.NEW_RD == "new_rd" and Organisation.Kind.NEW_RD.label == "新型研发机构"
    assert DeliveryStatus.GAVE_UP.label == "多次失败，已停止"


def test_a_choice_nested_in_a_model_is_named_as_before():
    assert CenterChange.Kind.__qualname__ == "CenterChange.Kind"
    assert CenterChange.Kind.__module__ == "ticms.centers.models"
    assert CenterChange(kind="host_unit").get_kind_display() == "依托单位"


def _packages_with_vocabulary() -> list[str]:
    return sorted(
        name for name, module in sys.modules.items()
        if name.startswith("ticms.") and name.count(".") == 1 and getattr(module, "__path__", None)
        and resources.files(name).joinpath(FILE_NAME).is_file()
    )


def test_every_vocabulary_in_a_file_is_made_into_choices_by_its_app():
    packages = _packages_with_vocabulary()
    assert "ticms.centers" in packages and "ticms.accounts" in packages
    for package in packages:
        made = set()
        for name, module in list(sys.modules.items()):
            if name.startswith(package + ".") and isinstance(getattr(module, "vocabulary", None), Vocabulary):
                for key in read(package):
                    owner = module
                    for part in key.split("."):
                        owner = getattr(owner, part, None)
                    if getattr(owner, "__module__", None) == name:
                        made.add(key)
        assert made == set(read(package)), f"{package}/{FILE_NAME}: unused {set(read(package)) - made}"


@pytest.fixture
def app_package(tmp_path, monkeypatch):
    """A throwaway app package whose vocabulary.yaml a test writes."""
    monkeypatch.syspath_prepend(str(tmp_path))
    count = iter(range(1000))

    def make(text: str) -> str:
        name = f"vocabulary_app_{next(count)}_{id(tmp_path)}"
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("")
        (tmp_path / name / FILE_NAME).write_text(text, encoding="utf-8")
        return name

    return make


def test_a_value_given_twice_stops_the_start(app_package):
    package = app_package("Colour:\n  red: 红\n  red: 赤\n")
    with pytest.raises(VocabularyError, match="appears twice"):
        read(package)


def test_a_value_yaml_reads_as_true_is_refused(app_package):
    package = app_package("Answer:\n  yes: 是\n  other: 其他\n")
    with pytest.raises(VocabularyError, match="Answer: value True is not a lower-case identifier"):
        read(package)


def test_an_unknown_vocabulary_is_named(app_package):
    package = app_package("Colour:\n  red: 红\n")
    with pytest.raises(VocabularyError, match="has no vocabulary 'Shape'"):
        Vocabulary(f"{package}.models").choices("Shape")
