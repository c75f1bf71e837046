"""Use cases: load rows, call the domain, persist. They take the session and the clock as arguments."""
