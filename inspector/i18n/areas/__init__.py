"""Text tables by area of the program, both languages side by side.

zh.py and en.py hold the laptop's words and the office's first ones; each
office capability added since keeps its words in one module here, with
`MESSAGES = {"zh": {...}, "en": {...}}` and optionally `LABELS` shaped the
same way (vocabulary -> code -> word). inspector.i18n merges every module of
this package into the two tables, so an area's words stay beside each other
and parallel work on two areas never edits the same lines. A key defined twice
is an error at import (tests/unit/test_text.py)."""
