"""One settings module, driven by environment variables (see docs/operations.md)."""

import base64
import datetime
import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("TICMS_DATA_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)


def required_key(name: str, development_value: str, what_zh: str, make: str) -> str:
    """A secret from the environment; without one, the development value on a developer's machine (DEBUG on) and a
    refusal to start everywhere else: a key written in the source code is known to everyone who reads it."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if DEBUG:
        return development_value
    raise ImproperlyConfigured(
        f"未设置 {name}：生产环境（DEBUG 关闭）必须在环境变量 {name} 中提供{what_zh}。可用 python -c \"{make}\" 生成。"
        f" / {name} is not set: with DEBUG off ticms refuses to start without it. See docs/operations.md."
    )


DEVELOPMENT_SECRET_KEY = "ticms-insecure-development-key-set-SECRET_KEY-in-production"
SECRET_KEY = required_key(
    "SECRET_KEY", DEVELOPMENT_SECRET_KEY,
    "随机密钥，否则任何人都能伪造登录会话", "import secrets; print(secrets.token_urlsafe(50))")
# Personal data (phones, e-mail addresses) is sealed with SM4 under this key (ticms.crypto; docs/security.md).
DEVELOPMENT_DATA_KEY = "dGljbXMtZGV2LW9ubHkhIQ=="
TICMS_DATA_KEY = required_key(
    "TICMS_DATA_KEY", DEVELOPMENT_DATA_KEY, " SM4 数据密钥（16 字节随机数的 base64），用于加密存储电话、邮箱等个人信息",
    "import base64, secrets; print(base64.b64encode(secrets.token_bytes(16)).decode())")
try:
    # A wrong key must stop the start, not fail on the first phone number read or written.
    _key_ok = len(base64.b64decode(TICMS_DATA_KEY, validate=True)) == 16
except ValueError:
    _key_ok = False
if not _key_ok:
    raise ImproperlyConfigured("TICMS_DATA_KEY 须为16字节随机数的 base64（24个字符）。 / TICMS_DATA_KEY must be the "
                               "base64 of 16 random bytes.")
# Keys of before a rotation, kept until `ticms rotate-data-key` has re-sealed every value with the current one.
TICMS_DATA_KEYS_OLD = env_list("TICMS_DATA_KEYS_OLD")
# Backups are sealed with this key when set (kept apart from the data key), else with TICMS_DATA_KEY.
TICMS_BACKUP_KEY = os.environ.get("TICMS_BACKUP_KEY", "").strip()
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

TICMS_TASK_BACKEND = os.environ.get("TICMS_TASK_BACKEND", "database").strip() or "database"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_filters",  # the lists' filters (ticms.web.lists); its widgets' templates
    # Before ticms.accounts/audit: axes counts a failure first, then our receivers read its count.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # django-simple-captcha, with Pillow loaded only when an image is drawn (issue 15)
    "ticms.accounts.captcha.CaptchaConfig",
    # The task queue (Django's tasks framework, backported): the database backend by default, Redis by setting.
    "django_tasks",
    "django_tasks_db",
    # django-rq (the `rqworker` that `ticms worker` runs on Redis) only with the Redis backend: loading it imports
    # rq and redis, some 15 MB in every web worker that a database queue never uses (issue 15).
    *(["django_rq"] if TICMS_TASK_BACKEND == "redis" else []),
    "ticms.accounts",
    "ticms.audit",
    "ticms.policy",
    "ticms.workflow",
    # Business apps, in the order their demo data builds on each other (see ticms/ops/demo.py).
    "ticms.calls",
    "ticms.applications",
    "ticms.reviews",
    "ticms.notices",
    "ticms.centers",
    "ticms.evaluations",
    "ticms.imports",
    "ticms.documents",
    "ticms.notifications",
    "ticms.web",
    "ticms.ops",
]

MIDDLEWARE = [
    # First: an oversized body is refused before anything reads it (ticms.web.security).
    "ticms.web.security.RequestSizeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CSP, Permissions-Policy, no-store on signed-in pages and the API.
    "ticms.web.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # NUL characters in a query, form or JSON body: 400 before a view or the database sees them.
    "ticms.web.security.InputValidationMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ended sessions, second factor, forced password change (ticms.accounts.gate).
    "ticms.accounts.gate.AccountGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ticms.urls"
WSGI_APPLICATION = "ticms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Before the apps' own: ticms/templates/admin overrides Django admin templates (admin is the first app).
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The site footer (TICMS_SITE_* below).
                "ticms.web.context.site",
                # The portal's navigation and the back office's sidebar and breadcrumbs (ticms.web.menu).
                "ticms.web.menu.sidebar",
            ],
            # {% documents_block record %} on every record page without a {% load %} line in each app,
            # and the ticms filters, which `{% extends user|layout_for:"bureau_officer" %}` needs before any load.
            "builtins": ["ticms.documents.templatetags.documents", "ticms.web.templatetags.ticms"],
        },
    },
    {
        # The list component and the rows of every list, drawn with {% jinja %} from Django pages: a list page's
        # rows cost a fifth of what they cost in Django's engine (ticms.web.jinja explains the split).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {"environment": "ticms.web.jinja.environment"},
    },
]

# Widgets drawn from Django's Jinja2 widget templates, twice as fast as its own engine (ticms.web.form_renderer).
FORM_RENDERER = "ticms.web.form_renderer.FormRenderer"

DATABASE_URL = os.environ.get("DATABASE_URL", "")
# Read whatever the database: on SQLite the pool is not used, and `ticms check` says so (ticms.ops.checks).
TICMS_DB_POOL = env_bool("TICMS_DB_POOL", False)
TICMS_DB_POOL_MIN_SIZE = int(os.environ.get("TICMS_DB_POOL_MIN_SIZE", "1"))
TICMS_DB_POOL_MAX_SIZE = int(os.environ.get("TICMS_DB_POOL_MAX_SIZE", "4"))
if DATABASE_URL:
    # Each gunicorn worker keeps its connection this many seconds (0: one per request); with N servers × W workers
    # × T threads, PostgreSQL's max_connections must exceed the product (docs/operations.md).
    DATABASES = {"default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=int(os.environ.get("TICMS_CONN_MAX_AGE", "60")), conn_health_checks=True)}
    if TICMS_DB_POOL and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Each worker process keeps a psycopg pool of min..max open connections that its threads share and that
        # outlive requests; Django requires CONN_MAX_AGE 0 with a pool, so TICMS_CONN_MAX_AGE is then not used.
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": TICMS_DB_POOL_MIN_SIZE, "max_size": max(TICMS_DB_POOL_MIN_SIZE, TICMS_DB_POOL_MAX_SIZE)}
    if os.environ.get("TEST_DATABASE_NAME"):
        DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(DATA_DIR / "ticms.sqlite3")),
            "OPTIONS": {
                # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at
                # BEGIN so two transitions of the same record serialise instead of both reading
                # the old state (SQLite ignores SELECT ... FOR UPDATE).
                "init_command": "PRAGMA journal_mode=wal; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # A file, not shared-cache memory: shared cache locks whole tables and fails at once
            # ("table is locked") where a file database waits, as production does.
            # One file per test process, so suites run side by side (and xdist workers) never share one.
            "TEST": {"NAME": os.environ.get("TEST_DATABASE_NAME", str(DATA_DIR / f"test-{os.getpid()}.sqlite3"))},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account or address is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "ticms.accounts.passwords.CharacterClassValidator"},
    {"NAME": "ticms.accounts.passwords.NotUsernameValidator"},
    {"NAME": "ticms.accounts.passwords.HistoryValidator"},
]
# Identification and authentication (GB/T 22239-2019 8.1.4.1; docs/security.md). A deployment decides the
# password age; 0 turns expiry off.
TICMS_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("TICMS_PASSWORD_MAX_AGE_DAYS", 90))
# Roles that must sign in with a second factor (TOTP, or a recovery code).
TICMS_2FA_ROLES = ["bureau_officer", "system_admin", "security_admin", "audit_admin"]
# One session per user: a new sign-in ends the older one (which is told why on the sign-in page).
TICMS_SINGLE_SESSION = env_bool("TICMS_SINGLE_SESSION", True)
TICMS_API_TOKEN_MAX_DAYS = 180
# django-axes: 5 failures lock the account, and separately the address, for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# A fixed window: attempts during a lockout neither extend it nor are counted (nor audited) again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "ticms.audit.signals.client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# The captcha shown after two failed sign-ins is drawn by Pillow on this server (no third-party service).
CAPTCHA_AFTER_FAILURES = 2
CAPTCHA_LENGTH = 4
CAPTCHA_TIMEOUT = 5
OTP_TOTP_ISSUER = "ticms"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench"
LOGOUT_REDIRECT_URL = "home"

# Simplified Chinese only: the users are Chinese public servants. Django's own messages (form errors, admin) come
# from its zh_Hans catalogue; ours are written in Chinese where they are used.
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# A cache shared by every application server (TICMS_CACHE_URL=redis://host:6379/1), else each process its own.
if os.environ.get("TICMS_CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ["TICMS_CACHE_URL"], "KEY_PREFIX": "ticms"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", PROJECT_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: attachments go through a scoped view
# Uploads: under MEDIA_ROOT, or in an S3-compatible object store (MinIO, a cloud's OSS/COS) that several app
# servers share (docs/operations.md). Keys left empty fall back to boto3's own (AWS_ACCESS_KEY_ID, …).
if os.environ.get("TICMS_S3_BUCKET"):
    _UPLOADS = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": os.environ["TICMS_S3_BUCKET"],
        "endpoint_url": os.environ.get("TICMS_S3_ENDPOINT") or None,
        "region_name": os.environ.get("TICMS_S3_REGION") or None,
        "access_key": os.environ.get("TICMS_S3_ACCESS_KEY") or None,
        "secret_key": os.environ.get("TICMS_S3_SECRET_KEY") or None,
        "location": os.environ.get("TICMS_S3_PREFIX", ""),
        # Objects are never public: every download goes through a view that checks scope.
        "default_acl": None, "querystring_auth": True,
        # As the filesystem does: a name already taken gets another, never overwrites.
        "file_overwrite": False,
        "addressing_style": os.environ.get("TICMS_S3_ADDRESSING", "path"),
    }}
else:
    _UPLOADS = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Static files under content-hashed names (collectstatic writes them and staticfiles.json), which whitenoise serves
# with `Cache-Control: max-age=315360000, public, immutable`: a browser fetches the styles and scripts once per
# release (issue 15). A server with DEBUG off therefore needs `ticms collectstatic` before it serves pages.
STORAGES = {
    "default": _UPLOADS,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

# Uploads: one attachment may be at most this large; larger requests are refused with a clear message.
TICMS_MAX_UPLOAD_BYTES = int(os.environ.get("TICMS_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
# Bodies other than file parts (forms, JSON) are held in memory: 2 MB is far above any form of ticms.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Writes an uploaded file to disk only up to TICMS_MAX_UPLOAD_BYTES (ticms.documents.uploads).
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "ticms.documents.uploads.LimitedUploadHandler",
]
# An office file is unpacked to check it (ticms.documents.uploads.check_office_package): at most this many
# entries and this many bytes uncompressed, so a zip bomb is refused before it is stored.
TICMS_OFFICE_MAX_ENTRIES = 5000
TICMS_OFFICE_MAX_UNCOMPRESSED_BYTES = int(os.environ.get("TICMS_OFFICE_MAX_UNCOMPRESSED_BYTES", 200 * 1024 * 1024))

# The policy file of this jurisdiction (the measures as code).
TICMS_POLICY_FILE = os.environ.get("TICMS_POLICY_FILE", str(PROJECT_DIR / "policies" / "shuozhou.yaml"))

# --- Messages and the task queue (docs/operations.md "Worker, messages and channels") ---------------------------
# TICMS_TASK_BACKEND (read above INSTALLED_APPS): "database" (embedded default: the queue is a table, worked by
# `ticms worker`), "redis" (RQ on TICMS_REDIS_URL, for several machines) or "immediate" (runs each task in the
# request; only for debugging).
TICMS_REDIS_URL = os.environ.get("TICMS_REDIS_URL", "redis://127.0.0.1:6379/0")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "redis": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TICMS_TASK_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TICMS_TASK_BACKEND 须为 {', '.join(_TASK_BACKENDS)} 之一 / TICMS_TASK_BACKEND must be one of "
        f"{', '.join(_TASK_BACKENDS)}, not {TICMS_TASK_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TICMS_TASK_BACKEND], "QUEUES": ["default"]}}
RQ_QUEUES = {"default": {"URL": TICMS_REDIS_URL, "DEFAULT_TIMEOUT": 300}}

# E-mail: SMTP from the environment. EMAIL_BACKEND may be "smtp" (default), "console", "file" (one file per message
# in EMAIL_FILE_PATH, what `make run` uses) or a dotted path.
_EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
EMAIL_BACKEND = _EMAIL_BACKENDS.get(os.environ.get("EMAIL_BACKEND", "smtp"), os.environ.get("EMAIL_BACKEND", ""))
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 20))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ticms@localhost")
# SMS: "log" (default: writes each message to the log, sends nothing) or "http" (one JSON POST per message to
# TICMS_SMS_URL with the bearer token TICMS_SMS_TOKEN; see ticms.notifications.sms).
TICMS_SMS_BACKEND = os.environ.get("TICMS_SMS_BACKEND", "log")
TICMS_SMS_URL = os.environ.get("TICMS_SMS_URL", "")
TICMS_SMS_TOKEN = os.environ.get("TICMS_SMS_TOKEN", "")
TICMS_SMS_SIGNATURE = os.environ.get("TICMS_SMS_SIGNATURE", "朔州市科技局")
# The address links in e-mails and SMS point at (the site as users reach it).
TICMS_SITE_URL = os.environ.get("TICMS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The footer on every page (ticms.web.context): sponsor, ICP filing number, government website identifier,
# contact. An empty value is left out of the footer.
TICMS_SITE_SPONSOR = os.environ.get("TICMS_SITE_SPONSOR", "朔州市科学技术局")
TICMS_SITE_ICP = os.environ.get("TICMS_SITE_ICP", "")
TICMS_SITE_ID = os.environ.get("TICMS_SITE_ID", "")
TICMS_SITE_CONTACT = os.environ.get("TICMS_SITE_CONTACT", "")

SESSION_COOKIE_HTTPONLY = True
# Idle timeout: a session ends 30 minutes after its last request. ticms.accounts.gate saves the session (moving
# the deadline) at most once a minute rather than on every request (SESSION_SAVE_EVERY_REQUEST).
SESSION_COOKIE_AGE = 30 * 60
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "ticms.web.error_pages.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True

# HTTPS (docs/operations.md): TICMS_HTTPS=1 turns every HTTPS setting on; each can be set on its own too.
HTTPS = env_bool("TICMS_HTTPS", False)
SECURE_SSL_REDIRECT = env_bool("TICMS_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = env_bool("TICMS_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("TICMS_HSTS_SECONDS") or (31536000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("TICMS_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("TICMS_HSTS_PRELOAD", HTTPS)
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto itself (never passes a client's through).
if env_bool("TICMS_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The reverse proxies whose X-Forwarded-For is believed (IPs or CIDRs); see ticms.audit.signals.client_ip.
TICMS_TRUSTED_PROXIES = env_list("TICMS_TRUSTED_PROXIES")
for _proxy in TICMS_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TICMS_TRUSTED_PROXIES 中的“{_proxy}”不是 IP 地址或网段（如 10.0.0.5 或 10.0.0.0/24）。"
            f" / TICMS_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network."
        ) from None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
