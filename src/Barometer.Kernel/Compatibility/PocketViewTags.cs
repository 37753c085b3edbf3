namespace Microsoft.DotNet.Interactive.Formatting;

#pragma warning disable IDE1006, CA1707 // lower-case names are the .NET Interactive API notebooks are written against

/// <summary>
/// The PocketView tags of .NET Interactive: every cell imports this class statically, so <c>div(...)</c>,
/// <c>span[style: "…"](...)</c>, <c>table(tr(td(...)))</c> work without a <c>using</c>, as they did there. Each
/// access makes a new element (see <see cref="PocketView"/>); <see cref="_"/> makes any other tag (<c>_.article("…")</c>).
/// <c>br</c> and <c>input</c> close themselves (<c>&lt;br /&gt;</c>).
/// </summary>
public static class PocketViewTags
{
    /// <summary>A root view: <c>_.anyTag(...)</c> makes an element of that name.</summary>
    public static dynamic _ { get; } = new PocketView();

    /// <summary>The <c>&lt;br /&gt;</c> element.</summary>
    public static dynamic br => new PocketView("br", selfClosing: true);

    /// <summary>The <c>&lt;input /&gt;</c> element.</summary>
    public static dynamic input => new PocketView("input", selfClosing: true);

    /// <summary>The <c>&lt;a&gt;</c> element.</summary>
    public static dynamic a => new PocketView("a");

    /// <summary>The <c>&lt;area&gt;</c> element.</summary>
    public static dynamic area => new PocketView("area");

    /// <summary>The <c>&lt;aside&gt;</c> element.</summary>
    public static dynamic aside => new PocketView("aside");

    /// <summary>The <c>&lt;b&gt;</c> element.</summary>
    public static dynamic b => new PocketView("b");

    /// <summary>The <c>&lt;body&gt;</c> element.</summary>
    public static dynamic body => new PocketView("body");

    /// <summary>The <c>&lt;button&gt;</c> element.</summary>
    public static dynamic button => new PocketView("button");

    /// <summary>The <c>&lt;caption&gt;</c> element.</summary>
    public static dynamic caption => new PocketView("caption");

    /// <summary>The <c>&lt;center&gt;</c> element.</summary>
    public static dynamic center => new PocketView("center");

    /// <summary>The <c>&lt;circle&gt;</c> element.</summary>
    public static dynamic circle => new PocketView("circle");

    /// <summary>The <c>&lt;code&gt;</c> element.</summary>
    public static dynamic code => new PocketView("code");

    /// <summary>The <c>&lt;colgroup&gt;</c> element.</summary>
    public static dynamic colgroup => new PocketView("colgroup");

    /// <summary>The <c>&lt;dd&gt;</c> element.</summary>
    public static dynamic dd => new PocketView("dd");

    /// <summary>The <c>&lt;details&gt;</c> element.</summary>
    public static dynamic details => new PocketView("details");

    /// <summary>The <c>&lt;div&gt;</c> element.</summary>
    public static dynamic div => new PocketView("div");

    /// <summary>The <c>&lt;dl&gt;</c> element.</summary>
    public static dynamic dl => new PocketView("dl");

    /// <summary>The <c>&lt;dt&gt;</c> element.</summary>
    public static dynamic dt => new PocketView("dt");

    /// <summary>The <c>&lt;em&gt;</c> element.</summary>
    public static dynamic em => new PocketView("em");

    /// <summary>The <c>&lt;figure&gt;</c> element.</summary>
    public static dynamic figure => new PocketView("figure");

    /// <summary>The <c>&lt;font&gt;</c> element.</summary>
    public static dynamic font => new PocketView("font");

    /// <summary>The <c>&lt;form&gt;</c> element.</summary>
    public static dynamic form => new PocketView("form");

    /// <summary>The <c>&lt;g&gt;</c> element.</summary>
    public static dynamic g => new PocketView("g");

    /// <summary>The <c>&lt;h1&gt;</c> element.</summary>
    public static dynamic h1 => new PocketView("h1");

    /// <summary>The <c>&lt;h2&gt;</c> element.</summary>
    public static dynamic h2 => new PocketView("h2");

    /// <summary>The <c>&lt;h3&gt;</c> element.</summary>
    public static dynamic h3 => new PocketView("h3");

    /// <summary>The <c>&lt;h4&gt;</c> element.</summary>
    public static dynamic h4 => new PocketView("h4");

    /// <summary>The <c>&lt;h5&gt;</c> element.</summary>
    public static dynamic h5 => new PocketView("h5");

    /// <summary>The <c>&lt;h6&gt;</c> element.</summary>
    public static dynamic h6 => new PocketView("h6");

    /// <summary>The <c>&lt;head&gt;</c> element.</summary>
    public static dynamic head => new PocketView("head");

    /// <summary>The <c>&lt;header&gt;</c> element.</summary>
    public static dynamic header => new PocketView("header");

    /// <summary>The <c>&lt;hgroup&gt;</c> element.</summary>
    public static dynamic hgroup => new PocketView("hgroup");

    /// <summary>The <c>&lt;hr&gt;</c> element.</summary>
    public static dynamic hr => new PocketView("hr");

    /// <summary>The <c>&lt;html&gt;</c> element.</summary>
    public static dynamic html => new PocketView("html");

    /// <summary>The <c>&lt;i&gt;</c> element.</summary>
    public static dynamic i => new PocketView("i");

    /// <summary>The <c>&lt;iframe&gt;</c> element.</summary>
    public static dynamic iframe => new PocketView("iframe");

    /// <summary>The <c>&lt;img&gt;</c> element.</summary>
    public static dynamic img => new PocketView("img");

    /// <summary>The <c>&lt;label&gt;</c> element.</summary>
    public static dynamic label => new PocketView("label");

    /// <summary>The <c>&lt;li&gt;</c> element.</summary>
    public static dynamic li => new PocketView("li");

    /// <summary>The <c>&lt;line&gt;</c> element.</summary>
    public static dynamic line => new PocketView("line");

    /// <summary>The <c>&lt;link&gt;</c> element.</summary>
    public static dynamic link => new PocketView("link");

    /// <summary>The <c>&lt;main&gt;</c> element.</summary>
    public static dynamic main => new PocketView("main");

    /// <summary>The <c>&lt;menu&gt;</c> element.</summary>
    public static dynamic menu => new PocketView("menu");

    /// <summary>The <c>&lt;menuitem&gt;</c> element.</summary>
    public static dynamic menuitem => new PocketView("menuitem");

    /// <summary>The <c>&lt;meta&gt;</c> element.</summary>
    public static dynamic meta => new PocketView("meta");

    /// <summary>The <c>&lt;meter&gt;</c> element.</summary>
    public static dynamic meter => new PocketView("meter");

    /// <summary>The <c>&lt;nav&gt;</c> element.</summary>
    public static dynamic nav => new PocketView("nav");

    /// <summary>The <c>&lt;ol&gt;</c> element.</summary>
    public static dynamic ol => new PocketView("ol");

    /// <summary>The <c>&lt;optgroup&gt;</c> element.</summary>
    public static dynamic optgroup => new PocketView("optgroup");

    /// <summary>The <c>&lt;option&gt;</c> element.</summary>
    public static dynamic option => new PocketView("option");

    /// <summary>The <c>&lt;p&gt;</c> element.</summary>
    public static dynamic p => new PocketView("p");

    /// <summary>The <c>&lt;pre&gt;</c> element.</summary>
    public static dynamic pre => new PocketView("pre");

    /// <summary>The <c>&lt;progress&gt;</c> element.</summary>
    public static dynamic progress => new PocketView("progress");

    /// <summary>The <c>&lt;q&gt;</c> element.</summary>
    public static dynamic q => new PocketView("q");

    /// <summary>The <c>&lt;script&gt;</c> element.</summary>
    public static dynamic script => new PocketView("script");

    /// <summary>The <c>&lt;section&gt;</c> element.</summary>
    public static dynamic section => new PocketView("section");

    /// <summary>The <c>&lt;select&gt;</c> element.</summary>
    public static dynamic select => new PocketView("select");

    /// <summary>The <c>&lt;small&gt;</c> element.</summary>
    public static dynamic small => new PocketView("small");

    /// <summary>The <c>&lt;source&gt;</c> element.</summary>
    public static dynamic source => new PocketView("source");

    /// <summary>The <c>&lt;span&gt;</c> element.</summary>
    public static dynamic span => new PocketView("span");

    /// <summary>The <c>&lt;strike&gt;</c> element.</summary>
    public static dynamic strike => new PocketView("strike");

    /// <summary>The <c>&lt;style&gt;</c> element.</summary>
    public static dynamic style => new PocketView("style");

    /// <summary>The <c>&lt;strong&gt;</c> element.</summary>
    public static dynamic strong => new PocketView("strong");

    /// <summary>The <c>&lt;sub&gt;</c> element.</summary>
    public static dynamic sub => new PocketView("sub");

    /// <summary>The <c>&lt;summary&gt;</c> element.</summary>
    public static dynamic summary => new PocketView("summary");

    /// <summary>The <c>&lt;sup&gt;</c> element.</summary>
    public static dynamic sup => new PocketView("sup");

    /// <summary>The <c>&lt;svg&gt;</c> element.</summary>
    public static dynamic svg => new PocketView("svg");

    /// <summary>The <c>&lt;table&gt;</c> element.</summary>
    public static dynamic table => new PocketView("table");

    /// <summary>The <c>&lt;tbody&gt;</c> element.</summary>
    public static dynamic tbody => new PocketView("tbody");

    /// <summary>The <c>&lt;td&gt;</c> element.</summary>
    public static dynamic td => new PocketView("td");

    /// <summary>The <c>&lt;text&gt;</c> element.</summary>
    public static dynamic text => new PocketView("text");

    /// <summary>The <c>&lt;textarea&gt;</c> element.</summary>
    public static dynamic textarea => new PocketView("textarea");

    /// <summary>The <c>&lt;tfoot&gt;</c> element.</summary>
    public static dynamic tfoot => new PocketView("tfoot");

    /// <summary>The <c>&lt;th&gt;</c> element.</summary>
    public static dynamic th => new PocketView("th");

    /// <summary>The <c>&lt;thead&gt;</c> element.</summary>
    public static dynamic thead => new PocketView("thead");

    /// <summary>The <c>&lt;title&gt;</c> element.</summary>
    public static dynamic title => new PocketView("title");

    /// <summary>The <c>&lt;tr&gt;</c> element.</summary>
    public static dynamic tr => new PocketView("tr");

    /// <summary>The <c>&lt;u&gt;</c> element.</summary>
    public static dynamic u => new PocketView("u");

    /// <summary>The <c>&lt;ul&gt;</c> element.</summary>
    public static dynamic ul => new PocketView("ul");

    /// <summary>The <c>&lt;video&gt;</c> element.</summary>
    public static dynamic video => new PocketView("video");
}
