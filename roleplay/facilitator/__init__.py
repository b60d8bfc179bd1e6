"""Facilitated group sessions: the game on the projector, the room votes from its phones.

``roleplay host SCENARIO`` starts a :class:`~roleplay.facilitator._session.HostSession` (the
rules: room, votes, timer, decisions, the session log), a web server for the phones in its own
thread, and the projector and facilitator windows. The session observes the game through the
Runner's hooks. See ``docs/facilitator.md``.
"""
