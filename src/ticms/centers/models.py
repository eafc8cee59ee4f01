from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from ticms.accounts.models import Organisation
from ticms.accounts.scope import ScopedQuerySet, ScopePaths


class Category(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("Comprehensive")
    DOMAIN = "domain", _("Domain")


class CenterStatus(models.TextChoices):
    PREPARATORY = "preparatory", _("Preparatory")
    ACTIVE = "active", _("Active")
    RECTIFYING = "rectifying", _("Rectifying")
    REVOKED = "revoked", _("Revoked")


class CenterQuerySet(ScopedQuerySet):
    def public(self):
        """The directory anyone may browse (Art. 4: entry and exit are public; revoked stay listed, marked)."""
        return self.all()


class Center(FSMModelMixin, models.Model):
    """市技术创新中心: created by recognition (Art. 9(4)) or preparatory listing (Art. 11)."""

    official_name = models.CharField(_("official name"), max_length=200, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    field = models.CharField(_("field"), max_length=60, help_text=_("industry cluster name, from the policy"))
    host_unit = models.ForeignKey(
        Organisation, verbose_name=_("host unit"), on_delete=models.PROTECT, related_name="hosted_centers"
    )
    lead_unit = models.ForeignKey(
        Organisation, verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="led_centers"
    )
    partner_units = models.ManyToManyField(
        Organisation, verbose_name=_("partner units"), blank=True, related_name="partner_centers"
    )
    status = FSMField(_("status"), max_length=20, choices=CenterStatus.choices, protected=True,
                      default=CenterStatus.ACTIVE)
    recognized_on = models.DateField(_("recognised on"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CenterQuerySet.as_manager()
    scope_paths = ScopePaths(
        organisation=("host_unit", "lead_unit"),
        competent_unit=("host_unit__competent_unit",),
    )

    class Meta:
        ordering = ["-recognized_on", "official_name"]
        verbose_name = _("center")
        verbose_name_plural = _("centers")

    def __str__(self) -> str:
        return self.official_name

    # The status graph (Art. 11, 16, 5(4)); roles, guards and history are in centers/workflow.py.
    @transition(field=status, source=CenterStatus.PREPARATORY, target=CenterStatus.ACTIVE)
    def activate(self):
        pass

    @transition(field=status, source=CenterStatus.ACTIVE, target=CenterStatus.RECTIFYING)
    def start_rectification(self):
        pass

    @transition(field=status, source=CenterStatus.RECTIFYING, target=CenterStatus.ACTIVE)
    def end_rectification(self):
        pass

    @transition(
        field=status,
        source=[CenterStatus.PREPARATORY, CenterStatus.ACTIVE, CenterStatus.RECTIFYING],
        target=CenterStatus.REVOKED,
    )
    def revoke(self):
        pass


class CenterStatusChange(models.Model):
    """Every status a center has had, with who decided, why and under which article (Art. 4 entry and exit)."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, choices=CenterStatus.choices)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    article = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["at", "pk"]


class EngineeringCenter(models.Model):
    """市工程技术研究中心: the predecessor platform that may convert to a domain center (Art. 10)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    host_unit = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="engineering_centers")
    field = models.CharField(_("field"), max_length=60, blank=True)
    recognized_year = models.PositiveIntegerField(_("recognised in"), null=True, blank=True)
    director = models.CharField(_("director"), max_length=100, blank=True)
    director_title = models.CharField(_("director's title"), max_length=50, blank=True)
    fixed_staff = models.PositiveIntegerField(null=True, blank=True)
    floor_area_m2 = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    equipment_value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    converted = models.BooleanField(default=False)

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(organisation=("host_unit",), competent_unit=("host_unit__competent_unit",))

    class Meta:
        ordering = ["name"]
        verbose_name = _("engineering technology research center")

    def __str__(self) -> str:
        return self.name
