"""The counter's screens: one module per feature, each a ``Screen`` (see ``base``).

Adding one is written down in docs/architecture.md ("Adding a screen").
"""

from counter_app.ui.screens.base import Screen

__all__ = ["Screen"]
