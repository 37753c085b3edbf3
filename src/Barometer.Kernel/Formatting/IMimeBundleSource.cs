using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Formatting;

/// <summary>
/// A value that gives its own bundle, which <see cref="FormatterSet.Format"/> shows as it is: a Jupyter widget (its view,
/// which opens its comm, and the text/plain fallback). Owned here so that the formatters do not depend on the widgets.
/// </summary>
internal interface IMimeBundleSource
{
    /// <summary>The value's bundle.</summary>
    MimeBundle ToMimeBundle();
}
