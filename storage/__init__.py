"""All I/O lives here: paths, connections, file formats. Nothing else in the project knows a path."""
