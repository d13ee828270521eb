"""Where the organisation's own protocol file is, without reading it.

Apart from ``core.flows.protocol`` (whose file model is pydantic): every walk asks
whether there is a protocol, and the usual answer, none, must not cost the import of
pydantic before the first step is on screen (docs/performance.md, issue 19).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_PROTOCOL = "WEGWIJZER_PROTOCOL"
FILE_NAME = "protocol.toml"


def default_protocol_path() -> Path:
    """``protocol.toml`` in the user's config folder (it need not exist)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("wegwijzer", appauthor=False)) / FILE_NAME


def protocol_path() -> Path | None:
    """Where the protocol comes from: ``$WEGWIJZER_PROTOCOL`` (``--protocol`` sets it),
    else the config folder's file when there is one; None when there is no protocol."""
    given = os.environ.get(ENV_PROTOCOL)
    if given:
        return Path(given)
    default = default_protocol_path()
    return default if default.exists() else None
