"""Language: UI string catalogs (gettext via Babel) and CLDR date/number formatting."""
