"""The hooks a clive-rules plugin can implement.

A plugin is a module or object with functions named after these hooks, marked with
:data:`clive_rules.hookimpl`, and registered through the ``clive_rules`` entry-point group::

    # pyproject.toml of your plugin
    [project.entry-points.clive_rules]
    my_plugin = "my_package.plugin"

Built-in rules are plugins of exactly this kind (see ``DEFAULT_PLUGINS`` in
:mod:`clive_rules.plugins`). Only :class:`clive_rules.plugins.PluginManager` calls these hooks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from clive_rules.city.inventory import Account, AccountSettings
    from clive_rules.config import Config
    from clive_rules.connectors import Connector
    from clive_rules.content import Content
    from clive_rules.rules import Rule
    from clive_rules.verdict import Verdict

__all__ = ["PROJECT", "hookimpl", "hookspec"]

PROJECT = "clive_rules"
"""The pluggy project name and the entry-point group plugins are found through."""

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
"""Marks a plugin's hook implementations."""


@hookspec
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:  # type: ignore[empty-body]
    """Declare configuration sections and their defaults.

    Return ``{section: {key: default}}``. A configuration file may set only declared keys, to a
    value of the default's type. Sections of different plugins must not overlap.

    Called for every plugin (not ``firstresult``); not ``historic``: it runs when an engine is
    built, after all plugins are registered.

    .. versionadded:: 0.1
    """


@hookspec(historic=True)
def clive_configure(config: Config) -> None:
    """Called once with the loaded configuration, before any rule is asked for.

    ``historic``: a plugin registered after the engine was configured is still called with the
    configuration when it registers. Not ``firstresult``: every plugin is told.

    :param config: the loaded, validated configuration.

    .. versionadded:: 0.1
    """


@hookspec
def clive_register_rules(config: Config) -> Iterable[Rule]:  # type: ignore[empty-body]
    """Return the rules this plugin provides, built from the configuration.

    Every rule must cite at least one clause of the policy; a rule that cites none, or a clause
    the policy lacks, is refused with an error naming the plugin and the rule.

    Called for every plugin (not ``firstresult``): the engine uses the rules of all plugins.
    Not ``historic``: it runs when an engine is built, after all plugins are registered.

    :param config: the loaded configuration.

    .. versionadded:: 0.1
    """


@hookspec
def clive_verdict(content: Content, verdict: Verdict) -> None:
    """Observe a verdict: for logging, metrics or alerts. The return value is ignored.

    Called for every plugin after each evaluation (not ``firstresult``, not ``historic``). A
    plugin that raises here is reported by name and the evaluation goes on.

    :param content: the evaluated item.
    :param verdict: the verdict on it.

    .. versionadded:: 0.1
    """


@hookspec
def clive_register_connectors(config: Config) -> Iterable[Connector]:  # type: ignore[empty-body]
    """Return the platform connectors this plugin provides, built from the configuration.

    A connector turns one platform's payloads into :class:`~clive_rules.content.Content` and a
    verdict's actions into that platform's API requests (see :mod:`clive_rules.connectors`).
    Each platform has one connector: a second connector claiming a platform that another plugin
    already provides is refused with an error naming both plugins.

    Called for every plugin (not ``firstresult``); not ``historic``: it runs when the connectors
    are asked for (``clive-rules scan --platform``, ``clive-rules serve``), after all plugins are
    registered.

    :param config: the loaded configuration (a plugin reads its own section).

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def clive_webhook_secret(platform: str, kind: str, config: Config) -> str | None:
    """Supply a webhook secret for a platform, e.g. from a vault; ``None`` to pass.

    ``firstresult``: the first plugin that returns a value other than ``None`` wins and the others
    are not asked; when none answers, the connector's own setting (its configuration section or
    its environment variable) is used. Not ``historic``.

    :param platform: the connector's platform name, e.g. ``"facebook"``.
    :param kind: ``"app_secret"`` (the key that signs deliveries, e.g. Meta's
        ``X-Hub-Signature-256``) or ``"verify_token"`` (the token of a subscription handshake).
    :param config: the loaded configuration.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def clive_account_settings(
    account: Account, config: Config
) -> AccountSettings | Mapping[str, Any] | None:
    """Report a city account's live settings, for ``clive-rules audit``; ``None`` to pass.

    A platform plugin looks the account up (usually only when ``account.platform`` is its own)
    and returns an :class:`~clive_rules.city.inventory.AccountSettings`, or a mapping with the
    same keys (``visibility``, ``logo``, ``recent_posts``). The audit prefers these facts to the
    inventory's: a live ``visibility`` decides 12.3.D, live post dates count towards the
    twice-a-week monitoring of 12.3.I.

    ``firstresult``: the first plugin that returns something other than ``None`` answers for the
    account; a plugin that raises is reported by name and the next is asked. Not ``historic``.

    :param account: the account as the inventory records it
        (:class:`~clive_rules.city.inventory.Account`: ``id``, ``platform``, ``handle``,
        ``url``, ``department``, ...).
    :param config: the loaded configuration (a plugin reads its own section).

    .. versionadded:: 0.1
    """
