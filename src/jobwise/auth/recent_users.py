"""Tokens checked without a query: the accounts this process validated in the last few seconds.

Every request carries a token naming its account and the account's token key; checking it
against the users table is one query per request, and on SQLite the first statement of a write
request, which takes the database's only write lock and holds it for one more round trip. So this
process remembers, for `TTL_SECONDS`, the user row of each (user id, token key) it has just
checked, and a token whose signature, expiry and key match a remembered row needs no query.

A token must still never outlive its account or its revocation:
- in this process, at once: any flush that changes or deletes a user, and any UPDATE or DELETE
  statement on users (revoke_tokens, delete_user), forgets them, and does so again once its
  transaction commits (a request that read the old row meanwhile cannot put it back: see
  `_epoch`);
- in other processes (a second server, `jobwise worker`), which do not see those flushes: within
  `TTL_SECONDS`, when their entry expires. That window is the price of the saved query; see
  docs/security.md.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, make_transient_to_detached

from jobwise.models import User

TTL_SECONDS = 5.0
MAX_ENTRIES = 10_000
_COLUMNS = tuple(column.key for column in User.__table__.columns)
_FORGET_ON_COMMIT = "jobwise_forget_users"


class RecentUsers:
    """(user id, token key) -> the user's columns, for `ttl` seconds; oldest dropped past `max_entries`."""

    def __init__(
        self,
        ttl: float = TTL_SECONDS,
        max_entries: int = MAX_ENTRIES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self.clock = clock
        self._entries: OrderedDict[tuple[int, str], tuple[float, dict[str, Any]]] = OrderedDict()
        # Raised by every forget: a row read before it may be stale, so it is not remembered.
        self._epoch = 0

    @property
    def epoch(self) -> int:
        return self._epoch

    def get(self, user_id: int, token_key: str) -> dict[str, Any] | None:
        entry = self._entries.get((user_id, token_key))
        if entry is None:
            return None
        expires, columns = entry
        if self.clock() >= expires:
            del self._entries[(user_id, token_key)]
            return None
        return columns

    def remember(self, user: User, *, read_at_epoch: int) -> None:
        """Keep the row just read, unless a user changed since the read began."""
        if read_at_epoch != self._epoch or self.ttl <= 0:
            return
        columns = {name: getattr(user, name) for name in _COLUMNS}
        self._entries[(user.id, user.token_key)] = (self.clock() + self.ttl, columns)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def forget(self, user_ids: set[int] | None = None) -> None:
        """Forget these users (None: everyone)."""
        self._epoch += 1
        if user_ids is None:
            self._entries.clear()
            return
        for key in [key for key in self._entries if key[0] in user_ids]:
            del self._entries[key]


RECENT_USERS = RecentUsers()


def attach(session: Session, columns: dict[str, Any]) -> User:
    """The remembered row as a persistent User of this session, without a query."""
    user = User(**columns)
    # As if just loaded: no history, so nothing is written back unless the request changes it.
    make_transient_to_detached(user)
    session.add(user)
    return user


def _forget_now_and_on_commit(session: Session, user_ids: set[int] | None) -> None:
    RECENT_USERS.forget(user_ids)
    pending: set[int] | None = session.info.get(_FORGET_ON_COMMIT, set())
    if pending is not None:
        pending = None if user_ids is None else pending | user_ids
    session.info[_FORGET_ON_COMMIT] = pending


@event.listens_for(Session, "after_flush")
def _users_flushed(session: Session, _flush_context: Any) -> None:
    changed = {obj.id for obj in (*session.dirty, *session.deleted) if isinstance(obj, User)}
    if changed:
        _forget_now_and_on_commit(session, changed)


@event.listens_for(Session, "do_orm_execute")
def _users_updated(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and any(m.class_ is User for m in state.all_mappers):
        # Which rows the statement matches is the database's to say: forget everyone.
        _forget_now_and_on_commit(state.session, None)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    if _FORGET_ON_COMMIT in session.info:
        RECENT_USERS.forget(session.info.pop(_FORGET_ON_COMMIT))


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, _previous: Any) -> None:
    session.info.pop(_FORGET_ON_COMMIT, None)
