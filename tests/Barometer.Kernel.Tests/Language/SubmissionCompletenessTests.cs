using Barometer.Kernel.Language;
using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Tests.Language;

public class SubmissionCompletenessTests
{
    [Theory]
    [InlineData("1 + 1")]
    [InlineData("var x = 1;")]
    [InlineData("Console.WriteLine(\"hi\");")]
    [InlineData("for (var i = 0; i < 3; i++) { Console.WriteLine(i); }")]
    [InlineData("")]
    public void Complete(string code) => Assert.Equal("complete", LanguageService.CheckCompleteness(code).StatusText);

    [Theory]
    [InlineData("for (var i = 0; i < 3; i++) {", "    ")]
    [InlineData("if (true) {\n  if (false) {", "        ")]
    [InlineData("var list = new List<int> {", "    ")]
    [InlineData("Console.WriteLine(", "    ")]
    public void Incomplete_with_an_indent_per_open_bracket(string code, string indent)
    {
        var result = LanguageService.CheckCompleteness(code);

        Assert.Equal("incomplete", result.StatusText);
        Assert.Equal(indent, result.Indent);
    }

    [Theory]
    [InlineData("var x = ;")]
    [InlineData("int 1x = 2;")]
    [InlineData("}")]
    public void Invalid(string code) => Assert.Equal("invalid", LanguageService.CheckCompleteness(code).StatusText);

    [Fact]
    public void Kernel_info_names_the_CSharp_version_cells_compile_with_the_SDK_default_for_the_running_NET()
    {
        Assert.Equal(KernelInfo.CSharpVersion, Microsoft.CodeAnalysis.CSharp.LanguageVersionFacts.ToDisplayString(Barometer.Kernel.Execution.ScriptEnvironment.DefaultLanguageVersion));
        Assert.Equal(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp14, Barometer.Kernel.Execution.ScriptEnvironment.LanguageVersionFor(new Version(10, 0)));
    }

    [Fact]
    public void Union_is_an_identifier_for_is_complete_as_for_the_compiler() =>
        Assert.Equal("complete", LanguageService.CheckCompleteness("var union = new HashSet<int>();\nunion.UnionWith(new[] { 1 });").StatusText);
}
