"""One way to tell a user on a page why an action was refused: one message per reason or per problem."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect

from ticms.errors import ServiceError
from ticms.workflow.core import WorkflowError


def refusal_messages(request, exc: WorkflowError | ServiceError) -> None:
    """Each workflow reason (with its article), or each problem of a service error, as an error message. The
    problems' keys are field names for programs; the sentences already name the field for people."""
    if isinstance(exc, WorkflowError):
        for reason in exc.reasons:
            messages.error(request, f"未能执行：{reason}")
    elif isinstance(exc.detail, dict):
        for msg in exc.detail.values():
            messages.error(request, str(msg))
    else:
        messages.error(request, str(exc.detail))


def form_errors(form, exc: ServiceError, *, prefix: str = "") -> None:
    """A service's refusal on its form: each problem next to its field (a key may name the field directly or after
    `prefix`, e.g. the scores' "score_"); what names no field of the form goes above it."""
    detail = exc.detail if isinstance(exc.detail, dict) else {exc.field: exc.detail}
    for key, message in detail.items():
        name = next((n for n in (key, f"{prefix}{key}") if n and n in form.fields), None)
        form.add_error(name, str(message))


def tell_outcome(request, action, success, *, refused=(ServiceError,)) -> bool:
    """Run `action()` (a service call): its refusal as error messages (see `refusal_messages`), or else `success` —
    a sentence, or a function of what the action returned — as a success message. True when the action went through.
    The small POST-only pages (close, replace, upload, report) differ only in the call and the sentence."""
    try:
        result = action()
    except refused as exc:
        refusal_messages(request, exc)
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True


def tell_form_outcome(request, form, action, success, *, invalid: str = "") -> bool:
    """A small POST-only form (an upload, a closing, a report) whose page is its record's: invalid input as error
    messages (`invalid`, one sentence for the form, or else each of its errors), or else `tell_outcome` of
    `action(cleaned_data)`. True when the action went through; the caller redirects back to the record either way."""
    if not form.is_valid():
        for error in [invalid] if invalid else [e for errors in form.errors.values() for e in errors]:
            messages.error(request, error)
        return False
    return tell_outcome(request, lambda: action(form.cleaned_data), success)


def form_post(request, form, action, *, success, then, prefix: str = ""):
    """A posted, valid form goes to `action(cleaned_data)` (a service call). A refusal lands on the form
    (`form_errors`) and None is returned, as on a GET or invalid input: the caller shows the form again. Otherwise
    `success` (a sentence, or a function of the result) becomes a success message and the answer is a redirect to
    `then` (a URL or record, or a function of the result giving one)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ServiceError as exc:
        form_errors(form, exc, prefix=prefix)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return redirect(then(result) if callable(then) else then)
