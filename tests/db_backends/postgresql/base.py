from django.db.backends.postgresql import base, operations

from tests.db_backends.flush import WipingFlush


class DatabaseOperations(WipingFlush, operations.DatabaseOperations):
    pass


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
