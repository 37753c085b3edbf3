using Barometer.Kernel.Protocol;
using Barometer.Kernel.Tests.Protocol;
using Barometer.Kernel.Tests.Support;

namespace Barometer.Kernel.Tests.Projects;

/// <summary>
/// <c>#:project</c> and <c>#:package</c> (issue 19, item 4) through the Jupyter protocol: a project is built when it is
/// out of date and referenced with its packages; an unchanged project is not built again; a build error names
/// file:line:column; an edited library is picked up when the cell runs again, the session starting over.
/// </summary>
[Trait("Category", "NuGetRegistry")]
public sealed class ProjectDirectiveTests : IDisposable
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="MathNet.Numerics" Version="5.0.0" />
          </ItemGroup>
        </Project>
        """;

    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task A_project_is_built_when_out_of_date_referenced_with_its_packages_and_an_edit_is_picked_up()
    {
        _folder.Write("src/Lib/Lib.csproj", Project);
        var source = _folder.Write("src/Lib/Greeter.cs", "namespace Lib;\npublic static class Greeter\n{\n    public static string Hello() => \"hello\";\n}\n");
        Directory.CreateDirectory(_folder.File("notebooks"));
        await using var kernel = await KernelClient.StartAsync(KernelHostProgram.StartInfo(_folder.File("notebooks")) with
        {
            Environment = new Dictionary<string, string> { ["BAROMETER_KERNEL_PACKAGE_CACHE"] = _folder.File("cache/packages") },
        });

        var first = await kernel.ExecuteToEndAsync("#:project ../src/Lib\nusing Lib;\nusing MathNet.Numerics;\nvar greeting = Greeter.Hello();\nSpecialFunctions.Factorial(3) + greeting.Length");
        var unchanged = await kernel.ExecuteToEndAsync("#:project ../src/Lib/Lib.csproj\ngreeting");

        File.WriteAllText(source, "namespace Lib;\npublic static class Greeter\n{\n    public static string Hello() => \"hello\";\n\n    public static int Twice(int x) => 2 * x;\n}\n");
        var edited = await kernel.ExecuteToEndAsync("#:project ../src/Lib\nLib.Greeter.Twice(21)");
        var oldVariable = await kernel.ExecuteToEndAsync("greeting", new ExecuteOptions { StopOnError = false });

        File.WriteAllText(source, "namespace Lib;\npublic static class Greeter\n{\n    public static int Broken() => 1\n}\n");
        var broken = await kernel.ExecuteToEndAsync("// the library\n#:project ../src/Lib", new ExecuteOptions { StopOnError = false });

        Assert.True(first.Status == "ok", (string?)first.Reply.Content["evalue"]);
        Assert.Contains("Building Lib", first.Text(), StringComparison.Ordinal);
        Assert.Equal("11", SessionReferencesTests.Result(first));
        Assert.Equal(("ok", "hello"), (unchanged.Status, SessionReferencesTests.Result(unchanged)));
        Assert.Equal(string.Empty, unchanged.Text()); // up to date: no build
        Assert.True(edited.Status == "ok", (string?)edited.Reply.Content["evalue"]);
        Assert.Contains("Building Lib", edited.Text(), StringComparison.Ordinal);
        Assert.Contains("the session starts over", edited.Text(), StringComparison.Ordinal);
        Assert.Equal("42", SessionReferencesTests.Result(edited));
        Assert.Equal("error", oldVariable.Status);
        Assert.Contains("CS0103", (string?)oldVariable.Reply.Content["evalue"], StringComparison.Ordinal);
        Assert.Equal("error", broken.Status);
        Assert.Equal("ProjectReferenceError", (string?)broken.Reply.Content["ename"]);
        var evalue = (string?)broken.Reply.Content["evalue"];
        Assert.Contains("line 2: #:project ../src/Lib", evalue, StringComparison.Ordinal);
        Assert.Contains($"{source}:4:36: error CS1002: ; expected", evalue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_type_from_a_package_the_kernel_process_also_carries_is_one_type_for_the_project_and_the_cell()
    {
        // The kernel's process carries NuGet.Versioning (as the barometer tool carries Plotly.NET): the cell binds to the
        // process's copy, so the project's code must too (was: MissingMethodException 'Method not found: NuGetVersion Lib.Versions.Parse').
        _folder.Write("src/Lib/Lib.csproj", Project.Replace("MathNet.Numerics\" Version=\"5.0.0", "NuGet.Versioning\" Version=\"8.0.0", StringComparison.Ordinal));
        _folder.Write("src/Lib/Versions.cs", "namespace Lib;\npublic static class Versions\n{\n    public static NuGet.Versioning.NuGetVersion Parse(string text) => NuGet.Versioning.NuGetVersion.Parse(text);\n}\n");
        Directory.CreateDirectory(_folder.File("notebooks"));
        await using var kernel = await KernelClient.StartAsync(KernelHostProgram.StartInfo(_folder.File("notebooks")) with
        {
            Environment = new Dictionary<string, string> { ["BAROMETER_KERNEL_PACKAGE_CACHE"] = _folder.File("cache/packages") },
        });

        var parsed = await kernel.ExecuteToEndAsync("#:project ../src/Lib\nNuGet.Versioning.NuGetVersion version = Lib.Versions.Parse(\"1.2.3\");\nversion.Minor");

        Assert.True(parsed.Status == "ok", (string?)parsed.Reply.Content["evalue"]);
        Assert.Equal("2", SessionReferencesTests.Result(parsed));
    }

    [Fact]
    public async Task A_package_directive_is_a_nuget_reference_and_a_missing_project_is_a_clear_error()
    {
        await using var kernel = await KernelClient.StartAsync(KernelHostProgram.StartInfo(_folder.Path) with
        {
            Environment = new Dictionary<string, string> { ["BAROMETER_KERNEL_PACKAGE_CACHE"] = _folder.File("cache/packages") },
        });

        var package = await kernel.ExecuteToEndAsync("#:package MathNet.Numerics@5.0.0\nMathNet.Numerics.SpecialFunctions.Factorial(4)");
        var missing = await kernel.ExecuteToEndAsync("#:project ../nowhere", new ExecuteOptions { StopOnError = false });
        var sdk = await kernel.ExecuteToEndAsync("#:sdk Microsoft.NET.Sdk.Web", new ExecuteOptions { StopOnError = false });

        Assert.True(package.Status == "ok", (string?)package.Reply.Content["evalue"]);
        Assert.Equal("24", SessionReferencesTests.Result(package));
        Assert.Equal("error", missing.Status);
        Assert.Contains("is neither a project file nor a folder", (string?)missing.Reply.Content["evalue"], StringComparison.Ordinal);
        Assert.Equal("error", sdk.Status);
        Assert.Contains("#:sdk has no meaning in a notebook", (string?)sdk.Reply.Content["evalue"], StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
