from django.db import migrations

# 朔州市's county-level divisions (GB/T 2260) and one body for competent units outside the counties.
UNITS = [
    ("朔城区", "140602", "county"),
    ("平鲁区", "140603", "county"),
    ("山阴县", "140621", "county"),
    ("应县", "140622", "county"),
    ("右玉县", "140623", "county"),
    ("怀仁市", "140681", "county"),
    ("市直有关主管单位", "", "other"),
]


def seed(apps, schema_editor):
    CompetentUnit = apps.get_model("accounts", "CompetentUnit")
    for name, code, kind in UNITS:
        CompetentUnit.objects.get_or_create(name=name, defaults={"division_code": code, "kind": kind})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
