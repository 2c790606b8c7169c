"""Outputs: text for people, JSON/SARIF/JUnit for machines, diagrams, tables and the HTML report."""
