"""
What every layer of the worker may use and that knows nothing of Python or of the front end: the
differences between Julia versions, the worker's own log, a JSON codec.
"""
module Utils

export set_stdio!, accept_redirects!, soft_scope, ends_with_semicolon, set_global!, completion_string,
       fix_memory, memory_owner, without_finalizers, enable_finalizers, collection_count, register_package!,
       import_with_as,
       open_log, log_fd, worker_log, json, parse_json, WORKER_SOURCES

"""
    WORKER_SOURCES

The folder of the worker's source files: frames of code from here are the worker's, not the user's.
"""
const WORKER_SOURCES = dirname(@__DIR__)

include("compat.jl")
include("log.jl")
include("json.jl")

end
