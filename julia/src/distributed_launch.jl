# How the processes Distributed adds start: with the worker's `sys.path` as it is when they are added, and
# those on other machines (`addprocs([("host", 2)])`, Distributed's SSH manager) as the local ones: on the
# worker's system image, told how to start the worker's Python (distributed_workers.jl). Distributed starts
# a local process with the running image and this process's environment, but a remote one with a bare
# `julia` and the environment of a login: the command is given the image and the variables that decide how
# Julia and Python load (a `julia` launcher's LD_LIBRARY_PATH: Debian's Julia 1.5 crashes at its first
# exception without the libunwind that scripts/install-julia.sh gives it). A host needs the same
# installation at the same paths (Julia, the image, the Python environment); where a part is missing, what
# the process printed about it shows in the cell and `addprocs` fails.

import Distributed

# The image is checked before Julia starts, so that its absence is said in words; the process's stderr goes
# to its stdout, where Distributed shows what a process printed before it failed to start.
const LAUNCHER = string(
    "test -r \"\$1\" || { echo \"metapoly: \$(uname -n) has no \$1, the system image of the kernel's Julia ",
    "worker: install the kernel there at the same paths (its Python environment, then 'python -m metapoly ",
    "sysimage'), or share them over a network file system\"; exit 1; }; shift; exec \"\$@\" 2>&1")

const FORWARDED = (PYTHON_VARIABLE, "LD_LIBRARY_PATH", "JULIA_DEPOT_PATH", "JULIA_LOAD_PATH", "PYTHONPATH")

# (These methods are more specific than Distributed's, which they call: a `params` of `addprocs` is always a
# Dict{Symbol,Any}.)
function Distributed.launch(manager::Distributed.LocalManager, params::Dict{Symbol,Any}, launched::Array,
                            launch_ntfy::Condition)
    haskey(ENV, PYTHON_VARIABLE) && share_sys_path()
    return invoke(Distributed.launch, Tuple{Distributed.LocalManager,Dict,Array,Condition}, manager, params,
                  launched, launch_ntfy)
end

# The command over SSH is given what a local process inherits.
function Distributed.launch(manager::Distributed.SSHManager, params::Dict{Symbol,Any}, launched::Array,
                            launch_ntfy::Condition)
    if haskey(ENV, PYTHON_VARIABLE)
        share_sys_path()
        image = unsafe_string(Base.JLOptions().image_file)
        params = copy(params)
        variables = ["$k=$(ENV[k])" for k in FORWARDED if haskey(ENV, k)]
        params[:exename] = `sh -c $LAUNCHER metapoly-launcher $image env $variables $(params[:exename])`
        params[:exeflags] = `--sysimage=$image $(params[:exeflags])`
    end
    return invoke(Distributed.launch, Tuple{Distributed.SSHManager,Dict,Array,Condition}, manager, params,
                  launched, launch_ntfy)
end
