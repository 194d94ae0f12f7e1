"""Write briefs to disk: all files rendered first, each written to a temporary name in
the output folder and renamed into place, so no reader sees a half-written file and a
failure leaves the previous files as they were."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from briefing.errors import OutputError


def write_files(out: Path, files: Mapping[str, str | bytes]) -> list[Path]:
    """Write ``{name: content}`` into ``out``. Every file is first written in full under
    a temporary name; only when all of them are written are they renamed into place
    (each rename is atomic). On failure the temporary files are removed and the
    existing files are left as they were."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the output folder ({exc.strerror})") from None
    if not out.is_dir():
        raise OutputError(f"{out}: not a folder")
    staged: list[tuple[Path, Path]] = []
    try:
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            fd, temp_name = tempfile.mkstemp(dir=out, prefix=f".{name}.", suffix=".tmp")
            staged.append((Path(temp_name), out / name))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp_name, 0o644)
        for temp, final in staged:
            os.replace(temp, final)
    except OSError as exc:
        for temp, _final in staged:
            temp.unlink(missing_ok=True)
        where = exc.filename or out
        raise OutputError(f"{where}: cannot write ({exc.strerror})") from None
    return [final for _temp, final in staged]
