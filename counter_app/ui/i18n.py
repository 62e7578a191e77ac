"""Interface language: Traditional Chinese by default, English on request."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from counter_app.resources import resource_path

DEFAULT_LANGUAGE = "zh_TW"
LANGUAGES = ("zh_TW", "en")


def install_translator(
    app: QCoreApplication, language: str = DEFAULT_LANGUAGE
) -> QTranslator | None:
    """Source strings are English; zh_TW loads the compiled catalogue. Returns the
    translator (keep a reference) or None for English."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {', '.join(LANGUAGES)}")
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return None
    translator = QTranslator(app)
    qm = resource_path("translations", f"counter_{language}.qm")
    if not translator.load(str(qm)):
        raise FileNotFoundError(f"translation catalogue missing: {qm}")
    app.installTranslator(translator)
    # Qt's own buttons (OK, Cancel, Yes...) from the catalogue Qt ships, if present.
    qt_translator = QTranslator(app)
    if qt_translator.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_translator)
    return translator
