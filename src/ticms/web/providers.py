"""A page's sections come from the apps: each app registers a provider in its ready() (web must not import apps)."""

from __future__ import annotations


class Providers(list):
    """The registered providers, in registration order."""

    def register(self, provider):
        """Add a provider (idempotent, so a ready() that runs twice does not show a section twice)."""
        if provider not in self:
            self.append(provider)
        return provider

    def unregister(self, provider) -> None:
        if provider in self:
            self.remove(provider)
