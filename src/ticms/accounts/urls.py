from django.contrib.auth import views as auth_views
from django.urls import path

from . import roles_views, security_views, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/otp/", views.otp_verify, name="otp_verify"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", views.home, name="account_home"),
    path("account/password/", views.change_password, name="account_password"),
    path("account/2fa/", views.two_factor, name="account_2fa"),
    path("account/tokens/", views.tokens, name="api_tokens"),
    path("account/tokens/<int:token_id>/revoke/", views.revoke_token, name="api_token_revoke"),
    path("security/roles/", roles_views.roles, name="security_roles"),
    path("security/roles/<int:membership_id>/revoke/", roles_views.revoke, name="security_role_revoke"),
    path("security/online/", security_views.online, name="security_online"),
    path("security/online/<int:session_id>/end/", security_views.force_sign_out, name="security_force_sign_out"),
    path("security/lockouts/", security_views.lockouts, name="security_lockouts"),
    path("security/lockouts/<int:attempt_id>/unlock/", security_views.unlock, name="security_unlock"),
    path("security/users/<int:user_id>/reset-password/", security_views.reset_password,
         name="security_reset_password"),
]
