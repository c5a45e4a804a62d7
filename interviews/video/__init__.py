"""Live video interviews: Tavus (the avatar), LiveKit (the room and tokens) and our interview agent.

The coach never imports this package; this package calls the coach and the interview services.
"""
