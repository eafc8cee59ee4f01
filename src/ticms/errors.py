"""One error type for refused business actions, shared by services, views and the API."""

from __future__ import annotations

from ticms.policy.citation import cite


class ServiceError(Exception):
    """A business action refused for a reason the user can act on.

    `error` is a stable code, `detail` a sentence (Chinese by default) or a list of reasons,
    `status` the HTTP status the API answers with, `field` the form field to mark when there is one,
    `article` the article code of the measures the refusal rests on ("9(4)"). With an article, a sentence
    detail ends with its citation — "…（第九条第（四）项）。" — so every page shows it in the one style.
    """

    def __init__(self, error: str, detail, status: int = 422, field: str | None = None, article: str = ""):
        self.error = error
        self.status = status
        self.field = field
        self.article = article
        if article and isinstance(detail, str):
            detail = with_citation(detail, article)
        self.detail = detail
        super().__init__(str(detail))

    @property
    def citation(self) -> str:
        return cite(self.article)


def with_citation(text: str, article: str) -> str:
    """“不再受理异议。” + "9(4)" → “不再受理异议（第九条第（四）项）。”"""

    citation = cite(article)
    if not citation or citation in text:
        return text
    body, end = (text[:-1], text[-1]) if text.endswith(("。", ".")) else (text, "")
    return f"{body}（{citation}）{end}"
