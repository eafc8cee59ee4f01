from django.db import models


class Row(models.Model):
    name = models.CharField(max_length=200)
    county = models.CharField(max_length=60)
    state = models.CharField(max_length=20)
    created = models.DateTimeField()

    class Meta:
        app_label = "reference"
        indexes = [models.Index(fields=["-created", "-id"], name="bench_ref_created_idx")]
