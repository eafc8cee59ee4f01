"""Create the reference table and fill it with `n` rows (as many as ticms has applications), if it is empty.

    DJANGO_SETTINGS_MODULE=bench.reference.settings python -m bench.reference.seed N
"""

import datetime
import os
import sys


def main(n: int) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.reference.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from bench.reference.models import Row

    call_command("migrate", verbosity=0, run_syncdb=True)
    if not Row.objects.exists():
        fill(Row, n)
    from django.db import connection

    if connection.vendor == "postgresql":
        # The state autovacuum keeps the table in, as bench.generate leaves ticms's: statistics, and pages marked
        # all-visible so the page's COUNT can read the index alone.
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {Row._meta.db_table}")
    return 0


def fill(Row, n: int) -> None:
    start = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    counties = ["朔城区", "平鲁区", "山阴县", "应县", "右玉县", "怀仁市"]
    Row.objects.bulk_create(
        (Row(name=f"参照记录{i:06d}", county=counties[i % 6], state="active",
             created=start + datetime.timedelta(minutes=37 * i)) for i in range(n)),
        batch_size=5000,
    )


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1])))
