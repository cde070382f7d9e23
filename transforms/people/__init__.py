"""People: names and title chains, the roles they played at a meeting, and the units that spoke."""
