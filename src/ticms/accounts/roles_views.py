"""The security administrator's page: who holds which role (DESIGN §2, separation of duties)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ticms.audit.signals import client_ip
from ticms.errors import ServiceError
from ticms.web.routes import page

from . import services
from .models import CompetentUnit, Membership, Organisation, User
from .roles import Role, require_role, role_required


class GrantForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label="所属单位（申请单位角色）", queryset=Organisation.objects.all(), required=False
    )
    competent_unit = forms.ModelChoiceField(
        label="归口管理单位（归口管理单位角色）", queryset=CompetentUnit.objects.all(), required=False
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError("没有这个用户（或已停用）。用户由系统管理员创建。")
        return user


@page("security/roles/", name="security_roles")
@role_required(Role.SECURITY_ADMIN, doing="管理角色和账号安全")
def roles(request):
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_role(
                user=form.cleaned_data["username"],
                role=form.cleaned_data["role"],
                organisation=form.cleaned_data["organisation"],
                competent_unit=form.cleaned_data["competent_unit"],
                actor=request.user,
                ip=client_ip(request),
            )
            messages.success(request, "已授予角色。")
            return redirect("security_roles")
        except ServiceError as exc:
            form.add_error(None, str(exc.detail))
    q = request.GET.get("q", "").strip()
    users = User.objects.order_by("username").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("organisation", "competent_unit"))
    )
    if q:
        users = users.filter(Q(username__icontains=q) | Q(display_name__icontains=q))
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/roles.html", {"form": form, "page_obj": page, "q": q})


@page("security/roles/<int:membership_id>/revoke/", name="security_role_revoke")
@login_required
@require_POST
def revoke(request, membership_id: int):
    require_role(request.user, Role.SECURITY_ADMIN, doing="管理角色和账号安全")
    try:
        services.revoke_role(membership_id=membership_id, actor=request.user, ip=client_ip(request))
        messages.success(request, "已撤销该角色。")
    except ServiceError as exc:
        messages.error(request, str(exc.detail))
    return redirect("security_roles")
