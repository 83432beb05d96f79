"""The plugin manager: the one place that calls the hooks of :mod:`clive_rules.hookspecs`.

Built-in rules are plugins of the same kind third parties write: the modules listed in
:data:`DEFAULT_PLUGINS` are registered the way entry-point plugins are. Two environment variables
control loading:

``CLIVE_RULES_BLOCK_PLUGINS``
    comma-separated plugin names not to load (built-in names are the module paths, entry-point
    plugins the entry point's name).
``CLIVE_RULES_TRACE``
    set to ``1`` to print every hook call and its result on standard error.

A plugin that raises in a hook is reported, by name, in :attr:`PluginManager.problems` and through
:mod:`logging`; the engine goes on without it.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from clive_rules import hookspecs
from clive_rules.errors import PluginError

if TYPE_CHECKING:
    from clive_rules.city.inventory import Account, AccountSettings
    from clive_rules.config import Config
    from clive_rules.connectors import Connector
    from clive_rules.content import Content
    from clive_rules.rules import Rule
    from clive_rules.verdict import Verdict

__all__ = ["BLOCK_ENV", "DEFAULT_PLUGINS", "TRACE_ENV", "PluginManager"]

log = logging.getLogger("clive_rules.plugins")

BLOCK_ENV = "CLIVE_RULES_BLOCK_PLUGINS"
"""Environment variable naming plugins not to load."""
TRACE_ENV = "CLIVE_RULES_TRACE"
"""Environment variable that turns on tracing of hook calls."""

DEFAULT_PLUGINS: tuple[str, ...] = (
    "clive_rules.rules.profanity",
    "clive_rules.rules.discrimination",
    "clive_rules.rules.harassment",
    "clive_rules.rules.safety",
    "clive_rules.rules.illegal",
    "clive_rules.rules.false_statements",
    "clive_rules.rules.chat",
    "clive_rules.rules.solicitation",
    "clive_rules.rules.personal_info",
    "clive_rules.rules.topics",
    "clive_rules.records.plugin",
    "clive_rules.city.plugin",
)
"""The built-in plugins, registered like any entry-point plugin."""


@attrs.define
class PluginManager:
    """A typed facade over :class:`pluggy.PluginManager`: one method per hook.

    Use :meth:`create` to get one with the built-in and installed plugins; construct it directly
    (``PluginManager()``) for an empty, isolated one, e.g. in tests.
    """

    _pm: pluggy.PluginManager = attrs.field(factory=lambda: PluginManager._new_pm(), alias="pm")
    problems: list[PluginError] = attrs.field(factory=list)
    _trace: bool = attrs.field(default=False, alias="trace")

    @staticmethod
    def _new_pm() -> pluggy.PluginManager:
        pm = pluggy.PluginManager(hookspecs.PROJECT)
        pm.add_hookspecs(hookspecs)
        return pm

    @classmethod
    def create(
        cls,
        *,
        builtins: bool = True,
        entrypoints: bool = True,
        plugins: Sequence[object] = (),
        environ: Mapping[str, str] | None = None,
    ) -> PluginManager:
        """A manager with the built-in plugins, the installed ones, and ``plugins``.

        :param builtins: register :data:`DEFAULT_PLUGINS`.
        :param entrypoints: load plugins installed under the ``clive_rules`` entry-point group.
        :param plugins: more plugin objects or modules to register.
        :param environ: where to read :data:`BLOCK_ENV` and :data:`TRACE_ENV` (``os.environ``).
        """
        env = os.environ if environ is None else environ
        manager = cls(trace=env.get(TRACE_ENV, "").strip() not in ("", "0"))
        blocked = {n.strip() for n in env.get(BLOCK_ENV, "").split(",") if n.strip()}
        for name in blocked:
            manager._pm.set_blocked(name)
        if manager._trace:
            manager._pm.trace.root.setwriter(lambda line: print(line, end="", file=sys.stderr))
            manager._pm.enable_tracing()
        if builtins:
            for name in DEFAULT_PLUGINS:
                if name not in blocked:
                    manager.register(importlib.import_module(name), name=name)
        if entrypoints:
            try:
                manager._pm.load_setuptools_entrypoints(hookspecs.PROJECT)
            except Exception as exc:  # a broken installed plugin must not stop the engine
                manager._report(getattr(exc, "plugin_name", "<entry point>"), exc)
        for plugin in plugins:
            manager.register(plugin)
        return manager

    def register(self, plugin: object, name: str | None = None) -> str:
        """Register a plugin; returns its name. A malformed plugin raises :class:`PluginError`."""
        label = name or getattr(plugin, "__name__", None) or type(plugin).__name__
        if name is None and not hasattr(plugin, "__name__") and not self._pm.has_plugin(label):
            name = label  # an instance: report it by its class, not by pluggy's id() default
        try:
            registered = self._pm.register(plugin, name=name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            raise PluginError(label, str(exc)) from None
        return registered or label

    def names(self) -> list[str]:
        """The names of the registered plugins."""
        return [name for name, plugin in self._pm.list_name_plugin() if plugin is not None]

    def _report(self, plugin: str, exc: BaseException) -> None:
        problem = PluginError(plugin, f"{type(exc).__name__}: {exc}")
        self.problems.append(problem)
        log.error("%s", problem)

    def _each(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call every implementation of a hook on its own; a failing one is reported, skipped."""
        hook = getattr(self._pm.hook, hook_name)
        results: list[tuple[str, Any]] = []
        for impl in reversed(hook.get_hookimpls()):
            args = [kwargs[name] for name in impl.argnames]
            try:
                result = impl.function(*args)
            except Exception as exc:
                self._report(impl.plugin_name, exc)
                continue
            if self._trace:
                print(f"clive_rules: {hook_name} [{impl.plugin_name}] -> {result!r}",
                      file=sys.stderr)
            if result is not None:
                results.append((impl.plugin_name, result))
        return results

    def config_defaults(self) -> dict[str, dict[str, Any]]:
        """Every plugin's configuration defaults, merged; overlapping sections are refused."""
        merged: dict[str, dict[str, Any]] = {}
        owner: dict[str, str] = {}
        for plugin, sections in self._each("clive_config_defaults"):
            if not isinstance(sections, Mapping):
                self._report(plugin, TypeError("clive_config_defaults must return a mapping"))
                continue
            for section, values in sections.items():
                if section in merged:
                    raise PluginError(
                        plugin, f"configuration section {section!r} is already declared by "
                        f"{owner[section]!r}"
                    )
                merged[section] = dict(values)
                owner[section] = plugin
        return merged

    def configure(self, config: Config) -> None:
        """Tell every plugin (and every later one) the configuration."""
        def call(result: Any) -> None:
            return None

        try:
            self._pm.hook.clive_configure.call_historic(result_callback=call,
                                                        kwargs={"config": config})
        except Exception:  # find and report the culprit; the others have been told
            self._each("clive_configure", config=config)

    def rules(
        self, config: Config, check: Callable[[str, Rule], None] | None = None
    ) -> list[Rule]:
        """Every plugin's rules; ``check(plugin_name, rule)`` may refuse one by raising."""
        out: list[Rule] = []
        for plugin, rules in self._each("clive_register_rules", config=config):
            for rule in rules if isinstance(rules, Iterable) else [rules]:
                if check is not None:
                    try:
                        check(plugin, rule)
                    except PluginError:
                        raise
                    except Exception as exc:
                        raise PluginError(plugin, str(exc)) from None
                out.append(rule)
        return out

    def has_observers(self) -> bool:
        """Whether any plugin observes verdicts."""
        return bool(self._pm.hook.clive_verdict.get_hookimpls())

    def notify_verdict(self, content: Content, verdict: Verdict) -> None:
        """Hand a verdict to every observer; one that raises is reported and skipped."""
        self._each("clive_verdict", content=content, verdict=verdict)

    def connectors(self, config: Config) -> dict[str, Connector]:
        """Every plugin's connectors, by platform name.

        A plugin whose hook raises is reported and skipped; an object that is not a connector,
        or a second connector for a platform another plugin already provides, is refused with a
        :class:`PluginError` naming the plugin (and the one that got there first).
        """
        from clive_rules.connectors import check_connector

        out: dict[str, Connector] = {}
        owner: dict[str, str] = {}
        for plugin, connectors in self._each("clive_register_connectors", config=config):
            many = isinstance(connectors, Iterable) and not isinstance(connectors, (str, bytes))
            for connector in connectors if many else [connectors]:
                try:
                    platform = check_connector(connector)
                except TypeError as exc:
                    raise PluginError(plugin, str(exc)) from None
                if platform in out:
                    raise PluginError(
                        plugin, f"a connector for platform {platform!r} is already provided by "
                        f"plugin {owner[platform]!r}; block one of them with {BLOCK_ENV}"
                    )
                out[platform] = connector
                owner[platform] = plugin
        return out

    def webhook_secret(self, platform: str, kind: str, config: Config) -> str | None:
        """The first secret a plugin supplies (``firstresult``); one that raises is reported
        and the next is asked."""
        hook = self._pm.hook.clive_webhook_secret
        for impl in reversed(hook.get_hookimpls()):
            values = {"platform": platform, "kind": kind, "config": config}
            try:
                result = impl.function(*[values[name] for name in impl.argnames])
            except Exception as exc:
                self._report(impl.plugin_name, exc)
                continue
            if self._trace:
                print(f"clive_rules: clive_webhook_secret [{impl.plugin_name}] -> "
                      f"{'<secret>' if result else result!r}", file=sys.stderr)
            if result is not None:
                return str(result)
        return None

    def account_settings(self, account: Account, config: Config) -> AccountSettings | None:
        """The first plugin's report of an account's live settings (``firstresult``); one that
        raises or returns something unusable is reported and the next is asked."""
        from clive_rules.city.inventory import AccountSettings

        hook = self._pm.hook.clive_account_settings
        for impl in reversed(hook.get_hookimpls()):
            values = {"account": account, "config": config}
            try:
                result = impl.function(*[values[name] for name in impl.argnames])
                if self._trace:
                    print(f"clive_rules: clive_account_settings [{impl.plugin_name}] -> "
                          f"{result!r}", file=sys.stderr)
                if result is not None:
                    return AccountSettings.coerce(result, source=impl.plugin_name)
            except Exception as exc:
                self._report(impl.plugin_name, exc)
        return None
