"""The warehouse console: server-rendered pages for warehouse staff and managers at /console/."""

from warehouse_api.console.models import ConsoleSession, ConsoleUser

__all__ = ["ConsoleSession", "ConsoleUser"]
