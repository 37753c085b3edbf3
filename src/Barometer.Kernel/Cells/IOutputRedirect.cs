using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Cells;

/// <summary>
/// Where a flow's console text and displays go instead of the running cell's output, while set: an <c>Output</c>
/// widget capturing them (<c>using (output.Capture()) …</c>). Per async flow, so only the code inside the capture is
/// redirected, also in comm handlers where no cell runs.
/// </summary>
internal interface IOutputRedirect
{
    /// <summary>The redirect of this async flow, if any.</summary>
    static IOutputRedirect? Current => OutputRedirects.Current.Value;

    /// <summary>Console text (<c>stdout</c> or <c>stderr</c>).</summary>
    void WriteStream(string name, string text);

    /// <summary>A displayed value's bundle.</summary>
    void AddDisplay(MimeBundle data);
}
