"""Background work as plain callables, results delivered on the main thread.

The pattern of Anki's taskman: ``run(task, on_success, on_failure)`` runs
``task`` on a worker thread; the callbacks run later on the GUI thread, carried
there by a queued signal. Tasks never touch widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

T = TypeVar("T")
log = logging.getLogger(__name__)


class TaskRunner(QObject):
    """A pool of ``workers`` threads (1 = a strict queue: tasks run one after another, in order).
    ``after_each`` runs on the worker thread when a task ends, however it ended."""

    _deliver = Signal(object)

    def __init__(
        self,
        name: str,
        *,
        workers: int = 1,
        parent: QObject | None = None,
        after_each: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self._after_each = after_each
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"briefing-{name}")
        self._pending = 0
        self._closed = False
        self._deliver.connect(self._run_on_main, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        """Tasks submitted whose callbacks have not run yet."""
        return self._pending

    def run(
        self,
        task: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> Future[T]:
        if self._closed:
            raise RuntimeError("the task runner is shut down")
        self._pending += 1
        future = self._executor.submit(self._then_after_each, task)

        def finished(done: Future[T]) -> None:
            self._deliver.emit(lambda: self._finish(done, on_success, on_failure))

        future.add_done_callback(finished)
        return future

    def _then_after_each(self, task: Callable[[], T]) -> T:
        try:
            return task()
        finally:
            if self._after_each is not None:
                self._after_each()

    def call_on_main(self, callback: Callable[[], Any]) -> None:
        """From any thread: run ``callback`` on the GUI thread, soon."""
        self._deliver.emit(callback)

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop taking tasks; queued ones are dropped, the running one is waited for."""
        self._closed = True
        self._executor.shutdown(wait=wait, cancel_futures=True)

    def _finish(
        self,
        done: Future[T],
        on_success: Callable[[T], None] | None,
        on_failure: Callable[[BaseException], None] | None,
    ) -> None:
        self._pending -= 1
        if done.cancelled():
            return
        error = done.exception()
        if error is None:
            if on_success is not None:
                on_success(done.result())
        elif on_failure is not None:
            on_failure(error)
        else:
            log.error("background task failed", exc_info=error)

    def _run_on_main(self, callback: Callable[[], Any]) -> None:
        if not self._closed:  # after shutdown the widgets a callback would touch may be gone
            callback()
