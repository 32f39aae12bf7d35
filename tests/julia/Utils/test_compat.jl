# Utils/compat.jl on the Julia that runs the tests: each helper's path for this version (1.5.3 here; the
# paths of newer versions are written against their changes, cited in compat.jl).
using MetapolyWorker.Utils: memory_owner, set_global!, without_finalizers, collection_count

@testset "compat" begin
    A = [1.0, 2.0, 3.0]
    @test memory_owner(A) === (isdefined(A, :ref) ? getfield(A, :ref).mem : A)
    # A new global, then a rebinding, as %py2jl does them.
    @test set_global!(Main, :compat_test_global, 1) == 1
    @test set_global!(Main, :compat_test_global, [2]) == [2]
    @test Main.compat_test_global == [2]
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
