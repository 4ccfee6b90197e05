"""Plain functions behind the app's tabs: they take services and plain values and return plain values,
so they are tested without a browser. Nothing here imports gradio."""
