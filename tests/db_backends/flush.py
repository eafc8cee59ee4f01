"""The test database's flush (run between transactional and live-server tests) empties the append-only audit
table through ticms.audit.triggers.wiping_allowed; every other statement meets the triggers as production does."""

from ticms.audit.triggers import wiping_allowed


class WipingFlush:
    def execute_sql_flush(self, sql_list):
        with wiping_allowed(self.connection):
            super().execute_sql_flush(sql_list)
