@testset "julia cells" begin
    E = MetapolyWorker.Cells
    @test E.run_julia_cell("unit_x = 40; unit_x + 2", "In[1]") ==
          Dict{String,Any}("status" => "ok", "data" => Dict{String,Any}("text/plain" => "42"))
    @test E.run_julia_cell("unit_x;", "In[2]") == Dict{String,Any}("status" => "ok")
    @test E.run_julia_cell("nothing", "In[3]") == Dict{String,Any}("status" => "ok")
    @test E.run_julia_cell("s = 0; for i in 1:3; s += i; end; s", "In[4]")["data"]["text/plain"] == "6"

    reply = E.run_julia_cell("g(x) = sqrt(x)\ng(-1.0)", "In[5]")
    @test reply["status"] == "error" && reply["ename"] == "DomainError"
    @test any(l -> occursin("g(::Float64)", l), reply["traceback"])
    @test occursin("top-level scope at In[5]:2", reply["traceback"][end])
    @test !any(l -> occursin("MetapolyWorker", l) || occursin("include_string", l), reply["traceback"])

    syntax = E.run_julia_cell("x = (", "In[6]")
    @test syntax["status"] == "error" && occursin("syntax", syntax["evalue"])
end
