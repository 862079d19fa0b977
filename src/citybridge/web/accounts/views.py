"""Log in (rate-limited), log out, change password."""

from __future__ import annotations

from django.contrib.auth import views as auth
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from citybridge.web.accounts import ratelimit
from citybridge.web.accounts.access import public, signed_in


class LoginView(auth.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if ratelimit.blocked(request, username):
            message = _("Too many failed attempts. Wait 15 minutes, or ask an administrator to reset your password.")
            return render(request, "registration/login.html", {"form": self.get_form(), "blocked": message}, status=429)
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:
            ratelimit.succeeded(request, username)
        else:
            ratelimit.failed(request, username)
        return response


login = public(LoginView.as_view())
logout = public(auth.LogoutView.as_view())
password_change = signed_in(
    auth.PasswordChangeView.as_view(
        template_name="registration/password_change.html",
        success_url=reverse_lazy("accounts:password_change_done"),
    )
)
password_change_done = signed_in(
    auth.PasswordChangeDoneView.as_view(template_name="registration/password_change_done.html")
)
