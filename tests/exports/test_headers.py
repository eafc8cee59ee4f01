"""Each export's header row, pinned: most headers are the model fields' verbose names, so a renamed field shows
here as the changed spreadsheet a user would notice."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from ticms.centers.models import ChangeRequest
from ticms.exports.columns import columns_of

from ..evaluations.factories import make_center, open_round
from .helpers import table

pytestmark = pytest.mark.django_db

HEADERS = {
    "/centers/": "正式名称 类别 领域 依托单位 牵头单位 所属县区 状态 认定日期",
    "/centers/manage/": "编号 正式名称 类别 领域 依托单位 牵头单位 所属县区 状态 认定日期 法人形态 中心主任 "
                        "固定人员（人） 科研仪器设备原值（万元）",
    "/centers/filings/": "编号 中心 依托单位 备案事项 姓名 职称 任命_/_聘任日期 状态 提交时间",
    "/centers/changes/": "编号 中心 依托单位 变更类型 变更事项 新名称 新依托单位_/_牵头单位 状态 提交时间 决定时间",
    "/centers/supports/": "编号 中心 类型 名称 年度 金额（万元） 依据条款 记录时间",
    "/centers/outputs/": "编号 中心 依托单位 类型 名称 年度 编号（专利号、标准号等） 转化收入（万元） 记录时间",
    "/evaluations/": "编号 评估年度 批次名称 材料提交截止日期 指标体系版本 状态 开评时间",
    "/notices/": "编号 标题 公示开始日期 公示截止日期 状态 发布时间 异议受理电话",
    "/notices/objections/": "编号 受理编号 公示 异议对象 姓名 工作单位 提交时间 处理状态 处理时间",
    "/reviews/experts/": "编号 姓名 职称 工作单位 工作单位（市外） 擅长领域 在库可抽取 入库时间",
    "/reviews/panels/": "编号 用途 评审对象 领域 专家人数 第几次抽取 抽取时间 实地考察时间 现场答辩时间",
    "/calls/": "编号 标题 年度 开始申报日期 截止申报日期",
    "/documents/": "编号 文号 文种 标题 所涉记录 版本 成文日期 发文时间 公开",
    "/applications/": "编号 申报年度 申报类型 拟建中心名称 类别 领域 牵头单位 依托单位 "
                      "牵头单位具有独立法人资格 共建单位 中心负责人 负责人职称 固定人员（人） 流动人员（人） "
                      "使用面积（平方米） 科研仪器设备原值（万元） 研发投入（前第三年，万元） "
                      "研发投入（前第二年，万元） 研发投入（上一年，万元） 自主知识产权（项） "
                      "申请列为筹建对象 诚信承诺 承诺人 承诺时间 所属县区 状态 提交时间 最后更新 申报编号",
}


def headers(text: str) -> list[str]:
    return [h.replace("_", " ") for h in text.split()]


@pytest.mark.parametrize("path", list(HEADERS))
def test_export_header_row(client, bureau_officer, path):
    client.force_login(bureau_officer)
    header, _ = table(client.get(f"{path}?format=xlsx"))
    assert header == headers(HEADERS[path])


def test_round_evaluations_header_row(client, bureau_officer, organisation):
    year = timezone.localdate().year
    make_center(bureau_officer, organisation, recognized_on=datetime.date(year - 3, 3, 1))
    rnd = open_round(bureau_officer, year)
    client.force_login(bureau_officer)
    header, _ = table(client.get(f"/evaluations/rounds/{rnd.pk}/?format=xlsx"))
    assert header == headers("编号 技术创新中心 依托单位 到期日 评估期起 评估期止 状态 提交时间 "
                             "总分 评定等级 评估结论 重点支持")


def test_a_column_without_a_chinese_name_is_refused_when_read():
    with pytest.raises(ImproperlyConfigured, match="submitted_at"):
        columns_of(ChangeRequest, ("pk", "submitted_at"))
