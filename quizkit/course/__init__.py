"""Course-level tools and checks: self-assessment, help lines, outcomes, tables, summary, the course map."""
