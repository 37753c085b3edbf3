using System.Reflection;
using Barometer.Kernel.Packages;
using Barometer.Kernel.Tests.Support;

#pragma warning disable CA1861 // Expected values and inputs stay written inline where the test uses them; each test runs once, so a static field gains nothing.

namespace Barometer.Kernel.Tests.Packages;

/// <summary>
/// Native libraries of packages resolve through the session's load context: a package-like assembly whose
/// <c>[DllImport("barometer_native_probe")]</c> names a library found only among the registered native files
/// (a copy of the system's zlib under <c>runtimes/&lt;rid&gt;/native/</c>, as NuGet lays them out).
/// </summary>
public class PackageLoadContextTests
{
    private const string ProbeSource = """
        using System.Runtime.InteropServices;
        namespace Probe
        {
            public static class Native
            {
                [DllImport("barometer_native_probe")]
                private static extern System.IntPtr zlibVersion();

                public static string Version() => Marshal.PtrToStringAnsi(zlibVersion());
            }
        }
        """;

    [Fact]
    public void A_dllimport_of_a_package_resolves_to_the_registered_native_library_and_not_without_it()
    {
        Assert.True(OperatingSystem.IsLinux(), "this test copies the system's libz.so.1 (Linux)");
        var zlib = new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib" }
            .Select(d => Path.Combine(d, "libz.so.1"))
            .FirstOrDefault(File.Exists);
        Assert.True(zlib is not null, "libz.so.1 not found");

        using var folder = new TempDirectory();
        var assembly = TinyAssembly.Emit(folder.File("lib/net10.0/Probe.dll"), "Probe", ProbeSource);
        var native = folder.File("runtimes/linux-x64/native/libbarometer_native_probe.so");
        Directory.CreateDirectory(Path.GetDirectoryName(native)!);
        File.Copy(zlib!, native);

        var withNative = new PackageLoadContext("with native");
        withNative.Register([assembly], [native]);
        var version = Invoke(withNative.LoadPackageAssembly(assembly));
        Assert.Matches(@"^\d+\.\d+", version);

        var withoutNative = new PackageLoadContext("without native");
        withoutNative.Register([assembly], []);
        var error = Assert.Throws<TargetInvocationException>(() => Invoke(withoutNative.LoadPackageAssembly(assembly)));
        Assert.IsType<DllNotFoundException>(error.InnerException);
    }

    [Fact]
    public void A_package_assembly_the_process_already_carries_resolves_to_the_process_copy_as_cells_do()
    {
        // Roslyn binds a cell's reference to the default context's assembly when the process has one; package code must
        // get the same one, or a type passed between them is two types (MissingMethodException).
        using var folder = new TempDirectory();
        var hostCopy = typeof(NuGet.Versioning.NuGetVersion).Assembly;
        var packageCopy = folder.File("lib/net10.0/NuGet.Versioning.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(packageCopy)!);
        File.Copy(hostCopy.Location, packageCopy);
        var probe = TinyAssembly.Emit(folder.File("lib/net10.0/VersionProbe.dll"), "VersionProbe",
            "namespace Probe { public static class Versions { public static object Parse(string s) => NuGet.Versioning.NuGetVersion.Parse(s); } }",
            hostCopy.Location);

        var context = new PackageLoadContext("host first");
        context.Register([packageCopy, probe], []);

        Assert.Same(hostCopy, context.LoadPackageAssembly(packageCopy));
        var parsed = context.LoadPackageAssembly(probe).GetType("Probe.Versions", throwOnError: true)!.GetMethod("Parse")!.Invoke(null, ["1.2.3"]);
        Assert.IsType<NuGet.Versioning.NuGetVersion>(parsed); // the probe's dependency is the process's copy, not a second one
    }

    private static string Invoke(Assembly assembly) =>
        (string)assembly.GetType("Probe.Native", throwOnError: true)!.GetMethod("Version")!.Invoke(null, null)!;
}
