"""A question bank: its YAML source, model, validation and rules (fingerprint, order, scoring), and the course's banks."""
