"""Python-Markdown extensions for how Norwegian editors type: one job per module.

* `dates`: "3. november 2023 …" at the start of a line is a date, not a list.
* `lists`: lists as CommonMark reads them (a list right after its lead-in line,
  sub-items indented two spaces).
* `slugs`: heading ids that keep letters readable (é→e, æ→ae, ø→o, å→a).
"""
