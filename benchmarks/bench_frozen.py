"""The frozen app: folder size and launch-to-window time, offline and offscreen.

    .venv/bin/python benchmarks/bench_frozen.py [--app PATH] [--launches N] [--json]

PATH defaults to the folder build of `./test.sh` (build/frozen/dist/briefing/briefing) or of the
README's build command (dist/briefing/briefing). Launch time counts from just before the process
starts to the first processed frame of the main window (the app's hidden --startup-probe), with a
fresh BRIEFING_HOME each time; the reference is the same measurement of the unfrozen app.
The folder size comes with what each dependency adds: the bytes of each top-level entry of the
bundle's _internal folder, the shared libraries next to it grouped as "shared libraries (*.so)".
``--size-only`` skips the launches.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CANDIDATES = (
    PROJECT / "build" / "frozen" / "dist" / "briefing" / "briefing",
    PROJECT / "dist" / "briefing" / "briefing",
)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def breakdown(folder: Path, top: int = 25) -> dict[str, int]:
    """Bytes per top-level package (or file) of the bundle's _internal folder, largest first."""
    internal = folder / "_internal"
    sizes: dict[str, int] = {}
    for entry in internal.iterdir() if internal.is_dir() else []:
        if entry.is_symlink():
            continue
        if entry.is_dir():
            sizes[entry.name] = folder_bytes(entry)
        elif ".so" in entry.name:
            sizes["shared libraries (*.so)"] = sizes.get("shared libraries (*.so)", 0) + entry.stat().st_size
        else:
            sizes[entry.name] = entry.stat().st_size
    ranked = sorted(sizes.items(), key=lambda kv: -kv[1])
    shown = dict(ranked[:top])
    rest = sum(size for _name, size in ranked[top:])
    if rest:
        shown["(the rest)"] = rest
    return shown


def launch_ms(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFING_HOME": home}
            started = time.time()
            done = subprocess.run(
                [*command, "--startup-probe"],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
                check=True,
            )
            shown = json.loads(done.stdout.strip().splitlines()[-1])["shown"]
            times.append((shown - started) * 1000)
    return times


def summary(times: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, help="the frozen executable")
    parser.add_argument("--launches", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--size-only", action="store_true", help="measure the folder, not the launches")
    args = parser.parse_args()
    app = args.app or next((c for c in CANDIDATES if c.exists()), None)
    if app is None or not app.exists():
        print("no frozen app found: build it with `.venv/bin/pyinstaller build.spec` first", file=sys.stderr)
        return 2
    size = folder_bytes(app.parent)
    result: dict[str, object] = {
        "app": str(app),
        "size_bytes": size,
        "size_mib": round(size / 2**20, 1),
        "size_mb": round(size / 1e6, 1),
        "dependencies_bytes": breakdown(app.parent),
    }
    if not args.size_only:
        frozen = launch_ms(["unshare", "-rn", str(app)], args.launches)
        source = launch_ms([sys.executable, "-m", "briefing"], args.launches)
        result["launch_to_window"] = summary(frozen)
        result["reference_unfrozen_launch_to_window"] = summary(source)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{app}: {size:,} bytes = {result['size_mb']} MB ({result['size_mib']} MiB)")
    for name, part in breakdown(app.parent).items():
        print(f"  {part / 1e6:8.1f} MB  {name}")
    if not args.size_only:
        print(f"launch to window: frozen {result['launch_to_window']}, "
              f"unfrozen {result['reference_unfrozen_launch_to_window']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
