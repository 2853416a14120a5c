"""Static site generator for bilingual public notices about Helseplattformen."""

__version__ = "0.1.0"

LANGUAGES: tuple[str, ...] = ("nb", "nn")
