"""What each role does under the measures, shown on the workbench above that role's to-dos."""

from django.utils.translation import gettext_lazy as _

from ticms.accounts.roles import Role

ROLE_HELP = {
    Role.APPLICANT: {
        "text": _(
            "As the host unit you build and run the center: prepare the application with its attachments, "
            "revise the construction plan after the expert review, keep the center's profile up to date, file "
            "the appointment of the director and the expert committee, and request changes of name or host unit."
        ),
        "articles": _("Art. 7, Art. 9(2)"),
    },
    Role.COUNTY_OFFICER: {
        "text": _(
            "As the competent unit you cultivate and recommend centers: review the applications of the "
            "organisations in your jurisdiction and recommend them to the bureau, agree to change requests, "
            "check evaluation materials and supervise the centers you are responsible for."
        ),
        "articles": _("Art. 6, Art. 9(2)"),
    },
    Role.BUREAU_OFFICER: {
        "text": _(
            "The bureau plans and manages the centers: publish calls, re-check recommended applications, "
            "organise expert review, publish notices for five working days, recognize centers, approve changes "
            "and run the three-yearly performance evaluation."
        ),
        "articles": _("Art. 5, Art. 9"),
    },
    Role.EXPERT: {
        "text": _(
            "As an expert you review the applications and evaluations of the panels you sit on: declare any "
            "conflict of interest first, take part in the site visit and defence, then submit your scores and "
            "opinion. A submitted opinion is locked."
        ),
        "articles": _("Art. 9(3), Art. 16"),
    },
    Role.SYSTEM_ADMIN: {
        "text": _(
            "The system administrator manages users, organisations, dictionaries and the working-day calendar. "
            "Separation of duties: you do not assign security settings or read the audit log, and you see no "
            "business records beyond what this duty needs."
        ),
        "articles": _("Separation of duties"),
    },
    Role.SECURITY_ADMIN: {
        "text": _(
            "The security administrator assigns roles and sets the password policy. Separation of duties: you "
            "do not manage users' data or read the audit log, and you see no business records."
        ),
        "articles": _("Separation of duties"),
    },
    Role.AUDIT_ADMIN: {
        "text": _(
            "The audit administrator reads, verifies and exports the audit log; nobody can edit it. Separation of "
            "duties: you cannot change users, roles or business records."
        ),
        "articles": _("Separation of duties"),
    },
}
