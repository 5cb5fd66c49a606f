"""Child processes that must never outlive the process that started them, nor run unbounded."""
