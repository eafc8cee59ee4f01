from ticms.policy.naming import check_official_name, field_of_official_name, official_name


def test_official_name_follows_article_9_4(policy):
    assert official_name("储能", policy) == "朔州市储能技术创新中心"


def test_official_name_uses_the_current_policy_by_default():
    assert official_name("半导体") == "朔州市半导体技术创新中心"


def test_a_name_in_the_pattern_passes(policy):
    assert check_official_name("朔州市现代煤化工技术创新中心", policy) == []
    assert field_of_official_name("朔州市现代煤化工技术创新中心", policy) == "现代煤化工"


def test_a_name_outside_the_pattern_is_refused_with_the_article(policy):
    reasons = check_official_name("山西储能研究院", policy)
    assert [r.code for r in reasons] == ["name_pattern"]
    assert reasons[0].article == "9(4)"
    assert "朔州市××技术创新中心" in str(reasons[0].message)


def test_a_name_without_a_field_is_refused(policy):
    assert [r.code for r in check_official_name("朔州市技术创新中心", policy)] == ["name_pattern"]
    assert [r.code for r in check_official_name("", policy)] == ["name_missing"]
