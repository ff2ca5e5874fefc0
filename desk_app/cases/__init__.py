"""Case work: the lifecycle every request follows, and its deadlines."""
