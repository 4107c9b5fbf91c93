"""The project folder: the files a build reads, their digests, the output folders and their swap."""
