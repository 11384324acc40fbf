"""All configuration, read from the environment and `.env` (see `.env.example` for every variable)."""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="LOTSE_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    # --- storage -------------------------------------------------------------------------------
    data_dir: Path = Field(Path("./data"), description="Index and database live here.")
    knowledge_dir: Path = Field(Path("./knowledge"), description="The company's documents and rules.")
    database_url: str = Field("", validation_alias=_env("DATABASE_URL", "LOTSE_DATABASE_URL"))

    # --- embeddings and index ------------------------------------------------------------------
    embedding_model: str = Field("", validation_alias=_env("EMBEDDING_MODEL", "LOTSE_EMBEDDING_MODEL"))
    embedding_device: str = Field("cpu", validation_alias=_env("EMBEDDING_DEVICE", "LOTSE_EMBEDDING_DEVICE"))
    chroma_host: str = Field("", validation_alias=_env("CHROMA_HOST", "LOTSE_CHROMA_HOST"))
    chroma_port: int = Field(8000, validation_alias=_env("CHROMA_PORT", "LOTSE_CHROMA_PORT"))
    chunk_max_chars: int = Field(600, ge=120, le=4000)

    # --- behaviour -----------------------------------------------------------------------------
    default_language: str = Field("de", pattern="^(de|en)$")
    log_level: str = Field(
        "INFO",
        validation_alias=_env("LOG_LEVEL", "LOTSE_LOG_LEVEL"),
        description="Level of the log file in the data dir; set explicitly, logs also go to stderr.",
    )
    cli_user: str = Field("", description="Who the terminal user is (default cli:<OS user>).")
    debug: bool = Field(False, description="When true, logs may contain message text.")
    max_question_chars: int = Field(4000, ge=100)
    max_input_chars: int = Field(40_000, ge=1000, description="Longer messages are refused unread.")
    rate_questions_per_minute: int = Field(20, ge=0, description="Per user; 0 = no limit.")
    rate_handoffs_per_hour: int = Field(10, ge=0, description="Per user; 0 = no limit.")
    timezone: str = "Europe/Berlin"

    # --- triage and confidence -----------------------------------------------------------------
    min_confidence: float | None = Field(None, description="Override the calibrated answer threshold.")

    # --- a language model that reads the passages (opt-in; docs/llm.md) ---------------------------------
    llm: str = Field(
        "",
        description="langchain init_chat_model name, e.g. openai:gpt-4o-mini, azure_openai:<deployment>, "
        "ollama:llama3.1. Empty = no model: the extractive answer, offline.",
    )
    llm_base_url: str = Field("", description="Any OpenAI-compatible server (vLLM, llama.cpp, LiteLLM, a proxy).")
    llm_api_key: str = Field("", description="Key for the model; empty = the provider's own variable.")
    llm_timeout_seconds: float = Field(8.0, gt=0, le=120, description="After this, the extractive answer.")
    llm_max_tokens: int = Field(400, ge=32, le=4000, description="Cap on the model's answer.")

    # --- handoffs ------------------------------------------------------------------------------
    contact_ids: dict[str, list[str]] = Field(
        default_factory=dict,
        description='JSON: contact role -> platform user ids, e.g. {"communications": ["U012AB3CD"]}',
    )
    sla_business_hours: float = Field(8.0, gt=0, description="Open handoffs older than this remind.")
    workday_start: int = Field(8, ge=0, le=23)
    workday_end: int = Field(17, ge=1, le=24)
    holiday_region: str = Field("NW", description="German state for public holidays (business hours).")
    retention_days: int = Field(180, ge=1)
    escalation_minutes: float = Field(
        30.0, gt=0, description="An urgent handoff nobody claimed within this time goes on to the next person."
    )
    escalation_repeat_minutes: float = Field(
        120.0,
        gt=0,
        description="When everyone on the way (owner, deputy, lead, fallback) holds an unclaimed urgent handoff, "
        "those present are notified again after this many minutes …",
    )
    escalation_repeats: int = Field(
        2,
        ge=0,
        description="… at most this many times; then the working-hours reminders (SLA) take over.",
    )

    # --- learning from askers (bot/learning/views.py) --------------------------------------------
    learn_confirmations: int = Field(
        2,
        ge=1,
        description='Different people whose "Ja, danke" on a tentative answer make its passage learn their '
        "questions as views (a contact person's approval does it at once).",
    )

    # --- reports -------------------------------------------------------------------------------
    report_channel: str = Field("", description="Slack channel id for the weekly report.")
    report_cron: str = Field("mon 08:00", description="Weekday and time (Europe/Berlin) of the report.")
    report_examples: bool = Field(True, description="Quote question texts as knowledge-gap examples.")
    report_claim_timeout_minutes: int = Field(
        30, ge=1, description="Minutes after which a claimed but unposted report (crashed run) is taken over."
    )

    # --- weekly practice (bot/practice, docs/practice.md) ----------------------------------------
    practice_for_everyone: bool | None = Field(
        None,
        description="true: everyone gets the weekly practice unless they opt out; false: only who opts in; "
        "empty: knowledge/company.yaml `practice: {for_everyone: …}` decides (default: opt-in).",
    )
    practice_cron: str = Field("tue 10:00", description="Weekday and time (Europe/Berlin) of the weekly practice.")
    practice_min_answers: int = Field(5, ge=1, description="A topic shows in the report from this many answers on.")

    # --- Slack ---------------------------------------------------------------------------------
    slack_bot_token: str = Field("", validation_alias=_env("SLACK_BOT_TOKEN"))
    slack_signing_secret: str = Field("", validation_alias=_env("SLACK_SIGNING_SECRET"))
    slack_app_token: str = Field("", validation_alias=_env("SLACK_APP_TOKEN"))
    slack_api_url: str = Field("https://slack.com/api/", validation_alias=_env("SLACK_API_URL"))
    port: int = Field(3000, validation_alias=_env("PORT", "LOTSE_PORT"))

    # --- serving (bot/server, bot/inbox) --------------------------------------------------------
    host: str = Field("0.0.0.0", description="Address `lotse serve` listens on.")
    max_body_bytes: int = Field(1_000_000, ge=1024, description="Larger request bodies are refused (413).")
    inbox_workers: int = Field(4, ge=1, le=64, description="Threads working off the durable inbox.")
    lease_seconds: float = Field(
        15.0,
        gt=0,
        description="How long a worker owns an inbox item or outbox message without renewing it; a live worker "
        "renews it every third of this, so after a crash another worker takes over within this long.",
    )
    lease_max_hold_seconds: float = Field(
        300.0,
        gt=0,
        description="How long one item's lease is renewed at most; a worker stuck longer loses it to another.",
    )
    outbox_max_attempts: int = Field(8, ge=1, description="Sends of a notification before it is marked failed.")
    outbox_backoff_seconds: float = Field(5.0, gt=0, description="Wait before the first retry; doubles each time.")
    knowledge_watch_seconds: float = Field(
        30.0, gt=0, description="How often `lotse serve` looks for changed documents in the knowledge folder."
    )
    test_block_at: str = Field(
        "",
        description="TEST ONLY: comma-separated checkpoint names at which the "
        "process stops and blocks (crash tests kill it there). Never set in production.",
    )

    # --- Microsoft Teams -----------------------------------------------------------------------
    teams_client_id: str = Field(
        "",
        validation_alias=_env("TEAMS_CLIENT_ID"),
        description="The bot's Microsoft App ID (Azure Bot / Teams Developer Portal).",
    )
    teams_client_secret: str = Field("", validation_alias=_env("TEAMS_CLIENT_SECRET"))
    teams_tenant_id: str = Field("", validation_alias=_env("TEAMS_TENANT_ID"), description="Single-tenant bots.")
    teams_port: int = Field(
        3978,
        validation_alias=_env("TEAMS_PORT", "LOTSE_TEAMS_PORT"),
        description="Port of /api/messages when Teams is served on its own.",
    )
    teams_openid_metadata_url: str = Field(
        "",
        validation_alias=_env("TEAMS_OPENID_METADATA_URL"),
        description="Bot Framework OpenID metadata (empty = Microsoft's public cloud); the JWKS is its /keys.",
    )
    teams_service_url: str = Field(
        "",
        validation_alias=_env("TEAMS_SERVICE_URL"),
        description="serviceUrl for writing first before any activity from the tenant was seen (empty = wait).",
    )
    teams_report_conversation: str = Field(
        "",
        validation_alias=_env("TEAMS_REPORT_CONVERSATION"),
        description="Teams channel conversation id for the weekly report (empty = the channel Lotse was installed in).",
    )

    @field_validator("contact_ids", mode="before")
    @classmethod
    def _parse_contacts(cls, value: object) -> object:
        if isinstance(value, str):
            return json.loads(value) if value.strip() else {}
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _slash(cls, value: str) -> str:
        return value if value.endswith("/") else value + "/"

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'lotse.db').resolve()}"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm.strip())

    @property
    def slack_enabled(self) -> bool:
        return bool(self.slack_bot_token and (self.slack_signing_secret or self.slack_app_token))

    @property
    def teams_enabled(self) -> bool:
        return bool(self.teams_client_id and self.teams_client_secret)

    def ensure_dirs(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.index_dir.mkdir(parents=True, exist_ok=True)


def load_settings(**overrides: object) -> Settings:
    return Settings(**overrides)  # type: ignore[arg-type]
