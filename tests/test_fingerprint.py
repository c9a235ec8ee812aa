"""The output fingerprint: the SHA-256 of every file ``python3 tasks.py run`` builds for the
bundled 2013 plan (``tests/golden/build-2013.sha256``, ``sha256sum`` format).

A change that alters any output must update the fingerprint in the same commit, so that every
change of output is deliberate and shows in review:

    python -m tests.test_fingerprint --update
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "build-2013.sha256"
PLAN = Path("plans") / "2013-county.yaml"  # relative, as tasks.py runs it: positions show it


def build(out: Path) -> dict[str, str]:
    """Build the bundled plan as ``tasks.py run`` does; the digests of what was written."""
    run = subprocess.run(
        [sys.executable, "-m", "cadretrain", "build", str(PLAN), "-o", str(out), "--ignore-errors"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def golden() -> dict[str, str]:
    out = {}
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        out[name] = digest
    return out


def test_build_of_the_2013_plan_matches_its_fingerprint(tmp_path: Path) -> None:
    got, want = build(tmp_path / "out"), golden()
    assert len(want) > 300  # every output: notices, forms, rosters, sheets, index, manifest
    missing, extra = sorted(want.keys() - got.keys()), sorted(got.keys() - want.keys())
    changed = sorted(k for k in want.keys() & got.keys() if want[k] != got[k])
    assert not (missing or extra or changed), (
        f"outputs changed (update with: python -m tests.test_fingerprint --update)\n"
        f"missing: {missing[:10]}\nnew: {extra[:10]}\nchanged: {changed[:10]}"
    )


if __name__ == "__main__":  # pragma: no cover - the maintainer's update step
    import tempfile

    if sys.argv[1:] != ["--update"]:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        digests = build(Path(tmp) / "out")
    GOLDEN.write_text("".join(f"{d}  {n}\n" for n, d in sorted(digests.items())), "utf-8")
    print(f"{GOLDEN.relative_to(ROOT)}: {len(digests)} files")
