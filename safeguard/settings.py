"""Django settings for Safeguard.

Configuration comes from the environment so one build serves a laptop try-out (SQLite,
the default) and production (PostgreSQL behind several app processes).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """Production must set SAFEGUARD_SECRET_KEY; a try-out keeps a random local key file."""
    key = os.environ.get("SAFEGUARD_SECRET_KEY")
    if key:
        return key
    key_file = BASE_DIR / ".secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("SAFEGUARD_DEBUG", False)
#: Set to 1 in production: demo-only conveniences (the demo command, `otp_code`, the
#: two-factor bypass) refuse to run.
SAFEGUARD_PRODUCTION = env_bool("SAFEGUARD_PRODUCTION", False)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("SAFEGUARD_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    # Django's admin with a default site that requires a two-factor-verified user and
    # sends sign-in and sign-out through Safeguard's own pages.
    "safeguard.access.signin.apps.VerifiedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    # GOV.UK Design System form markup (error summary, date input, radios) for every form.
    "crispy_forms",
    "crispy_forms_gds",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "safeguard.core",
    "safeguard.access",
    "safeguard.audit",
    "safeguard.workforce",
    "safeguard.people",
    "safeguard.frontdoor",
    "safeguard.earlyhelp",
    "safeguard.cin",
    "safeguard.assessment",
    "safeguard.protection",
    "safeguard.care",
    "safeguard.exploitation",
    "safeguard.partnership",  # LADO (issue 8)
    "safeguard.fostering",  # fostering (issue 8)
    "safeguard.education",  # children out of school (issue 8)
    "safeguard.quality",  # quality assurance (issue 9)
    "safeguard.governance",
    "safeguard.worklists",
    "safeguard.synth",
    "safeguard.performance",
    "safeguard.returns",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy on every response; Cache-Control: no-store for signed-in users.
    "safeguard.access.signin.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Every page but sign-in and public ones needs a two-factor-verified user.
    "safeguard.access.signin.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "safeguard.core.middleware.CurrentActorMiddleware",
    "safeguard.access.middleware.DenyByDefaultMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during sign-in into a response.
    "axes.middleware.AxesMiddleware",
]

# django-axes first so a locked-out account is refused before its password is checked;
# then Django's own (passwords, and the backend that loads the signed-in user: it must be
# the first with `get_user`, which `Client.force_login` picks); then role capabilities and
# `rules` object predicates.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "safeguard.access.backends.RoleCapabilityBackend",
    "rules.permissions.ObjectPermissionBackend",
]

ROOT_URLCONF = "safeguard.urls"
# Browser tests use serialized_rollback to put migration-seeded rows (roles, retention
# rules, school terms, the audit chain head) back after a flush; content types and
# permissions are recreated by the flush itself, so they are left out of that copy.
TEST_NON_SERIALIZED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]
WSGI_APPLICATION = "safeguard.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "safeguard.core.context_processors.service",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("SAFEGUARD_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while a long job (generation, import) writes. Reads
    # through a memory map skip a copy per page: reporting frames read ~15% faster, and
    # each request's fresh connection starts with the operating system's page cache.
    _mmap = int(os.environ.get("SAFEGUARD_SQLITE_MMAP_BYTES", str(1 << 30)))
    DATABASES["default"]["OPTIONS"] = {
        "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        f"PRAGMA mmap_size={_mmap};",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "access.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
CRISPY_ALLOWED_TEMPLATE_PACKS = ("gds",)
CRISPY_TEMPLATE_PACK = "gds"

LOGIN_URL = "access:sign_in"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "access:sign_in"

# Two-factor sign-in (django-otp TOTP, safeguard.access.signin). Every user enters a
# 6-digit code from an authenticator app after their password.
OTP_TOTP_ISSUER = "Safeguard"
#: DEMO ONLY: users with no authenticator app may skip setting one up. A system check
#: (safeguard.E401) refuses to start with it on when SAFEGUARD_PRODUCTION=1, or when
#: DEBUG is off and the database is not SQLite (see safeguard/access/signin/checks.py).
SAFEGUARD_DEMO_SKIP_2FA = env_bool("SAFEGUARD_DEMO_SKIP_2FA", False)

# Lockout (django-axes). 5 failed attempts for one username — wrong passwords and wrong
# codes alike, from any address — lock that username for 30 minutes. Per username, not
# per address: staff share council and partner-agency network addresses, so locking an
# address would lock out whole offices, and guessing spread over many addresses is still
# capped per account. Spraying one password over many usernames from one address is not
# locked per address; it is blunted by the password rules (12+ characters, no common
# passwords) and by the code step, whose failures also count per username. So axes'
# advice to add 'ip_address' (axes.W006) is deliberately silenced. An administrator can
# unlock early with `safeguard axes_reset_username USERNAME`.
AXES_FAILURE_LIMIT = int(os.environ.get("SAFEGUARD_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("SAFEGUARD_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# The cool-off runs from the lockout; attempts during it do not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "safeguard.access.signin.views.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
# The client address (lockout log and audit log) is the TCP peer unless the deployment
# says how many reverse proxies it trusts to set X-Forwarded-For. One function answers
# for both logs (django-ipware, axes' default, is not installed).
SAFEGUARD_TRUSTED_PROXIES = int(os.environ.get("SAFEGUARD_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "safeguard.core.middleware.client_ip"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "build" / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# WhiteNoise serves static files from the app folders directly, so a fresh checkout and the
# tests need no collectstatic step; production may still collect them to STATIC_ROOT.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Security by default. A try-out on http://127.0.0.1 works because browsers treat the
# loopback address as a secure context; production sits behind TLS.
SESSION_COOKIE_SECURE = env_bool("SAFEGUARD_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SAFEGUARD_SECURE_COOKIES", True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Sign-out after 30 minutes without a request: every request moves the expiry on.
SESSION_COOKIE_AGE = int(os.environ.get("SAFEGUARD_SESSION_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A strict Content-Security-Policy: only our own scripts, styles and images; no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_SSL_REDIRECT = env_bool("SAFEGUARD_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SAFEGUARD_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SAFEGUARD_HSTS_INCLUDE_SUBDOMAINS", False)
#: Sent by safeguard.access.signin.middleware.SecurityHeadersMiddleware on every response.
SAFEGUARD_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"
if SECURE_SSL_REDIRECT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Local authority details used by returns and the demo.
SAFEGUARD_LA_CODE = os.environ.get("SAFEGUARD_LA_CODE", "001")
SAFEGUARD_LA_NAME = os.environ.get("SAFEGUARD_LA_NAME", "Wessex Vale County Council")

# Local timescale overrides without a code change: SAFEGUARD_TIMESCALE_OVERRIDES is JSON
# such as {"cin_visit": {"amount": 15}, "cp_visit": {"amount": 2}}.
SAFEGUARD_TIMESCALE_OVERRIDES: dict[str, dict[str, Any]] = {}
_overrides = os.environ.get("SAFEGUARD_TIMESCALE_OVERRIDES")
if _overrides:
    import json

    SAFEGUARD_TIMESCALE_OVERRIDES = json.loads(_overrides)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SAFEGUARD_LOG_LEVEL", "WARNING")},
}
