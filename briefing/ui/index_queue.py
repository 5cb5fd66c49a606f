"""The app's one writer: every index change goes through this queue, one at a time.

Operations (add a folder, remove one, update, warm up the language model) run
in order on a single worker thread; progress and results come back to the GUI
thread by signal. Repeated update requests while one is waiting are merged.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Signal

from briefing.core.analysis.choice import cluster_address, make_analyser
from briefing.core.analysis.parallel import ParallelAnalyser
from briefing.core.article import Analysis, Article
from briefing.core.library import IndexReport, Library
from briefing.core.library.mapped_files import give_back_mapped_pages
from briefing.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from briefing.core.analysis.cluster import ClusterAnalyser

Kind = Literal["add", "remove", "update", "warm_up"]
WARM_UP_TEXT = "Briefing loads its language model while you read."


@dataclass(slots=True)
class Operation:
    kind: Kind
    folders: list[Path] = field(default_factory=list)  # add/remove: the folder; update: [] = all roots

    def describe(self) -> str:
        names = ", ".join(p.name or str(p) for p in self.folders)
        return {
            "add": f"Adding {names}",
            "remove": f"Removing {names}",
            "update": f"Indexing {names}" if names else "Indexing the library",
            "warm_up": "Loading the language model",
        }[self.kind]


class AnalyserHolder:
    """The app's analysis: spaCy in worker processes (ParallelAnalyser, as ``briefing index`` uses),
    so the GUI process never loads the model and the index thread writes while the workers tag.
    The workers start at the first batch (or the warm-up) and stop at ``close()``. With the
    BRIEFING_CLUSTER environment variable set, the analysis runs on that Dask cluster instead
    (local workers if it cannot be reached or goes away; ``take_notices`` says so)."""

    def __init__(self, model: str | None = None, workers: int | None = None) -> None:
        self._model = model
        self._workers = workers
        self._parallel: ParallelAnalyser | ClusterAnalyser | None = None
        self._notices: list[str] = []
        self._lock = threading.Lock()

    def get(self) -> ParallelAnalyser | ClusterAnalyser:
        with self._lock:
            if self._parallel is None:
                self._parallel, self._notices = make_analyser(
                    cluster_address(), model=self._model, workers=self._workers
                )
            return self._parallel

    def take_notices(self) -> list[str]:
        """What the user should hear about the analysis since the last call (a cluster that went away)."""
        with self._lock:
            notices, self._notices = self._notices, []
            later = getattr(self._parallel, "notices", None)
            if isinstance(later, list):
                notices += later
                later.clear()
            return notices

    def analyse_batch(self, articles: Sequence[Article]) -> list[Analysis]:
        return self.get()(articles)

    def warm_up(self) -> None:
        """Start every worker (each loads the model) and wait until they answer."""
        analyser = self.get()
        batches = [analyser.submit([Article(path="", title="", text=WARM_UP_TEXT)])
                   for _ in range(analyser.workers)]
        for batch in batches:
            batch.result()

    def close(self) -> None:
        """Stop the worker processes (waiting for the batch each is on)."""
        with self._lock:
            parallel, self._parallel = self._parallel, None
        if parallel is not None:
            parallel.close()


class IndexQueue(QObject):
    started = Signal(str)  # what is being done
    progressed = Signal(int, int, str)  # read, total, path
    written = Signal(int, int, str)  # analysed and written, total, path
    finished = Signal(object)  # IndexReport of an add/remove/update
    failed = Signal(str)  # a message for the user
    roots_changed = Signal()
    idle = Signal()  # the queue ran dry

    def __init__(self, library: Library, analyser: AnalyserHolder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._analyser = analyser
        self._runner = TaskRunner("index", workers=1, parent=self, after_each=give_back_mapped_pages)
        self._queue: deque[Operation] = deque()
        self._current: Operation | None = None
        self._cancel = threading.Event()
        self.model_ready = False

    @property
    def busy(self) -> bool:
        return self._current is not None or bool(self._queue)

    def add_folder(self, folder: Path) -> None:
        self._push(Operation("add", [folder]))

    def remove_folder(self, folder: Path) -> None:
        self._push(Operation("remove", [folder]))

    def update(self, folders: Sequence[Path] | None = None) -> None:
        """Re-index ``folders`` (changed files only), or every root of the library."""
        wanted = list(folders or [])
        for waiting in self._queue:
            if waiting.kind == "update":
                if not waiting.folders or not wanted:
                    waiting.folders = []
                else:
                    waiting.folders.extend(f for f in wanted if f not in waiting.folders)
                return
        self._push(Operation("update", wanted))

    def warm_up(self) -> None:
        """Load the language model in the background, so the first analysis is quick."""
        if not self.model_ready:
            self._push(Operation("warm_up"))

    def cancel(self) -> None:
        """Stop the running operation at the next file and drop the waiting ones."""
        self._queue.clear()
        self._cancel.set()

    def shutdown(self) -> None:
        self.cancel()
        self._runner.shutdown(wait=True)
        self._analyser.close()

    def _push(self, operation: Operation) -> None:
        self._queue.append(operation)
        if self._current is None:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            self._current = None
            self.idle.emit()
            return
        operation = self._current = self._queue.popleft()
        self._cancel = threading.Event()
        self.started.emit(operation.describe())
        self._runner.run(self._task(operation, self._cancel), self._done, self._failed)

    def _task(self, operation: Operation, cancel: threading.Event) -> Callable[[], IndexReport | None]:
        library, analyser = self._library, self._analyser

        def progress(done: int, total: int, path: str) -> None:
            self.progressed.emit(done, total, path)  # queued to the GUI thread

        def written(done: int, total: int, path: str) -> None:
            self.written.emit(done, total, path)

        def run() -> IndexReport | None:
            if operation.kind == "warm_up":
                analyser.warm_up()
                return None
            report = update()
            report.notices.extend(analyser.take_notices())
            return report

        def update() -> IndexReport:
            # The ParallelAnalyser itself (not a bound method): the indexer sees it can submit batches
            # ahead and keeps every worker busy while it writes.
            if operation.kind == "add":
                library.add_root(operation.folders[0])
                return library.update(operation.folders, progress=progress, cancel=cancel,
                                      analyser=analyser.get(), written=written)
            if operation.kind == "remove":
                library.remove_root(operation.folders[0])
                return library.update([], progress=progress, cancel=cancel, analyser=analyser.get(),
                                      written=written)
            folders = operation.folders or None
            return library.update(folders, progress=progress, cancel=cancel, analyser=analyser.get(),
                                  written=written)

        return run

    def _done(self, report: IndexReport | None) -> None:
        operation = self._current
        if operation is not None and operation.kind == "warm_up":
            self.model_ready = True
        elif report is not None:
            if operation is not None and operation.kind in ("add", "remove"):
                self.roots_changed.emit()
            if report.added or report.updated:
                self.model_ready = True
            self.finished.emit(report)
        self._next()

    def _failed(self, error: BaseException) -> None:
        operation = self._current
        what = operation.describe() if operation is not None else "Indexing"
        self.failed.emit(f"{what} failed: {error}")
        if operation is not None and operation.kind in ("add", "remove"):
            self.roots_changed.emit()
        self._next()
