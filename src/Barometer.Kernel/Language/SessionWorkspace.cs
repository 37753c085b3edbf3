using System.Collections.Immutable;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;

namespace Barometer.Kernel.Language;

/// <summary>
/// A Roslyn workspace mirroring one <see cref="ScriptSession"/>, for completion and inspection: every cell that
/// compiled in the session becomes a submission project (<c>isSubmission</c>, host object
/// <see cref="NotebookGlobals"/>) referencing the previous one, exactly as the session's <see cref="Script"/>
/// chain does, so variables, methods, types and <c>using</c>s of earlier cells are in scope; a last project holds
/// the text being edited. References are the documented ones (<see cref="DocumentedReferences"/>). Projects of
/// executed cells are added once and keep their compilations between requests, so a request compiles only the
/// edited text.
/// </summary>
internal sealed class SessionWorkspace : IDisposable
{
    private static readonly Lazy<MefHostServices> Host = new(() => MefHostServices.DefaultHost, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ScriptSession _session;
    private readonly DocumentedReferences _references;
    private readonly AdhocWorkspace _workspace;
    private readonly List<(Script Script, ProjectId Project)> _submissions = [];
    private Solution _solution;
    private DocumentId? _editedDocument;
    private (Script? Last, ImmutableArray<MetadataReference> References) _editedBasis;
    private int _names;

    public SessionWorkspace(ScriptSession session, DocumentedReferences? references = null)
    {
        _session = session;
        _references = references ?? DocumentedReferences.Shared;
        _workspace = new AdhocWorkspace(Host.Value);
        _solution = _workspace.CurrentSolution;
    }

    /// <summary>A document holding <paramref name="code"/> as the session's next cell.</summary>
    public Document GetDocument(string code)
    {
        var state = _session.CurrentState;
        var chain = Chain(state?.Script);
        SyncSubmissions(chain);

        var nextOptions = _session.NextCellOptions;
        var references = _references.Map(nextOptions.MetadataReferences);
        var last = chain.Count > 0 ? chain[^1] : null;
        if (_editedDocument is null || !ReferenceEquals(_editedBasis.Last, last) || _editedBasis.References.Length != references.Length)
        {
            if (_editedDocument is not null)
            {
                _solution = _solution.RemoveProject(_editedDocument.ProjectId);
            }

            var template = last is null
                ? CSharpScript.Create(string.Empty, nextOptions, typeof(NotebookGlobals)).GetCompilation()
                : last.GetCompilation();
            var previous = last is null ? null : _submissions[^1].Project;
            _editedDocument = AddProject(template, nextOptions, references, previous, string.Empty, "edited");
            _editedBasis = (last, references);
        }

        return _solution.GetDocument(_editedDocument)!.WithText(SourceText.From(code));
    }

    /// <summary>
    /// Keeps the solution of a document that was just used: its edited project then holds a compilation, and the
    /// next edit of the same cell is applied incrementally (same references, one syntax tree replaced) instead of
    /// binding every reference anew.
    /// </summary>
    public void Keep(Document document)
    {
        if (document.Id == _editedDocument && document.Project.Solution.GetProject(_editedDocument.ProjectId) is not null)
        {
            _solution = document.Project.Solution;
        }
    }

    private void SyncSubmissions(List<Script> chain)
    {
        // The chain only grows (a failed cell leaves the state as it was); restart if it was replaced.
        var common = 0;
        while (common < _submissions.Count && common < chain.Count && ReferenceEquals(_submissions[common].Script, chain[common]))
        {
            common++;
        }

        if (common < _submissions.Count)
        {
            foreach (var (_, project) in _submissions.Skip(common))
            {
                _solution = _solution.RemoveProject(project);
            }

            _submissions.RemoveRange(common, _submissions.Count - common);
        }

        for (var i = common; i < chain.Count; i++)
        {
            var script = chain[i];
            var previous = _submissions.Count > 0 ? _submissions[^1].Project : null;
            var document = AddProject(script.GetCompilation(), script.Options, _references.Map(script.Options.MetadataReferences), previous, script.Code, "cell");
            _submissions.Add((script, document.ProjectId));
        }
    }

    private DocumentId AddProject(Compilation template, ScriptOptions scriptOptions, ImmutableArray<MetadataReference> references, ProjectId? previous, string code, string kind)
    {
        var name = $"{kind}{++_names}";
        var projectId = ProjectId.CreateNewId(name);
        var options = (CSharpCompilationOptions)template.Options;
        if (options.MetadataReferenceResolver is { } resolver)
        {
            options = options.WithMetadataReferenceResolver(new DocumentingMetadataResolver(resolver, _references));
        }

        var languageVersion = template.SyntaxTrees.FirstOrDefault()?.Options is CSharpParseOptions parsed ? parsed.SpecifiedLanguageVersion : LanguageVersion.Latest;
        var parseOptions = new CSharpParseOptions(languageVersion, DocumentationMode.Parse, SourceCodeKind.Script);
        var project = ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            name,
            name,
            LanguageNames.CSharp,
            compilationOptions: options,
            parseOptions: parseOptions,
            projectReferences: previous is null ? [] : [new ProjectReference(previous)],
            metadataReferences: references,
            isSubmission: true,
            hostObjectType: typeof(NotebookGlobals));
        var documentId = DocumentId.CreateNewId(projectId, name);
        _solution = _solution
            .AddProject(project)
            .AddDocument(DocumentInfo.Create(
                documentId,
                name + ".csx",
                sourceCodeKind: SourceCodeKind.Script,
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(code), VersionStamp.Create())),
                filePath: string.IsNullOrEmpty(scriptOptions.FilePath) ? null : scriptOptions.FilePath));
        return documentId;
    }

    private static List<Script> Chain(Script? last)
    {
        var chain = new List<Script>();
        for (var script = last; script is not null; script = script.Previous)
        {
            chain.Add(script);
        }

        chain.Reverse();
        return chain;
    }

    public void Dispose() => _workspace.Dispose();
}
