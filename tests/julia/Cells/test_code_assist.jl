# Completion, inspection, help and is-complete for Julia cells. Positions are Jupyter's: characters, 0-based.
@testset "code assist" begin
    W = MetapolyWorker.Cells
    Core.eval(Main, :(assist_unique_var = 1))
    Core.eval(Main, :(struct AssistPoint; xcoord; ycoord; end))
    Core.eval(Main, :(assist_point = AssistPoint(1, 2)))
    include_string(Main, "\"Doubles `x`, the assist test's own docstring.\"\nassist_doc_fn(x) = 2x")
    include_string(Main, "\"Rotates by α, documented.\"\nα_assist(x) = x")

    # What the cell reads after Jupyter replaces characters start:stop with the match.
    function accept(code, (matches, start, stop), match)
        @test match in matches
        return string(first(code, start), match, code[nextind(code, 0, stop + 1):end])
    end

    @testset "completion" begin
        @test W.complete_julia("assist_uniq", 11) == (["assist_unique_var"], 0, 11)
        @test accept("assist_point.", W.complete_julia("assist_point.", 13), "xcoord") ==
              "assist_point.xcoord"
        @test W.complete_julia("assist_point.y", 14) == (["ycoord"], 13, 14)
        @test W.complete_julia("\\alpha", 6) == (["α"], 0, 6)
        @test W.complete_julia("x = \\:smile:", 12) == (["😄"], 4, 12)
        @test W.complete_julia("Base.su", 7)[2:3] == (5, 7)
        # Characters, not bytes, with non-ASCII text before the cursor.
        @test W.complete_julia("α = 1; assist_uniq", 18) == (["assist_unique_var"], 7, 18)
        @test W.complete_julia("α = 1; assist_uniq", 99) == (["assist_unique_var"], 7, 18)
        @test W.complete_julia("β = \\beta", 9) == (["β"], 4, 9)
        # Only the text before the cursor counts.
        @test W.complete_julia("assist_uniq + 1", 11) == (["assist_unique_var"], 0, 11)
        @test W.complete_julia("", 0) == (String[], 0, 0)
        @test W.complete_julia("assist_uniq", -3) == (String[], 0, 0)
        @test W.complete_julia("  ", 2) == (String[], 2, 2)
        @test W.complete_julia("no_such_name_zz", 15) == (String[], 15, 15)
        # After `f(` the REPL lists method signatures: not text to insert.
        @test W.complete_julia("sum(", 4) == (String[], 4, 4)
        @test accept("x = \"/us", W.complete_julia("x = \"/us", 8), "usr/") == "x = \"/usr/"
        @test accept("\"/usr/lo\"", W.complete_julia("\"/usr/lo\"", 8), "local/") == "\"/usr/local/\""
        matches, start, stop = W.complete_julia("push", 4)
        @test "push!" in matches && allunique(matches) && (start, stop) == (0, 4)
    end

    @testset "inspection" begin
        sum_doc = W.inspect_julia("sum", 3, 0)
        @test occursin("sum", sum_doc["text/markdown"]) && occursin("sum", sum_doc["text/plain"])
        @test W.inspect_julia("sum", 0, 1) == sum_doc
        @test W.inspect_julia("x = sum(1:3", 11, 0) == sum_doc
        @test W.inspect_julia("sum(undefined_zz", 16, 0) == sum_doc
        @test W.inspect_julia("Base.sum", 8, 0) == sum_doc
        @test occursin("module", W.inspect_julia("Base.sum", 2, 0)["text/markdown"])
        @test occursin("push!(collection", W.inspect_julia("push!(v, ", 9, 0)["text/markdown"])
        @test occursin("@time", W.inspect_julia("@time f()", 3, 0)["text/markdown"])
        @test occursin("own docstring", W.inspect_julia("y = assist_doc_fn(2)", 12, 0)["text/markdown"])
        @test occursin("Rotates by α", W.inspect_julia("β = 1; α_assist", 15, 0)["text/markdown"])
        @test occursin("Int64", W.inspect_julia("assist_unique_var", 17, 0)["text/plain"])
        @test W.inspect_julia("no_such_name_zz", 15, 0) === nothing
        @test W.inspect_julia("assist_point.xcoord", 19, 0) === nothing  # a value's field, not a binding
        @test W.inspect_julia("", 0, 0) === nothing
        @test W.inspect_julia("1 + 2", 5, 0) === nothing
    end

    @testset "help" begin
        for name in ("sum", "Base.sum", "push!", "@time")
            help = W.help_julia(name)
            @test occursin(lstrip(last(split(name, '.')), '@'), help["text/markdown"])
            @test !occursin("No documentation found", help["text/plain"])
        end
        @test occursin("own docstring", W.help_julia("assist_doc_fn")["text/plain"])
        @test occursin("Rotates by α", W.help_julia("α_assist")["text/markdown"])
        @test occursin("No documentation found", W.help_julia("no_such_name_zz")["text/plain"])
        @test !isdefined(Main, :docs)
    end

    @testset "is complete" begin
        for code in ("", "  \n", "x = 1", "x = 1\ny = 2;", "# comment", "f(x) = x", "for i in 1:3 end")
            @test W.is_complete_julia(code) == ("complete", "")
        end
        for code in ("function f(x)", "for i in 1:3", "x = 1\nbegin", "(1,", "[1 2", "\"abc", "1 +", "#= c")
            @test W.is_complete_julia(code) == ("incomplete", "    ")
        end
        for code in (")", "end", "x = 1\n)", "1 2")
            @test W.is_complete_julia(code) == ("invalid", "")
        end
    end
end
