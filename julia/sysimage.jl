# Run by metapoly/sysimage_build.py as `julia --output-o OBJECT sysimage.jl TRACE INFO`: loads the worker over
# Julia's own system image and compiles the methods a traced worker compiled (TRACE, `precompile(...)`
# lines), then Julia writes the whole session into OBJECT. Nothing of the worker runs here: an image must
# not hold a live Python or socket. INFO receives what the image was built from (JSON).

Base.reinit_stdio()
# As PackageCompiler does: what a normal start sets up, which `--output-o` leaves out.
@eval Sys BINDIR = ccall(:jl_get_julia_bindir, Any, ())::String
Base.init_load_path()
Base.init_depot_path()

using Libdl
using MetapolyWorker

# The trace names types by their modules' names: bind every loaded module under its name.
const Staging = Module()
for (id, mod) in Base.loaded_modules
    id.name in ("Main", "Core", "Base") || Core.eval(Staging, :(const $(Symbol(id.name)) = $mod))
end

compiled, skipped = 0, 0
for line in eachline(ARGS[1])
    # Closures and other generated names cannot be written back as source: those are left to the JIT.
    try
        Base.include_string(Staging, line)
        global compiled += 1
    catch
        global skipped += 1
    end
end

libjulia = filter(path -> occursin("libjulia", basename(path)), Libdl.dllist())
info = Dict("julia_version" => string(VERSION), "base_image" => unsafe_string(Base.JLOptions().image_file),
            "libjulia" => isempty(libjulia) ? "" : first(libjulia),
            "compiled" => compiled, "skipped" => skipped)
write(ARGS[2], MetapolyWorker.json(info))

# Paths are set again when the image starts.
empty!(LOAD_PATH)
empty!(DEPOT_PATH)
