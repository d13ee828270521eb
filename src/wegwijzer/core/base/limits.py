"""One set of limits: what a flow may hold is what a record of it can hold.

The flow checker (``core.flows``) refuses a flow beyond these, and the record model
(``core.records``) refuses a record beyond them, so every walk of a flow that passes
``check`` exports a record that ``verify`` reads, and a draft of it resumes.
The reader of every file (``core.base.tomlfile``) bounds numbers and dates.
"""

from __future__ import annotations

ID_MAX = 64  # flow, step, source and exercise ids
LABEL_MAX = 300  # an option label, a checklist status, an exercise title
TEXT_MAX = 4000  # a prompt, a title, an action
LONG_TEXT_MAX = 8000  # a step's explanation
VERSION_MAX = 40  # a flow's version
OPTIONS_MAX = 30  # options of one step
CITES_MAX = 40  # citations of one step or action
STATUSES_MAX = OPTIONS_MAX  # statuses of one checklist step
ACTIONS_MAX = 500  # distinct actions a flow can recommend, so any one outcome's list
PATH_MAX = 2000  # steps on one path, the outcome included
KEPT_MAX = 20_000  # answers a draft keeps off its path
CASE_REF_MAX = 80
NOTE_MAX = 5000
SCORE_KEYS_MAX = 100

# Numbers and dates every file reader accepts (``tomlfile``): TOML's own integers,
# finite floats, and dates no clock or time zone conversion chokes on.
INT_MIN = -(2**63)
INT_MAX = 2**63 - 1
YEAR_MIN = 1970
YEAR_MAX = 2199
