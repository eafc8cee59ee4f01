from django.contrib.auth import views as auth_views
from django.urls import path

from . import roles_views, views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/tokens/", views.tokens, name="api_tokens"),
    path("account/tokens/<int:token_id>/revoke/", views.revoke_token, name="api_token_revoke"),
    path("security/roles/", roles_views.roles, name="security_roles"),
    path("security/roles/<int:membership_id>/revoke/", roles_views.revoke, name="security_role_revoke"),
]
