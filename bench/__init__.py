"""`make bench`: a synthetic corpus made from the bundled sample articles, and the figures of
`govmeet run` over it (throughput per stage, memory, warehouse size, no-op rerun, scale)."""
