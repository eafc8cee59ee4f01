# The audit log is read by the audit administrator on its own page (/audit/), not in Django admin:
# the system administrator must not read or touch it (separation of duties, DESIGN §2 and §7).
