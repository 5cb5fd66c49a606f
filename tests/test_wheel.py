"""The built wheel carries resources/: installed in a fresh venv, ``briefing`` finds its icon, styles and
sample library inside the installed package, and writes a briefing with them.

The fresh venv gets the wheel only (``--no-deps``); its third-party packages come from the project's
environment, added as a plain path (its .pth files, such as the editable install, are not run), so
nothing is downloaded and the repository itself is not importable there.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import PROJECT

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

PROBE = """
import json, sys
import briefing
from briefing.resources import resource, resources_dir, sample_library
print(json.dumps({
    "package": briefing.__file__,
    "resources": str(resources_dir()),
    "icon": str(resource("icons", "briefing.svg")),
    "css": str(resource("styles", "briefing.css")),
    "sample": sorted(p.name for p in sample_library().iterdir()),
}))
"""


def _uv() -> list[str]:
    """uv as ./scripts/setup.sh runs it (``python3 -m uv``), or the one on PATH."""
    python3 = shutil.which("python3")
    if python3 and subprocess.run([python3, "-m", "uv", "--version"], capture_output=True).returncode == 0:
        return [python3, "-m", "uv"]
    found = shutil.which("uv")
    if found is None:
        pytest.fail("uv is needed to build the wheel (scripts/setup.sh installs it)")
    return [found]


def test_an_installed_wheel_finds_its_resources(tmp_path: Path, seed_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([*_uv(), "build", "--wheel", "--out-dir", str(dist), str(PROJECT)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(dist.glob("briefing-*.whl"))

    env_dir = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([*_uv(), "pip", "install", "--no-deps", "--offline", "--python", str(python), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    fresh_site = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True).stdout.strip())
    (fresh_site / "project_env.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")

    work = tmp_path / "work"  # not the repository: its briefing/ and resources/ must not be found
    work.mkdir()
    found = json.loads(subprocess.run([str(python), "-c", PROBE], cwd=work, check=True,
                                      capture_output=True, text=True, timeout=120).stdout)
    installed = fresh_site / "briefing"
    assert Path(found["package"]).parent == installed
    assert Path(found["resources"]) == installed / "_resources"
    assert Path(found["icon"]).read_bytes() == (PROJECT / "resources" / "icons" / "briefing.svg").read_bytes()
    assert Path(found["css"]).is_relative_to(installed)
    assert found["sample"] == [seed_path.name]

    # The installed command writes a briefing of the installed sample (HTML: with the packaged CSS).
    out = tmp_path / "sample.html"
    sample = installed / "_resources" / "sample" / seed_path.name
    result = subprocess.run([str(env_dir / "bin" / "briefing"), "brief", str(sample), "--out", str(out)],
                            cwd=work, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "US personnel suffer minor injuries in attack on Iraqi base" in html
    css = (PROJECT / "resources" / "styles" / "briefing.css").read_text(encoding="utf-8")
    assert css.splitlines()[0] in html
    assert sys.prefix not in found["package"]
