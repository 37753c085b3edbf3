using Barometer.Kernel.Execution;
using Barometer.Kernel.Language;
using Barometer.Kernel.Packages;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Barometer.Kernel.Tests.Language;

public class IndexedXmlDocumentationTests
{
    private static readonly string[] Assemblies = ["System.Runtime", "System.Linq", "System.Collections"];

    private static string? ReferencePack => FrameworkReferences.ReferencePackDirectory(DotNetHost.Current);

    /// <summary>Each symbol's documentation XML, with the provider made by <paramref name="provider"/> on each reference.</summary>
    private static List<string?> Documentation(Func<string, DocumentationProvider> provider, params string[] names)
    {
        var references = Assemblies
            .Select(n => Path.Combine(ReferencePack!, n + ".dll"))
            .Select(p => MetadataReference.CreateFromFile(p, documentation: provider(Path.ChangeExtension(p, ".xml"))));
        var compilation = CSharpCompilation.Create("docs", references: references);
        return [.. names.Select(name =>
        {
            var symbol = name.Split('|') switch
            {
                [var type] => (ISymbol?)compilation.GetTypeByMetadataName(type),
                [var type, var member] => compilation.GetTypeByMetadataName(type)!.GetMembers(member).First(),
                _ => null,
            };
            return symbol!.GetDocumentationCommentXml();
        })];
    }

    [SkippableFact]
    public void Gives_each_member_the_documentation_Roslyns_provider_gives()
    {
        Skip.If(ReferencePack is null, "no SDK reference pack (its XML documentation is what is read)");
        string[] names = ["System.Math|Sqrt", "System.String", "System.String|Format", "System.Linq.Enumerable|Select", "System.Collections.Generic.List`1|Add", "System.Collections.Generic.List`1|.ctor", "System.Collections.Generic.Dictionary`2|TryGetValue"];

        var ours = Documentation(path => new IndexedXmlDocumentation(path), names);
        var roslyns = Documentation(path => XmlDocumentationProvider.CreateFromFile(path), names);

        Assert.Contains("square root", ours[0], StringComparison.Ordinal);
        Assert.Contains("<summary>", ours[3], StringComparison.Ordinal);
        Assert.Equal(roslyns, ours);
    }

    [SkippableFact]
    public void Indexes_every_member_element_of_the_file()
    {
        Skip.If(ReferencePack is null, "no SDK reference pack");
        var path = Path.Combine(ReferencePack!, "System.Runtime.xml");
        var members = new IndexedXmlDocumentation(path).Members();

        var expected = System.Xml.Linq.XDocument.Load(path).Descendants("member").Select(m => (string?)m.Attribute("name")).Where(n => n is not null).Distinct().Count();
        Assert.Equal(expected, members.Count);
        Assert.True(members.ContainsKey("M:System.Math.Sqrt(System.Double)"));
    }

    [Fact]
    public void An_unknown_member_or_a_missing_file_has_no_documentation()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".xml");
        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".xml");
        File.WriteAllText(file, "<?xml version=\"1.0\"?><doc><members><member name=\"T:A\"><summary>A &amp; B</summary></member><member name=\"T:Empty\" /></members></doc>");
        try
        {
            var index = new IndexedXmlDocumentation(file).Members();
            Assert.Equal(["T:A", "T:Empty"], index.Keys.Order(StringComparer.Ordinal));
            Assert.Throws<FileNotFoundException>(() => new IndexedXmlDocumentation(missing).Members());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
