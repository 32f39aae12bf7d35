struct UnitRich end
Base.show(io::IO, ::MIME"text/plain", ::UnitRich) = print(io, "rich")
Base.show(io::IO, ::MIME"text/html", ::UnitRich) = print(io, "<b>rich</b>")
Base.show(io::IO, ::MIME"image/png", ::UnitRich) = write(io, UInt8[0x89, 0x50])

struct UnitBroken end
Base.show(io::IO, ::MIME"text/html", ::UnitBroken) = error("broken html")

@testset "display" begin
    D = MetapolyWorker
    bundle = D.mime_bundle(UnitRich())
    @test bundle["text/plain"] == "rich"
    @test bundle["text/html"] == "<b>rich</b>"
    @test bundle["image/png"] == "iVA="
    @test D.mime_bundle(1:3)["text/plain"] == "1:3"
    @test !haskey(D.mime_bundle(UnitBroken()), "text/html")
end
