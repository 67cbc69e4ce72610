"""Sign-in forms with GOV.UK error messages.

The password form says the same thing for an unknown username, a wrong password, an
inactive account and a locked account, so nobody can learn which usernames exist.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest

WRONG_DETAILS = "The username or password is not right"
WRONG_CODE = "The code is not right or has expired"
CODE_DIGITS = 6


class SignInForm(forms.Form):
    username = forms.CharField(
        label="Username",
        max_length=150,
        strip=True,
        error_messages={"required": "Enter your username"},
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput,
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: Any = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        username, password = cleaned.get("username"), cleaned.get("password")
        if username and password:
            # django-axes (first backend) refuses a locked username before the password
            # is checked, and counts this attempt if it fails.
            self.user = authenticate(self.request, username=username, password=password)
            if self.user is None:
                raise forms.ValidationError(WRONG_DETAILS, code="invalid_login")
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=20,
        help_text="The 6-digit code shown in the app, for example 123456.",
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(rf"\d{{{CODE_DIGITS}}}", code):
            raise forms.ValidationError("Enter the code as 6 digits, for example 123456")
        return code
