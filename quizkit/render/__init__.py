"""Markdown to HTML: the quiz and tools extensions, the widget, markers, text helpers."""
