"""Interface language: Traditional Chinese by default, English on request.

Both are compiled catalogues in ``resources/translations`` (``python tools/i18n.py``);
source strings are English, so the English one carries each source as its own
translation. Which one a till uses is a setting (settings.json, section "ui", key
"language"), set by the first-run wizard; ``--lang`` overrides it for one start.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from counter_app.resources import resource_path

DEFAULT_LANGUAGE = "zh_TW"
LANGUAGES = ("zh_TW", "en")


LANGUAGE_NAMES = {"zh_TW": "繁體中文", "en": "English"}
"""Each language in its own words: how a language picker lists them."""


def language_setting(section: dict[str, object]) -> str:
    """The language in settings.json's "ui" section; the default when absent or unknown."""
    value = section.get("language")
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


def install_translator(app: QCoreApplication, language: str = DEFAULT_LANGUAGE) -> QTranslator:
    """Load and install the language's compiled catalogue. Returns the translator (keep
    a reference; remove it to switch language)."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {', '.join(LANGUAGES)}")
    QLocale.setDefault(QLocale(language))
    translator = QTranslator(app)
    qm = resource_path("translations", f"counter_{language}.qm")
    if not translator.load(str(qm)):
        raise FileNotFoundError(f"translation catalogue missing: {qm}")
    app.installTranslator(translator)
    _installed.append(translator)
    if language == "en":
        return translator
    # Qt's own buttons (OK, Cancel, Yes...) from the catalogue Qt ships, if present.
    qt_translator = QTranslator(app)
    if qt_translator.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    return translator


_installed: list[QTranslator] = []


def switch_language(app: QCoreApplication | None, language: str) -> None:
    """Swap the catalogues now: every widget gets a LanguageChange event, and those that
    retranslate themselves on it (the set-up wizard) switch at once. Screens built
    before keep their texts until the next start."""
    if app is None:
        return
    while _installed:
        app.removeTranslator(_installed.pop())
    install_translator(app, language)
