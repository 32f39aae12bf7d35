# Type inference for the worker's start, done once when the package is precompiled rather than every time a
# worker starts (Julia 1.5 caches inferred code, not native code): it saves about 0.9 s of each start.

precompile(main, (Vector{String},))
