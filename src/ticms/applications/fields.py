"""The 申请书's fields, declared once: sections, labels, kinds, what is required to submit, what Art. 8 reads.

Everything that lists application fields reads this list: the form (forms.py), the checks of values and of
completeness before submission (validation.py), the API's input schema (api.py), the record page, the Art. 8 facts
(eligibility.py), the frozen versions and their differences (versions.py), the XLSX export (exports.py) and the
申报书 document (documents/builders.py). Adding a field: its entry here, its model field and migration, a test
(docs/architecture.md, "Adding things").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # paragraphs
    CHOICE = "choice"  # one of a list: the model field's choices, or `choices` (a function, read when needed)
    MONEY = "money"  # stored in yuan, typed and shown in 万元 (ticms.money)
    COUNT = "count"  # a whole number of `unit`
    NUMBER = "number"  # a decimal number of `unit`, two decimals
    TRI_STATE = "tri_state"  # yes / no / not stated
    DECLARATION = "declaration"  # a box ticked by the applicant (a statement, or a request)
    DATE = "date"
    DATETIME = "datetime"  # set by the system (read-only)
    ORGANISATION = "organisation"
    ORGANISATIONS = "organisations"


MAX_TEXT = 20_000  # a long text's bound, in characters


@dataclass(frozen=True)
class Field:
    name: str  # the model field and the API key (organisations: `<name>_id`, `<singular>_ids`)
    label: str  # what people read, without the unit: 科研仪器设备原值
    kind: Kind
    # Must be filled before the applicant can submit (Art. 9(2)). `checked_by` names another guard of the workflow
    # that checks it instead of the plain "is it filled" check (the integrity declaration, Art. 8(4)).
    required: bool = False
    checked_by: str = ""
    help: str = ""
    unit: str = ""  # 人, 项, 平方米; money is always 万元
    max_length: int | None = None  # text kinds
    maximum: int | None = None  # count and number kinds
    prompt: str = ""  # a declaration's sentence beside its box (the label is its short name)
    # The Art. 8 fact it feeds (an attribute of policy.rules.EligibilityFacts), the article, and how a value becomes
    # the fact when it is not the value itself.
    fact: str = ""
    article: str = ""
    to_fact: Callable[[Any], Any] | None = None
    # R&D by year (Art. 8(3)): this field holds the year `year_offset` before the application year.
    year_offset: int | None = None
    editable: bool = True  # False: set when the application is created or by the system, shown read-only
    exported: bool = True  # a column of the applications XLSX export
    choices: Callable[[], list[str]] | None = None  # a CHOICE without model choices (the policy's fields)
    widget_rows: int = 3  # long text: the height of its box

    @property
    def unit_text(self) -> str:
        return "万元" if self.kind == Kind.MONEY else self.unit

    def label_for(self, year: int | None = None) -> str:
        """The label with its unit, and for R&D its year: 2023年研发投入（万元）; without a year (the export,
        messages) 研发投入（前第三年，万元）."""
        unit = self.unit_text
        if self.year_offset is not None:
            if year:
                return f"{year + self.year_offset}年{self.label}" + (f"（{unit}）" if unit else "")
            return f"{self.label}（{YEAR_WORDS[self.year_offset]}" + (f"，{unit}）" if unit else "）")
        return f"{self.label}（{unit}）" if unit else self.label

    @property
    def full_label(self) -> str:
        return self.label_for(None)

    @property
    def api_name(self) -> str:
        if self.kind == Kind.ORGANISATION:
            return f"{self.name}_id"
        if self.kind == Kind.ORGANISATIONS:
            return f"{self.name.removesuffix('s')}_ids"
        return self.name

    def is_empty(self, value) -> bool:
        if self.kind == Kind.DECLARATION:
            return not value
        if self.kind == Kind.ORGANISATIONS:
            return not value
        return value is None or (isinstance(value, str) and not value.strip())


YEAR_WORDS = {-3: "前第三年", -2: "前第二年", -1: "上一年"}


@dataclass(frozen=True)
class Section:
    key: str  # the anchor on the form and the record page (#section-<key>)
    title: str
    fields: tuple[Field, ...] = field(default_factory=tuple)


def _policy_fields() -> list[str]:
    from .policy_adapter import field_names  # the policy file is read when the form is built, not at import

    return field_names()


def _signed(value) -> bool | None:
    # Signing the declaration states a clean record; not signing states nothing (Art. 8(4)).
    return True if value else None


def _credit_code(organisation) -> str:
    return getattr(organisation, "credit_code", "") or ""


def _rd(offset: int) -> Field:
    return Field(
        f"rd_investment_y{4 + offset}",
        "研发投入",
        Kind.MONEY,
        required=True,
        fact="rd_investment",
        article="8(3)",
        year_offset=offset,
    )


SECTIONS: tuple[Section, ...] = (
    Section(
        "basic",
        "类别与领域",
        (
            Field(
                "name", "拟建中心名称", Kind.TEXT, max_length=200, help="简称即可，认定后按“朔州市××技术创新中心”命名。"
            ),
            Field("category", "类别", Kind.CHOICE, help="综合类或领域类（第三条）。"),
            Field(
                "field",
                "领域",
                Kind.CHOICE,
                required=True,
                choices=_policy_fields,
                fact="field",
                article="8(4)",
                help="第三条第（二）项所列重点产业集群。",
            ),
        ),
    ),
    Section(
        "units",
        "牵头、依托与共建单位",
        (
            Field(
                "lead_unit",
                "牵头单位",
                Kind.ORGANISATION,
                editable=False,
                fact="credit_code",
                article="8(1)",
                to_fact=_credit_code,
                help="创建申请书时选定；其统一社会信用代码用于核对注册地（第八条第（一）项）。",
            ),
            Field("host_unit", "依托单位", Kind.ORGANISATION, help="一般为牵头单位，也可以是本人所属的其他单位。"),
            Field(
                "independent_legal_person",
                "牵头单位具有独立法人资格",
                Kind.TRI_STATE,
                required=True,
                fact="is_independent_legal_person",
                article="8(1)",
            ),
            Field("partner_units", "共建单位", Kind.ORGANISATIONS, help="可多选；输入名称筛选后勾选。"),
        ),
    ),
    Section(
        "director",
        "中心负责人",
        (
            Field("director", "中心负责人", Kind.TEXT, required=True, max_length=100),
            Field(
                "director_title",
                "负责人职称",
                Kind.TEXT,
                required=True,
                max_length=50,
                fact="director_title",
                article="8(2)",
                help="如：正高级工程师、教授、研究员、副教授",
            ),
        ),
    ),
    Section(
        "resources",
        "人员、场所与设备",
        (
            Field(
                "fixed_staff",
                "固定人员",
                Kind.COUNT,
                required=True,
                unit="人",
                maximum=1_000_000,
                fact="fixed_staff",
                article="8(2)",
            ),
            Field("visiting_staff", "流动人员", Kind.COUNT, unit="人", maximum=1_000_000),
            Field(
                "floor_area_m2",
                "使用面积",
                Kind.NUMBER,
                required=True,
                unit="平方米",
                maximum=10**7,
                fact="floor_area_m2",
                article="8(3)",
            ),
            Field(
                "equipment_value", "科研仪器设备原值", Kind.MONEY, required=True, fact="equipment_value", article="8(3)"
            ),
        ),
    ),
    Section("rd", "近三年研发投入", (_rd(-3), _rd(-2), _rd(-1))),
    Section(
        "ip",
        "知识产权与成果",
        (
            Field(
                "ip_asset_count",
                "自主知识产权",
                Kind.COUNT,
                required=True,
                unit="项",
                maximum=1_000_000,
                fact="ip_asset_count",
                article="8(2)",
            ),
            Field("ip_assets", "知识产权清单", Kind.LONG_TEXT, max_length=MAX_TEXT, exported=False),
            Field(
                "achievements",
                "主要科技成果",
                Kind.LONG_TEXT,
                required=True,
                max_length=MAX_TEXT,
                exported=False,
                widget_rows=4,
            ),
        ),
    ),
    Section(
        "plan",
        "建设方案",
        (
            Field(
                "construction_plan",
                "建设方案（概要）",
                Kind.LONG_TEXT,
                required=True,
                max_length=MAX_TEXT,
                exported=False,
                widget_rows=6,
            ),
        ),
    ),
    Section(
        "preparatory",
        "筹建申请（第十一条）",
        (
            Field(
                "requests_preparatory",
                "申请列为筹建对象",
                Kind.DECLARATION,
                prompt="如不能完全满足条件，申请列为筹建对象（第十一条）",
            ),
            Field(
                "preparatory_reason",
                "申请筹建的理由",
                Kind.LONG_TEXT,
                max_length=MAX_TEXT,
                exported=False,
                help="创新优势或发展急需；申请列为筹建对象时必填。",
            ),
        ),
    ),
    Section(
        "integrity",
        "诚信承诺",
        (
            Field(
                "integrity_declaration",
                "诚信承诺",
                Kind.DECLARATION,
                required=True,
                checked_by="integrity_signed",
                fact="integrity_record_clean",
                article="8(4)",
                to_fact=_signed,
                prompt="本单位承诺：所填信息真实准确，不存在重大安全、重大质量、严重环境问题或违法失信情况"
                "（第八条第（四）项）",
            ),
            Field(
                "integrity_signer",
                "承诺人",
                Kind.TEXT,
                required=True,
                checked_by="integrity_signed",
                max_length=100,
                help="法定代表人或授权人",
            ),
            Field("integrity_signed_at", "承诺时间", Kind.DATETIME, editable=False),
        ),
    ),
)

FIELDS: tuple[Field, ...] = tuple(f for s in SECTIONS for f in s.fields)
BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}


def get(name: str) -> Field:
    return BY_NAME[name]


def editable() -> tuple[Field, ...]:
    return tuple(f for f in FIELDS if f.editable)


def required() -> tuple[Field, ...]:
    """Fields the applicant must fill before submitting (the form marks them)."""
    return tuple(f for f in FIELDS if f.required)


def fact_fields() -> tuple[Field, ...]:
    """Fields an Art. 8 rule reads; the public self-check asks for the ones the applicant types."""
    return tuple(f for f in FIELDS if f.fact)


def exported() -> tuple[Field, ...]:
    return tuple(f for f in FIELDS if f.exported)
