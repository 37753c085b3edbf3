// Loaded by 28-files-beside-the-notebook.ipynb with #load: a script file's declarations join the session.
public record Segment(double From, double To)
{
    public double Length => Math.Abs(To - From);
}

static double TotalLength(IEnumerable<Segment> segments) => segments.Sum(segment => segment.Length);

var geometryLoaded = "geometry.csx loaded";
