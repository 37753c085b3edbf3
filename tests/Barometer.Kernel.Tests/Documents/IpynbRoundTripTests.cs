using System.Text.Json.Nodes;
using Barometer.Kernel.Documents;

#pragma warning disable CA1861 // Expected values and inputs stay written inline where the test uses them; each test runs once, so a static field gains nothing.

namespace Barometer.Kernel.Tests.Documents;

public class IpynbRoundTripTests
{
    // What VS Code Polyglot Notebooks / Jupyter write: sorted keys, 1-space indent, non-ASCII unescaped,
    // multiline strings as line arrays, final newline. Includes unknown metadata at every level, an
    // attachment, outputs of all four types and a number token (2.50) that must survive as written.
    private const string PolyglotNotebook = """
{
 "cells": [
  {
   "attachments": {
    "image.png": {
     "image/png": "iVBORw0KGgo="
    }
   },
   "cell_type": "markdown",
   "metadata": {
    "custom": {
     "nested": [
      1,
      2.50,
      {
       "z": null
      }
     ]
    }
   },
   "source": [
    "# Café — <b>résumé</b>\n",
    "Tab\there \"quoted\" \\ back\\slash"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {
    "dotnet_interactive": {
     "language": "csharp"
    },
    "polyglot_notebook": {
     "kernelName": "csharp"
    },
    "tags": [
     "parameters"
    ],
    "vscode": {
     "languageId": "polyglot-notebook"
    }
   },
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "hello\n",
      "world\n"
     ]
    },
    {
     "data": {
      "text/html": [
       "<table><tr><td>1</td></tr></table>"
      ],
      "text/plain": [
       "[1]"
      ]
     },
     "metadata": {},
     "output_type": "display_data"
    },
    {
     "data": {
      "application/json": {
       "a": [
        1,
        2
       ]
      },
      "text/plain": [
       "42"
      ]
     },
     "execution_count": 3,
     "metadata": {
      "isolated": true
     },
     "output_type": "execute_result"
    },
    {
     "ename": "InvalidOperationException",
     "evalue": "boom",
     "output_type": "error",
     "traceback": [
      "Cell 2: boom",
      "   at <cell 2> in cell 2, line 1"
     ]
    }
   ],
   "source": [
    "var x = 1;\n",
    "Console.WriteLine(\"hello\\nworld\");\n",
    "x + 41"
   ]
  },
  {
   "cell_type": "raw",
   "metadata": {},
   "source": []
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": ".NET (C#)",
   "language": "C#",
   "name": ".net-csharp"
  },
  "language_info": {
   "name": "polyglot-notebook"
  },
  "polyglot_notebook": {
   "kernelInfo": {
    "defaultKernelName": "csharp",
    "items": [
     {
      "aliases": [],
      "name": "csharp"
     }
    ]
   }
  },
  "unknown_tool": {
   "setting": "kept \u0001 control"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 2,
 "some_future_field": {
  "kept": true
 }
}

""";

    [Fact]
    public void Read_then_write_is_byte_identical_for_a_Polyglot_notebook()
    {
        var text = PolyglotNotebook.ReplaceLineEndings("\n");
        var notebook = IpynbReader.Parse(text);

        var written = IpynbWriter.Serialize(notebook);

        Assert.Equal(text, written);
    }

    [Fact]
    public void Reader_exposes_Polyglot_structure_and_keeps_unknown_metadata()
    {
        var notebook = IpynbReader.Parse(PolyglotNotebook);

        Assert.Equal(3, notebook.Cells.Count);
        Assert.Equal("csharp", notebook.DefaultKernelName);
        Assert.Equal(new[] { CellType.Markdown, CellType.Code, CellType.Raw }, notebook.Cells.Select(c => c.CellType));
        var code = notebook.Cells[1];
        Assert.Equal("var x = 1;\nConsole.WriteLine(\"hello\\nworld\");\nx + 41", code.Source);
        Assert.Equal("csharp", code.KernelName);
        Assert.True(code.HasTag("parameters"));
        Assert.Equal(3, code.ExecutionCount);
        Assert.Equal(new[] { "stream", "display_data", "execute_result", "error" }, code.Outputs.Select(o => o.OutputType));
        Assert.Equal("hello\nworld\n", code.Outputs[0].Text);
        Assert.Equal("boom", code.Outputs[3].EValue);
        Assert.Equal("kept \u0001 control", notebook.Metadata["unknown_tool"]!["setting"]!.GetValue<string>());
        Assert.True(notebook.ExtraProperties.ContainsKey("some_future_field"));
        Assert.True(notebook.Cells[0].ExtraProperties.ContainsKey("attachments"));
    }

    [Fact]
    public void Writer_uses_one_space_indent_and_sorted_keys_even_for_other_input_formatting()
    {
        const string twoSpaceUnsorted = """
        {
          "nbformat_minor": 5,
          "nbformat": 4,
          "metadata": { "zeta": 1, "alpha": { "b": 2, "a": 1 } },
          "cells": [ { "source": "a\nb", "metadata": {}, "id": "c1", "cell_type": "markdown" } ]
        }
        """;
        var notebook = IpynbReader.Parse(twoSpaceUnsorted);

        var written = IpynbWriter.Serialize(notebook);

        Assert.StartsWith("{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n   \"id\": \"c1\",", written, StringComparison.Ordinal);
        Assert.Contains("\n \"metadata\": {\n  \"alpha\": {\n   \"a\": 1,\n   \"b\": 2\n  },\n  \"zeta\": 1\n },", written, StringComparison.Ordinal);
        Assert.Contains("\"source\": [\n    \"a\\n\",\n    \"b\"\n   ]", written, StringComparison.Ordinal);
        Assert.EndsWith("\"nbformat_minor\": 5\n}\n", written, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(twoSpaceUnsorted)!["metadata"], JsonNode.Parse(written)!["metadata"]));
    }

    [Fact]
    public void Created_numbers_are_written_as_integers_and_doubles()
    {
        var notebook = Notebook.CreatePolyglot();
        var cell = NotebookCell.CreateCode("1");
        cell.ExecutionCount = 7;
        cell.Metadata["duration"] = 0.5;
        cell.Metadata["whole"] = 2.0;
        cell.Metadata["count"] = 12L;
        notebook.Cells.Add(cell);

        var written = IpynbWriter.Serialize(notebook);

        Assert.Contains("\"execution_count\": 7,", written, StringComparison.Ordinal);
        Assert.Contains("\"duration\": 0.5,", written, StringComparison.Ordinal);
        Assert.Contains("\"whole\": 2.0", written, StringComparison.Ordinal);
        Assert.Contains("\"count\": 12,", written, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureCellIds_upgrades_to_4_5_with_unique_stable_ids_and_keeps_existing_ones()
    {
        var notebook = IpynbReader.Parse(PolyglotNotebook);
        notebook.Cells[2].Id = "keep-me";
        notebook.Cells.Add(NotebookCell.CreateMarkdown(notebook.Cells[0].Source));

        notebook.EnsureCellIds();
        var again = IpynbReader.Parse(PolyglotNotebook);
        again.Cells[2].Id = "keep-me";
        again.Cells.Add(NotebookCell.CreateMarkdown(again.Cells[0].Source));
        again.EnsureCellIds();

        Assert.Equal(5, notebook.NbFormatMinor);
        Assert.Equal("keep-me", notebook.Cells[2].Id);
        Assert.All(notebook.Cells, c => Assert.True(Notebook.IsValidCellId(c.Id!), c.Id));
        Assert.Equal(notebook.Cells.Count, notebook.Cells.Select(c => c.Id).Distinct().Count());
        Assert.Equal(notebook.Cells.Select(c => c.Id), again.Cells.Select(c => c.Id));
    }

    [Theory]
    [InlineData("{\"nbformat\": 3, \"nbformat_minor\": 0, \"cells\": [], \"metadata\": {}}", "nbformat 3")]
    [InlineData("{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}}", "cells")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"weird\", \"source\": \"\"}]}", "cell_type 'weird'")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": [1, 2]}]}", "Cell 1 is not valid nbformat 4")]
    public void Invalid_notebooks_are_reported_clearly(string json, string expected)
    {
        var error = Assert.Throws<NotebookFormatException>(() => IpynbReader.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_given_as_a_single_string_is_read()
    {
        var notebook = IpynbReader.Parse("{\"nbformat\": 4, \"nbformat_minor\": 4, \"metadata\": {}, \"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"source\": \"a\\r\\nb\", \"outputs\": [], \"execution_count\": null}]}");

        Assert.Equal("a\r\nb", notebook.Cells[0].Source);
        Assert.Null(notebook.Cells[0].ExecutionCount);
        Assert.Contains("\"source\": [\n    \"a\\r\\n\",\n    \"b\"\n   ]", IpynbWriter.Serialize(notebook), StringComparison.Ordinal);
    }
}
