from ticms.accounts.roles import Role
from ticms.workflow.core import Reason, Step, Workflow


def amount_within_limit(record, ctx):
    if record.amount > 100:
        return Reason("amount_limit", "金额超过上限", "8(3)")
    return None


def count_approval(record, ctx):
    record.approvals += 1


FLOW = Workflow(
    "example_flow.Request",
    [
        Step("submit", Role.APPLICANT, "提交", "9(2)", source="draft", target="submitted"),
        Step("approve", Role.BUREAU_OFFICER, "批准", "9(3)", guards=(amount_within_limit,), effect=count_approval,
             source="submitted", target="approved"),
        Step("reject", Role.BUREAU_OFFICER, "不予通过", "9(3)", comment_required=True, dangerous=True,
             source="submitted", target="rejected"),
    ],
)
