import multiprocessing

from briefing.cli import main

if __name__ == "__main__":
    # The frozen app runs its analysis worker processes through this same
    # executable; freeze_support() lets such a child run the worker, not the CLI.
    multiprocessing.freeze_support()
    raise SystemExit(main())
