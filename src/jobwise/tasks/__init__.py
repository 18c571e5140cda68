"""Durable background work: tasks are rows in the database, run by a worker under a lease.

queue.py     enqueue, claim, heartbeat/fence, finish and release (each one guarded statement)
recovery.py  takes up tasks whose lease expired, or fails them after their last attempt
worker.py    the worker: embedded in the API process or alone (`jobwise worker`)
registry.py  task kinds: the function that runs each, and the hooks that mirror its state
"""
