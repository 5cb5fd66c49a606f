"""A real Dask cluster on 127.0.0.1 for tests and benchmarks: a scheduler and worker processes.

    with DaskProcesses(workers=2, logs=tmp_path) as cluster:
        cluster.address            # tcp://127.0.0.1:PORT (a free port)
        cluster.kill_worker(addr)  # SIGKILL one `dask worker` (its nanny and its worker process)
        cluster.kill_scheduler()

Each `dask scheduler` / `dask worker` runs as its own process group, started
with the same Python as the caller; ``stop()`` ends every group and checks that
no process of them is left.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

import distributed
import psutil

PROJECT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"  # never any other address


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class DaskProcesses:
    def __init__(self, workers: int = 2, *, logs: Path, env: dict[str, str] | None = None) -> None:
        self.workers = workers
        self.logs = logs
        self.env = dict(os.environ if env is None else env)
        self.port = free_port()
        self.address = f"tcp://{HOST}:{self.port}"
        self.scheduler: subprocess.Popen[bytes] | None = None
        self.worker_processes: list[subprocess.Popen[bytes]] = []
        # Every process seen in our process groups, pid -> start time (so a reused pid is never killed).
        self._known: dict[int, float] = {}

    def _spawn(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        self.logs.mkdir(parents=True, exist_ok=True)
        with open(self.logs / f"{name}.log", "wb") as log:
            return subprocess.Popen(
                [sys.executable, "-m", "dask", *args],
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=PROJECT,
                env=self.env,
                start_new_session=True,  # its own process group: killed as one
            )

    def start(self, timeout: float = 180.0) -> DaskProcesses:
        self.scheduler = self._spawn(
            "scheduler", "scheduler", "--host", HOST, "--port", str(self.port), "--no-dashboard"
        )
        for number in range(self.workers):
            self.worker_processes.append(
                self._spawn(
                    f"worker-{number}", "worker", self.address, "--host", HOST, "--nworkers", "1",
                    "--nthreads", "1", "--no-dashboard", "--death-timeout", "30",
                )
            )
        with self.client(timeout) as client:
            client.wait_for_workers(self.workers, timeout=timeout)
        self._remember()
        return self

    def client(self, timeout: float = 60.0) -> distributed.Client:
        """A client of our own (to watch the scheduler), not the one under test."""
        return distributed.Client(self.address, timeout=timeout, set_as_default=False)

    def worker_pids(self, client: distributed.Client) -> dict[str, int]:
        """Worker address -> pid of its worker process."""
        return {addr: int(pid) for addr, pid in client.run(os.getpid).items()}

    def kill_worker(self, pid: int) -> None:
        """SIGKILL the whole `dask worker` group the worker process ``pid`` belongs to."""
        self._remember()
        os.killpg(os.getpgid(pid), signal.SIGKILL)

    def kill_scheduler(self) -> None:
        assert self.scheduler is not None
        self._remember()
        os.killpg(self.scheduler.pid, signal.SIGKILL)
        self.scheduler.wait(timeout=30)

    def _remember(self) -> None:
        for process in [self.scheduler, *self.worker_processes]:
            if process is None or process.poll() is not None:
                continue
            try:
                parent = psutil.Process(process.pid)
                for one in [parent, *parent.children(recursive=True)]:
                    self._known[one.pid] = one.create_time()
            except psutil.NoSuchProcess:
                pass

    def _survivors(self) -> list[psutil.Process]:
        """Our processes still running (same pid and start time as when we saw them)."""
        alive = []
        for pid, started in self._known.items():
            try:
                process = psutil.Process(pid)
                if process.create_time() == started and process.status() != psutil.STATUS_ZOMBIE:
                    alive.append(process)
            except psutil.NoSuchProcess:
                pass
        return alive

    def stop(self) -> list[int]:
        """End every process group; returns the pids still alive afterwards (none, normally)."""
        self._remember()
        processes = [p for p in [*self.worker_processes, self.scheduler] if p is not None]
        for process in processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
        for survivor in self._survivors():  # e.g. a nanny's worker process that outlived its nanny
            with contextlib.suppress(psutil.NoSuchProcess):
                survivor.kill()
        for process in processes:
            process.wait(timeout=30)
        time.sleep(0.2)
        return [process.pid for process in self._survivors()]

    def __enter__(self) -> DaskProcesses:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

