"""The reader's path through the course: steps, reading times, the journey's page parts."""
