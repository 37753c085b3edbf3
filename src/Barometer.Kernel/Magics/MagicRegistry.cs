using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Magics;

/// <summary>
/// The <c>#!</c> names this kernel understands, each mapped to its handler: the magic commands (<c>#!time</c>,
/// <c>#!lsmagic</c>, <c>#!about</c>, <c>#!who</c>, <c>#!whos</c>, <c>#!share</c>, <c>#!set</c>) and the kernel lines
/// whose cells it runs or shows (<c>#!csharp</c>, <c>#!html</c>, <c>#!markdown</c>, <c>#!javascript</c>, <c>#!value</c>).
/// Other kernel names (<c>#!fsharp</c>, <c>#!pwsh</c>, …) are known to <see cref="KernelNames"/> but have no handler:
/// their cells are refused as another language.
/// </summary>
internal static class MagicRegistry
{
    /// <summary>Every handler, magic commands first.</summary>
    public static IReadOnlyList<IMagicCommand> All { get; } =
    [
        new TimeMagic(),
        new LsMagic(),
        new AboutMagic(),
        new WhoMagic(detailed: false),
        new WhoMagic(detailed: true),
        new ShareMagic(),
        new SetMagic(),
        new CSharpKernelLine(),
        KernelCell.Html,
        KernelCell.Markdown,
        KernelCell.JavaScript,
        new ValueCell(),
    ];

    private static readonly Dictionary<string, IMagicCommand> ByName = All
        .SelectMany(c => new[] { c.Name }.Concat(c.Aliases).Select(n => (Name: n, Command: c)))
        .ToDictionary(p => p.Name, p => p.Command, StringComparer.Ordinal);

    /// <summary>The handler of <paramref name="name"/> (with its <c>#!</c>), also for a kernel line named by an alias.</summary>
    public static bool TryGet(string name, out IMagicCommand command)
    {
        if (ByName.TryGetValue(name, out command!))
        {
            return true;
        }

        // Kernel aliases as KernelNames knows them (#!C#, #!powershell…); only kernels with a handler resolve.
        return name.Length > 2 && KernelNames.IsKnown(name[2..]) && ByName.TryGetValue("#!" + KernelNames.Normalize(name[2..]), out command!);
    }

    /// <summary>For error messages: the magic commands and the kernel lines, by name.</summary>
    public static string Supported =>
        "magic commands " + string.Join(", ", All.Where(c => !c.IsKernel).Select(c => c.Name))
        + "; kernel lines " + string.Join(", ", All.Where(c => c.IsKernel).Select(c => c.Name))
        + " (#!lsmagic shows how to write each)";
}
