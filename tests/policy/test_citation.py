"""The one citation style: article codes as the policy file writes them, cited as the measures print them."""

import re

import pytest
import yaml
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from ticms.policy.citation import chinese_number, cite

NUMERALS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十", 11: "十一",
            12: "十二", 13: "十三", 14: "十四", 15: "十五", 16: "十六", 17: "十七", 18: "十八"}


def policy_codes() -> list[str]:
    """Every `article`/`*_article` value the policy file uses."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if (str(key) == "article" or str(key).endswith("_article")) and isinstance(value, str | int):
                    found.append(str(value))
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    with open(settings.TICMS_POLICY_FILE, encoding="utf-8") as f:
        walk(yaml.safe_load(f))
    return sorted(set(found))


CODE = re.compile(r"^(\d+)(?:\((\d+)\))?$")


@pytest.mark.parametrize(("code", "citation"), [
    ("9(4)", "第九条第（四）项"), ("16", "第十六条"), ("8(2)", "第八条第（二）项"), ("3(1)", "第三条第（一）项"),
    ("10", "第十条"), ("18", "第十八条"), ("16, 17(2)", "第十六条、第十七条第（二）项"), ("", ""),
])
def test_cite_writes_articles_and_items_in_chinese_numerals(code, citation):
    assert cite(code) == citation


def test_the_policy_file_uses_codes_and_each_has_one_citation():
    codes = policy_codes()
    assert "9(4)" in codes and "16" in codes and len(codes) >= 8
    for code in codes:
        article, item = CODE.match(code).groups()
        expected = f"第{NUMERALS[int(article)]}条" + (f"第（{NUMERALS[int(item)]}）项" if item else "")
        assert cite(code) == expected


@given(st.sampled_from(policy_codes()))
def test_no_policy_citation_keeps_an_arabic_digit_or_a_bare_item(code):
    text = cite(code)
    assert not re.search(r"\d", text)
    assert not re.search(r"第[一二三四五六七八九十]+项", text)
    assert text.startswith("第") and text.count("条") == 1


@given(st.integers(min_value=1, max_value=18), st.one_of(st.none(), st.integers(min_value=1, max_value=9)))
def test_every_article_of_the_measures_and_its_items_cite_in_one_style(article, item):
    code = f"{article}({item})" if item else str(article)
    assert cite(code) == f"第{NUMERALS[article]}条" + (f"第（{NUMERALS[item]}）项" if item else "")


@pytest.mark.parametrize("typed", ["第十七条", "9.4", "见会议纪要", "9(x)"])
def test_text_that_is_not_a_code_is_shown_as_typed(typed):
    # The bureau types the article of a status change; a page must not fail on what it typed.
    assert cite(typed) == typed


def test_numbers_beyond_the_measures_still_read_right():
    assert [chinese_number(n) for n in (20, 21, 99)] == ["二十", "二十一", "九十九"]
