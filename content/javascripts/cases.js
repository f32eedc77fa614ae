// case filters (issue #6)
