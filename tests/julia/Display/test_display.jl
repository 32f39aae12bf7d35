struct UnitRich end
Base.show(io::IO, ::MIME"text/plain", ::UnitRich) = print(io, "rich")
Base.show(io::IO, ::MIME"text/html", ::UnitRich) = print(io, "<b>rich</b>")
Base.show(io::IO, ::MIME"image/png", ::UnitRich) = write(io, UInt8[0x89, 0x50])
Base.show(io::IO, ::MIME"application/json", ::UnitRich) = print(io, "{\"a\": [1, 2]}")

struct UnitBroken end
Base.show(io::IO, ::MIME"text/plain", ::UnitBroken) = error("broken text")
Base.show(io::IO, ::MIME"text/html", ::UnitBroken) = error("broken html")

struct UnitEndless end
Base.show(io::IO, ::MIME"text/plain", ::UnitEndless) = while true print(io, "é") end
Base.show(io::IO, ::MIME"text/html", ::UnitEndless) = while true print(io, "<br>") end

# stderr as a string while `f` runs.
function captured_stderr(f)
    path, io = mktemp()
    result = redirect_stderr(f, io)
    close(io)
    try
        return result, read(path, String)
    finally
        rm(path)
    end
end

@testset "display" begin
    D = MetapolyWorker.Display
    bundle = D.mime_bundle(UnitRich())
    @test bundle["text/plain"] == "rich"
    @test bundle["text/html"] == "<b>rich</b>"
    @test bundle["image/png"] == "iVA="
    @test bundle["application/json"] == Dict("a" => [1, 2])
    @test D.mime_bundle(1:3)["text/plain"] == "1:3"

    broken, warnings = captured_stderr(() -> D.mime_bundle(UnitBroken()))
    @test broken == Dict("text/plain" => "$UnitBroken (its text/plain representation failed)")
    @test occursin("Warning: show(io, MIME(\"text/html\"), ::$UnitBroken) failed: broken html", warnings)

    endless, warnings = captured_stderr(() -> D.mime_bundle(UnitEndless()))
    @test endswith(endless["text/plain"], "[output cut: the first $(D.TEXT_LIMIT) bytes are shown]")
    @test isvalid(endless["text/plain"]) && ncodeunits(endless["text/plain"]) <= D.TEXT_LIMIT + 100
    @test !haskey(endless, "text/html") && occursin("over the display limit", warnings)
end
