"""Civicdesk settings, driven by the environment.

| variable | meaning | default |
|---|---|---|
| `DATABASE_URL` | database (`postgres://user:pass@host:5432/name`) | SQLite in the data dir |
| `CIVICDESK_DATA_DIR` | where the SQLite database, generated keys and exports live | `./var` |
| `CIVICDESK_SECRET_KEY` | Django's secret key | generated once into the data dir |
| `CIVICDESK_ENCRYPTION_KEY` | Fernet keys for channel logins, comma-separated, newest first |
  generated once |
| `CIVICDESK_DEBUG` | `1` turns on debug pages (never in production) | off |
| `CIVICDESK_ALLOWED_HOSTS` | comma-separated host names | `127.0.0.1,localhost` |
| `CIVICDESK_LOG_LEVEL` | log level | `INFO` |
"""

import os
from pathlib import Path

import dj_database_url

from civicdesk.secrets import generate_fernet_key, generate_secret_key, read_or_create_secret

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("CIVICDESK_DATA_DIR") or Path.cwd() / "var").resolve()


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = _env_flag("CIVICDESK_DEBUG")
SECRET_KEY = read_or_create_secret(
    "CIVICDESK_SECRET_KEY", DATA_DIR, "secret_key", generate_secret_key
)
CIVICDESK_ENCRYPTION_KEYS = _env_list(
    "CIVICDESK_ENCRYPTION_KEY",
    read_or_create_secret(
        "CIVICDESK_ENCRYPTION_KEY", DATA_DIR, "encryption_key", generate_fernet_key
    ),
)
ALLOWED_HOSTS = _env_list("CIVICDESK_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "civicdesk.core",
    "civicdesk.organisations",
    "civicdesk.registry",
    "civicdesk.policy",
    "civicdesk.moderation",
    "civicdesk.inbox",
    "civicdesk.records",
    "civicdesk.web",
    "civicdesk.api",
    "civicdesk.demo",
    "axes",  # web (issue 6): login throttling
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "civicdesk.web.middleware.OrganisationLanguageMiddleware",  # web (issue 6)
    "civicdesk.web.middleware.ContentSecurityPolicyMiddleware",  # web (issue 6)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # web (issue 6): login throttling, last
]

ROOT_URLCONF = "civicdesk.urls"
WSGI_APPLICATION = "civicdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "civicdesk.web.context.web",  # web (issue 6)
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'civicdesk.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE avoids
    # "database is locked" upgrades from read to write locks mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("sv", "Svenska"),
    ("nb", "Norsk bokmål"),
    ("nn", "Norsk nynorsk"),
    ("da", "Dansk"),
    ("nl", "Nederlands"),
]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "web:login"  # web (issue 6)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

TASKS = {
    "default": {
        "BACKEND": os.environ.get("CIVICDESK_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CIVICDESK_LOG_LEVEL", "INFO")},
    # django-axes announces itself on every start; commands' stderr is for their own messages.
    "loggers": {"axes": {"level": "WARNING"}},
}

# Size limits for hostile input (bytes / counts).
CIVICDESK_MAX_POLICY_PACK_BYTES = 1_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Tasks that book their own next run; `civicdesk serve` books the first run of each.
CIVICDESK_RECURRING_TASKS = [
    "civicdesk.registry.tasks.check_register_daily",
    "civicdesk.inbox.tasks.check_overdue",
    "civicdesk.records.tasks.cull_daily",
    "civicdesk.records.tasks.snapshot_daily",
]

CIVICDESK_FAULT_REPORT_BACKEND = os.environ.get(
    "CIVICDESK_FAULT_REPORT_BACKEND", "civicdesk.inbox.work.EmailFaultReports"
)
EMAIL_BACKEND = os.environ.get(
    "CIVICDESK_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("CIVICDESK_FROM_EMAIL", "civicdesk@localhost")

# web (issue 6): the staff web application — login throttling, languages, CSP, static vendor files.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
LOGIN_REDIRECT_URL = "web:inbox"
LOGOUT_REDIRECT_URL = "web:login"
LOCALE_PATHS = [BASE_DIR / "locale"]
CIVICDESK_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Django Ninja's docs page loads Swagger UI from a CDN with an inline script.
CIVICDESK_CSP_EXEMPT_PATHS = ["/api/docs"]
# Front-end libraries come from the npm registry at install time (`npm install --prefix .venv/npm`).
CIVICDESK_NPM_DIR = Path(
    os.environ.get("CIVICDESK_NPM_DIR") or BASE_DIR.parents[1] / ".venv" / "npm" / "node_modules"
)
STATICFILES_DIRS = [
    (f"vendor/{name}", CIVICDESK_NPM_DIR / name / "dist")
    for name in ["htmx.org"]
    if (CIVICDESK_NPM_DIR / name / "dist").is_dir()
]
