# Utils/compat.jl on the Julia that runs the tests: each helper's path for this version (1.5.3 here; the
# paths of newer versions are written against their changes, cited in compat.jl).
using MetapolyWorker.Utils: memory_owner, set_global!, import_with_as, without_finalizers, collection_count

@testset "compat" begin
    A = [1.0, 2.0, 3.0]
    @test memory_owner(A) === (isdefined(A, :ref) ? getfield(A, :ref).mem : A)
    # A new global, then a rebinding, as %py2jl does them.
    @test set_global!(Main, :compat_test_global, 1) == 1
    @test set_global!(Main, :compat_test_global, [2]) == [2]
    @test Main.compat_test_global == [2]
    # `@py import ... as ...`: what this Julia's parser gives the macro, made the import 1.6+ parses (on 1.6+
    # it already is).
    given(code) = (args = Meta.parse(code).args[3:end]; import_with_as(args[1], args[2:end]))
    @test given("@py import sys as _a, os.path as _b") ==
        Expr(:import, Expr(:as, Expr(:., :sys), :_a), Expr(:as, Expr(:., :os, :path), :_b))
    @test given("@py import sys: path as _p, version_info, modules as _m") ==
        Expr(:import, Expr(:(:), Expr(:., :sys), Expr(:as, Expr(:., :path), :_p), Expr(:., :version_info),
                           Expr(:as, Expr(:., :modules), :_m)))
    @test given("@py import sys") == Expr(:import, Expr(:., :sys))
    @test import_with_as(:(x + 1), (:as, :y)) === nothing
    @test import_with_as(Expr(:import, Expr(:., :sys)), (:as, :(f(y)))) === nothing
    # Julia 1.7's `context` tuples and redirections to `devnull`, on every version.
    @test sprint(show, 1:30; context=(:limit => true, :compact => true)) == "1:30"
    @test sprint(io -> print(io, get(io, :compact, false), get(io, :limit, false));
                 context=(:compact => true, :limit => true)) == "truetrue"
    @test redirect_stderr(() -> (println(stderr, "unseen"); 42), devnull) == 42
    @test redirect_stdout(() -> (println("unseen"); 43), devnull) == 43
    # A finalizer that comes due inside waits until the end; errors go through.
    ran = Ref(false)
    garbage() = (finalizer(_ -> (ran[] = true), Ref(0)); nothing)
    garbage()
    @test without_finalizers(() -> (GC.gc(); ran[])) === false
    @test ran[]
    @test_throws ErrorException without_finalizers(() -> error("inside"))
    ran[] = false
    garbage()
    collections = collection_count()
    GC.gc()
    @test ran[] && collection_count() > collections
end
